// The shape of one try at a step, shared by the step kinds.
import type { ConsoleOutcome, Failure } from '../../report/model.js';

/** The outcome of one attempt at a step. */
export interface Attempt {
  ok: boolean;
  output: string;
  failure?: Failure;
  /** False when trying again cannot help (e.g. the engine is missing). */
  retryable?: boolean;
  /** A console step's commands as they ran. */
  transcript?: ConsoleOutcome[];
}

/** Limits for one attempt. */
export interface AttemptLimits {
  timeoutMs: number;
  /** True when the time limit comes from the recipe's own timeout, not the block's. */
  recipeDeadline: boolean;
  signal: AbortSignal;
}
