// The per-recipe run context shared by every step: ids, directories, environment, stop signal.
import type { EngineName } from '../recipe/model.js';
import type { Assertion } from '../assert/model.js';
import type { AssertionOutcome } from '../assert/evaluate.js';

/** A running `background` block. */
export interface BackgroundStep {
  pgid: number;
  marker: string;
  stepId: string;
  line: number;
  /** The jail it runs in (jail=), if any. */
  jail?: string;
  outputFile: string;
  started: number;
  /** How it ended, once it has. */
  end?: { exitCode?: number; signal?: string; at: number };
  /** Its exit has been reported (or it was ended by teardown). */
  settled: boolean;
  /** Why its end was no failure, when the recipe ended it (its jail stopped). */
  note?: string;
}

/** Everything a step needs from the run around it. */
export interface RunContext {
  /** Unique id of this recipe run (marks its processes). */
  runId: string;
  /** The lab's short id (VESSEL_LAB). */
  lab: string;
  engine: EngineName;
  /** The recipe's work directory (VESSEL_WORKDIR). */
  workdir: string;
  /** Private directory for state files, scripts and output captures: no jail ever sees it. */
  privdir: string;
  /** The files of jail blocks (scripts, a copy of the exports, what they save): a thin root shows it. */
  jailFiles: string;
  /** The exported-variable state file, sourced by every block. */
  stateFile: string;
  /** Base environment for every block. */
  env: Record<string, string>;
  /** Fires when the run is interrupted or the recipe timeout is hit. */
  signal: AbortSignal;
  /** Absolute deadline (ms since epoch) from the recipe's timeout. */
  deadline: number;
  /** Background steps: ended at teardown, watched for an exit before then. */
  background: BackgroundStep[];
  /** The run keeps its work directory (--keep): excerpts name the file with the whole output. */
  keep: boolean;
  /** Counter for unique file names. */
  seq: number;
  /** argv prefix that enters the lab host, or the named jail; a string explains why it cannot. */
  enter(jail: string | undefined): string[] | string;
  /** Evaluates assertions against the lab (undefined without an engine). */
  assertAll?: (assertions: Assertion[]) => Promise<AssertionOutcome[]>;
  /** A jail's state now, or undefined when it is gone (a background block in it ends with it). */
  jailState(jail: string): { state: string; stoppedAt?: number } | undefined;
  /** Where a logged engine command runs, as the backend tells it (for --show-commands). */
  entryOf?: (args: string[]) => { where: string; rest: string[] } | undefined;
  /** Where engine commands of the current attempt are logged (for --show-commands). */
  setCommandLog(path: string | undefined): void;
}
