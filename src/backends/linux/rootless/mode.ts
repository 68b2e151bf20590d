// Which mode the Linux engine runs in: as the machine's root, or rootless inside a user's lab host (holder.ts).
import { readFileSync } from 'node:fs';

/** Set by a rootless start for the command it runs again inside the lab host. */
export const ROOTLESS_ENV = 'VESSEL_ROOTLESS';

/** Whether a uid_map text maps the whole id space to itself (the machine's own user namespace). */
export function isInitialUserns(uidMap: string): boolean {
  return uidMap.trim().split(/\s+/).join(' ') === '0 0 4294967295';
}

/** Whether this process runs inside a rootless lab host: marked so by its start, and in a user namespace of its own. */
export function rootlessInside(): boolean {
  if (process.env[ROOTLESS_ENV] !== '1') return false;
  try {
    return !isInitialUserns(readFileSync('/proc/self/uid_map', 'utf8'));
  } catch {
    return false;
  }
}
