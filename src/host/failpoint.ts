// Named points in long engine procedures where a test can hold vessel, to kill it there (VESSEL_FAILPOINT=NAME).
import { writeFileSync } from 'node:fs';

/** When VESSEL_FAILPOINT names this point, says so in VESSEL_FAILPOINT_READY (a file) and waits forever. */
export async function failpoint(name: string): Promise<void> {
  if (process.env.VESSEL_FAILPOINT !== name) return;
  if (process.env.VESSEL_FAILPOINT_READY) writeFileSync(process.env.VESSEL_FAILPOINT_READY, `${process.pid}\n`);
  await new Promise(() => setInterval(() => undefined, 60_000));
}
