// Labs, the same for every backend: who owns one.
import type { LabRow } from './model.js';

/** Who owns a new lab. */
export interface LabOwner {
  kind: 'run' | 'manual';
  pid?: number;
  runId?: string;
  /** Build the simulated outside (upstream + www.example) as the lab's uplink. */
  simulatedUplink?: boolean;
}

/** True when a run lab's owner process is gone (manual and kept labs are never stale); `startOf` reads a PID's start time. */
export function isStale(lab: LabRow, startOf: (pid: number) => string | undefined): boolean {
  if (lab.kind !== 'run' || lab.kept) return false;
  if (!lab.owner_pid) return true;
  const start = startOf(lab.owner_pid);
  return start === undefined || start !== lab.owner_start;
}
