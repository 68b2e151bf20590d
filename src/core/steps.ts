// Named steps: a long procedure (creating jails) written as a list of steps that read in order.

/** One named step over a shared state. */
export interface Step<S> {
  name: string;
  run(s: S): Promise<void> | void;
}

/** Total milliseconds per step name since timeSteps(true), for the benches' breakdowns; empty when not timing. */
export const stepTimes = new Map<string, number>();
let timing = false;

/** Starts (clearing what was counted) or stops counting where steps spend their time. */
export function timeSteps(on: boolean): void {
  timing = on;
  stepTimes.clear();
}

/** Runs the steps in order, stopping at the first that throws (the caller undoes what was made). */
export async function runSteps<S>(state: S, steps: Step<S>[]): Promise<void> {
  for (const st of steps) {
    if (!timing) {
      await st.run(state);
      continue;
    }
    const t0 = performance.now();
    await st.run(state);
    stepTimes.set(st.name, (stepTimes.get(st.name) ?? 0) + performance.now() - t0);
  }
}
