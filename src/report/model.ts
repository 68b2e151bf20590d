// Outcomes of a run as plain data: what reporters receive.
import type { Topology } from './topology.js';

/** How a step ended. `notrun`: an earlier step failed or the run was stopped. */
export type StepStatus = 'pass' | 'fail' | 'skip' | 'notrun';

/** Why a step failed. */
export interface Failure {
  /** exit: wrong status; mismatch: console output differs; timeout; start: could not run; engine: needs the engine; interrupted. */
  kind: 'exit' | 'mismatch' | 'assertion' | 'timeout' | 'start' | 'engine' | 'interrupted' | 'recipe-timeout' | 'write' | 'exercise';
  message: string;
  /** Recipe line the failure points at. */
  line: number;
  /** A unified diff of expected against actual, for console mismatches. */
  diff?: string;
  /** For assertions: what was tried and what came back, one line each. */
  details?: string[];
}

/** The result of one step. */
export interface StepResult {
  id: string;
  line: number;
  kind: 'sh' | 'console' | 'assert' | 'file';
  lang: string;
  jail?: string;
  heading?: string;
  status: StepStatus;
  /** Why it was skipped or not run. */
  reason?: string;
  durationMs: number;
  attempts: number;
  /** Captured output (console: the actual transcript). */
  output: string;
  background?: boolean;
  failure?: Failure;
  /** The engine commands the step ran (ip, nsenter, fping...), for --show-commands. */
  commands?: string[];
  /** A console step's commands as they ran: the command's line, its output lines (absent when too large), its status. */
  transcript?: ConsoleOutcome[];
  /** On an exercise's solution and check: the exercise and how it was solved. */
  exercise?: { id: string; outcome: ExerciseOutcome };
}

/** One console command as it ran, for `update`. */
export interface ConsoleOutcome {
  line: number;
  actual?: string[];
  exit: number;
}

/**
 * How an exercise was solved: by the learner (--step, `c` passed), by running its solution, or not at all; or its
 * solution ran but its check never did (the run stopped), so nothing shows it was solved.
 */
export type ExerciseOutcome = 'learner' | 'solution' | 'skipped' | 'unchecked';

/** An exercise outcome in words, for every reporter. */
export function exerciseWords(e: { id: string; outcome: ExerciseOutcome }): string {
  const words = {
    learner: 'solved by the learner',
    solution: 'solved by its solution',
    skipped: 'skipped',
    unchecked: 'its solution ran, but its check did not',
  };
  return `exercise ${e.id}: ${words[e.outcome]}`;
}

/** How a recipe ended. `unrunnable`: the host cannot run it (exit 3). */
export type RecipeStatus = 'pass' | 'fail' | 'skip' | 'unrunnable' | 'interrupted' | 'notrun';

/** The result of one recipe. */
export interface RecipeResult {
  path: string;
  name: string;
  title?: string;
  summary?: string;
  tags: string[];
  engine: string;
  lab: string;
  status: RecipeStatus;
  reason?: string;
  startedAt: string;
  durationMs: number;
  steps: StepResult[];
  /** Kept work directory (only with --keep). */
  keptWorkdir?: string;
  /** The lab as it stood at the end of the steps, before teardown. */
  topology?: Topology;
}

/** Counts of step statuses. */
export interface Totals {
  pass: number;
  fail: number;
  skip: number;
  notrun: number;
}

/** Counts the step statuses of some recipes. */
export function totals(recipes: RecipeResult[]): Totals {
  const t: Totals = { pass: 0, fail: 0, skip: 0, notrun: 0 };
  for (const r of recipes) for (const s of r.steps) t[s.status]++;
  return t;
}

/** The contract's exit status for a finished set of recipes. */
export function exitStatus(recipes: RecipeResult[], interrupted?: 'SIGINT' | 'SIGTERM'): number {
  if (interrupted === 'SIGINT') return 130;
  if (interrupted === 'SIGTERM') return 143;
  if (recipes.some((r) => r.status === 'fail')) return 1;
  if (recipes.some((r) => r.status === 'unrunnable')) return 3;
  return 0;
}
