// The lab of one recipe run, as a backend makes it: how steps enter it, how it is probed, how it ends.
import type { Prober } from '../assert/evaluate.js';

/** What a recipe run needs from its lab. */
export interface RunLab {
  id: string;
  /** Extra environment for steps (e.g. where the simulated internet logs requests). */
  env: Record<string, string>;
  /** The argv prefix of a step in `jail` (undefined or `host`: the lab host), or why it cannot run there. */
  enter(jail: string | undefined, wd: string): string[] | string;
  /** The address of the simulated outside host (`upstream` in assertions), when the lab has one. */
  upstream?: string;
  /** Probes for the lab's assertions. */
  prober: Prober;
  /** Where a logged command runs and the command inside it (an entry into a jail), or undefined for a host command. */
  entryOf(args: string[]): CommandEntry | undefined;
  /** Sends the engine's command log to this file from now on. */
  setCommandLog(path: string | undefined): void;
  /** Removes the lab, or marks it kept; returns notices for the run's report. */
  teardown(keep: boolean): Promise<string[]>;
}

/** A logged command that enters a jail or namespace: where it runs (`in jail web`), and the command run there. */
export interface CommandEntry {
  where: string;
  rest: string[];
}
