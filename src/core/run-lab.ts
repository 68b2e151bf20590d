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
  /** Sends the engine's command log to this file from now on. */
  setCommandLog(path: string | undefined): void;
  /** Removes the lab, or marks it kept; returns notices for the run's report. */
  teardown(keep: boolean): Promise<string[]>;
}
