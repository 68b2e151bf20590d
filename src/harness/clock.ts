// The recipe's timeout as a budget that runs down only while the clock runs: always in an ordinary run; with --step,
// only while steps run, never while the learner reads, answers a prompt or works in a shell.
/** A pausable countdown that calls `onOut` once when the budget is spent. */
export class RecipeClock {
  private left: number;
  private since: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  constructor(
    budgetMs: number,
    private readonly onOut: () => void,
  ) {
    this.left = budgetMs;
  }

  /** Starts the clock, or resumes it where it stopped. */
  run(): void {
    if (this.since !== undefined) return;
    this.since = Date.now();
    this.timer = setTimeout(
      () => {
        this.left = 0;
        this.since = undefined;
        this.onOut();
      },
      Math.max(0, this.left),
    );
  }

  /** Stops the clock, keeping what is left of the budget. */
  pause(): void {
    if (this.since === undefined) return;
    this.left = Math.max(0, this.left - (Date.now() - this.since));
    this.since = undefined;
    clearTimeout(this.timer);
  }

  /** When the budget runs out if the clock runs from now on (ms since epoch). */
  deadline(): number {
    return (this.since ?? Date.now()) + this.left;
  }

  /** What is left of the budget now, in ms. */
  remaining(): number {
    return this.deadline() - Date.now();
  }

  /** Runs `fn` with the clock stopped (a learner's turn), then lets it run again if it ran before. */
  paused<T>(fn: () => Promise<T>): Promise<T> {
    return this.during(false, fn);
  }

  /** Runs `fn` with the clock running (a check the learner asked for), then stops it again if it was stopped. */
  running<T>(fn: () => Promise<T>): Promise<T> {
    return this.during(true, fn);
  }

  /** Runs `fn` with the clock running or not, then puts it back as it was. */
  private async during<T>(run: boolean, fn: () => Promise<T>): Promise<T> {
    const was = this.since !== undefined;
    if (run) this.run();
    else this.pause();
    try {
      return await fn();
    } finally {
      if (was) this.run();
      else this.pause();
    }
  }
}
