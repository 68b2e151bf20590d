// Reading what a remote machine's tools print (pure): `ps -o stat= -o lstart= -o comm=` on FreeBSD and Linux.
import type { ProcessInfo } from '../core/host.js';

/** One process from `ps -o stat= -o lstart= -o comm= -p PID`: state, start time (five words), program name. */
export function parseBsdPs(out: string): ProcessInfo | undefined {
  const words = out.trim().split(/\s+/);
  if (words.length < 7) return undefined;
  const [stat, ...rest] = words;
  return { zombie: stat!.startsWith('Z'), start: rest.slice(0, 5).join(' '), name: rest.slice(5).join(' ') };
}
