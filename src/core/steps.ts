// Named steps: a long procedure (creating jails, running a recipe) written as a list of steps that read in order.

/** One named step over a shared state. */
export interface Step<S> {
  name: string;
  run(s: S): Promise<void> | void;
}

/** Runs the steps in order; a failing step's error carries its name (`creating jails: files: ...`) nowhere but in `step` for callers that want it. */
export async function runSteps<S>(state: S, steps: Step<S>[], onStep?: (name: string) => void): Promise<void> {
  for (const st of steps) {
    onStep?.(st.name);
    await st.run(state);
  }
}
