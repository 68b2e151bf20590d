// @ts-nocheck
// Tells when the run's work directory has run out of space, so a step that failed for it says so.
import { statfsSync } from 'node:fs';

/** Below this many free bytes the work directory counts as full (a block's output and state files no longer fit). */
const FULL_BELOW = 64 * 1024;

/** "no space left on device in DIR" when the filesystem of `dir` is full, else undefined. */
export function diskFullProblem(dir: string): string | undefined {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize < FULL_BELOW ? `no space left on device in ${dir}` : undefined;
  } catch {
    return undefined;
  }
}

/** True for an error that says the disk is full. */
export function isNoSpace(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC';
}
