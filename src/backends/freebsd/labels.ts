// Where a logged FreeBSD engine command runs (pure): `jexec vc-<lab>-<jail> CMD` is named by its jail, so reports name
// the place instead of showing the raw entry.
import type { CommandEntry } from '../../core/run-lab.js';

/** Where a `jexec` entry runs, and the command inside it; or undefined for a plain host command. */
export function freebsdEntryOf(args: string[]): CommandEntry | undefined {
  const m = args[0] === 'jexec' && args.length > 2 ? /^vc-[a-z0-9]+-(.+)$/.exec(args[1]!) : null;
  return m ? { where: `in jail ${m[1]}`, rest: args.slice(2) } : undefined;
}
