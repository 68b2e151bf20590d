// Named steps: a long procedure (creating jails) written as a list of steps that read in order.

/** One named step over a shared state. */
export interface Step<S> {
  name: string;
  run(s: S): Promise<void> | void;
}

/** Runs the steps in order, stopping at the first that throws (the caller undoes what was made). */
export async function runSteps<S>(state: S, steps: Step<S>[]): Promise<void> {
  for (const st of steps) await st.run(state);
}
