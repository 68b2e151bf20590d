// Plain data for a parsed recipe: front matter, steps and their options, all with 1-based line numbers.
import type { Assertion } from '../assert/model.js';

/** Backends a recipe can target. */
export type EngineName = 'linux' | 'freebsd';
/** All engine names, in a stable order. */
export const ENGINE_NAMES: readonly EngineName[] = ['linux', 'freebsd'];

/** Validated front matter with defaults filled in. */
export interface FrontMatter {
  title?: string;
  summary?: string;
  format: number;
  engines: EngineName[];
  needs: string[];
  timeoutMs: number;
  tags: string[];
}

/** Options of a block's info string, validated and defaulted. */
export interface StepOptions {
  jail?: string;
  timeoutMs: number;
  exit: number;
  /** Retry window in ms; undefined means the block runs once (assert blocks always retry). */
  retryMs?: number;
  background: boolean;
  skip: boolean;
  engine?: EngineName;
  name?: string;
  file?: string;
  /** `solution=ID`: this sh block is the reference solution of exercise ID. */
  solution?: string;
  /** `exercise=ID`: this assert or console block checks exercise ID. */
  exercise?: string;
  /** The raw options as written, for display. */
  raw: Record<string, string | true>;
}

/** Fields every step has. */
export interface StepBase {
  /** `name=` when given, else `L<line>`. */
  id: string;
  /** Line of the opening fence. */
  line: number;
  /** Line of the closing fence (or the last line, if unterminated). */
  endLine: number;
  lang: string;
  info: string;
  options: StepOptions;
  /** The text of the nearest heading above the block, if any. */
  heading?: string;
  /** The block's body exactly as written. */
  body: string;
}

/** A `sh`/`bash`/`shell` block. */
export interface ShStep extends StepBase {
  kind: 'sh';
}

/** One expected output line of a console command. */
export interface ExpectedLine {
  line: number;
  text: string;
  mode: 'exact' | 'any' | 're' | 'glob';
  /** For re and glob: the pattern without its suffix. */
  pattern?: string;
}

/** One `$ ` command of a console transcript with its expected output. */
export interface ConsoleCommand {
  line: number;
  command: string;
  expected: ExpectedLine[];
  /** Expected exit status (from a final `[N]`, else 0). */
  exit: number;
  /** Line of the `[N]` marker when one was written. */
  exitLine?: number;
}

/** A `console` transcript block. */
export interface ConsoleStep extends StepBase {
  kind: 'console';
  commands: ConsoleCommand[];
}

/** An `assert` block. */
export interface AssertStep extends StepBase {
  kind: 'assert';
  assertions: Assertion[];
}

/** Any block with `file=PATH`. */
export interface FileStep extends StepBase {
  kind: 'file';
  path: string;
}

/** A step of a recipe. */
export type Step = ShStep | ConsoleStep | AssertStep | FileStep;

/** A problem found in a recipe, tied to a line. */
export interface RecipeError {
  path: string;
  line: number;
  message: string;
}

/** A parsed recipe. */
export interface Recipe {
  path: string;
  /** File name without `.md`, used for report file names. */
  name: string;
  source: string;
  hasFrontMatter: boolean;
  meta: FrontMatter;
  steps: Step[];
}

/** True for steps that execute something (not file blocks). */
export function isRunnable(step: Step): boolean {
  return step.kind !== 'file';
}
