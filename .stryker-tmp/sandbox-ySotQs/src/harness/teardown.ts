// @ts-nocheck
// Ends everything a recipe run started: background blocks, then any process still carrying the run's marker.
import { endTree } from '../exec/procs.js';
import { RUN_MARKER, STEP_MARKER } from '../exec/spawn.js';
import type { RunContext } from './context.js';

/** Stops background steps and stray processes of the run; returns how many processes were ended. */
export async function endRunProcesses(ctx: RunContext): Promise<number> {
  let n = 0;
  for (const b of ctx.background) n += await endTree({ pgid: b.pgid, marker: { name: STEP_MARKER, value: b.marker }, graceMs: 1000 });
  n += await endTree({ marker: { name: RUN_MARKER, value: ctx.runId }, graceMs: 1000 });
  return n;
}
