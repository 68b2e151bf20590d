// @ts-nocheck
// The reporter interface: optional hooks over a run's events and outcomes.
import type { Recipe, Step } from '../recipe/model.js';
import type { RecipeResult, StepResult } from './model.js';

/** Hooks a reporter may implement; all are optional. */
export interface Reporter {
  onRunStart?(recipes: Recipe[]): void;
  onRecipeStart?(recipe: Recipe, info: { engine: string; lab: string }): void;
  onStepStart?(recipe: Recipe, step: Step): void;
  /** A retried step is about to try again. */
  onStepRetry?(recipe: Recipe, step: Step, attempt: number, lastError: string): void;
  onStepEnd?(recipe: Recipe, result: StepResult): void;
  onRecipeEnd?(recipe: Recipe, result: RecipeResult): void | Promise<void>;
  onRunEnd?(results: RecipeResult[], exitCode: number): void | Promise<void>;
  /** A one-line notice (teardown, interrupts). */
  onNotice?(message: string): void;
}

/** Calls one hook on every reporter, awaiting any promises in order. */
export async function emit<K extends keyof Reporter>(reporters: Reporter[], hook: K, ...args: Parameters<NonNullable<Reporter[K]>>): Promise<void> {
  for (const r of reporters) {
    const fn = r[hook] as ((...a: unknown[]) => unknown) | undefined;
    if (fn) await fn.apply(r, args);
  }
}
