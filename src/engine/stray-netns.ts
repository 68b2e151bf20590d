// Named network namespaces that a run's steps made (`ip netns add`), told apart from the engine's own by name.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

const NETNS_DIR = '/run/netns';
/** The file in a run's temporary directory that lists the namespaces that were there when it began. */
export const NETNS_BEFORE = 'netns-before';

/** The named network namespaces now, except the engine's own (`vc-…`, which labs account for). */
export function otherNetns(): Set<string> {
  return new Set(existsSync(NETNS_DIR) ? readdirSync(NETNS_DIR).filter((n) => !n.startsWith('vc-')) : []);
}

/** Records the namespaces at a run's start in its temporary directory, for a cleanup after a SIGKILL. */
export function saveNetnsBefore(runTmp: string, names: Set<string>): void {
  writeFileSync(join(runTmp, NETNS_BEFORE), [...names].map((n) => `${n}\n`).join(''));
}

/** The namespaces a run's temporary directory says were there at its start, or undefined. */
export function loadNetnsBefore(runTmp: string): Set<string> | undefined {
  try {
    return new Set(readFileSync(join(runTmp, NETNS_BEFORE), 'utf8').split('\n').filter(Boolean));
  } catch {
    return undefined;
  }
}

/** The runner work directories under `tmp`, with the pid and lab their `owner` file names (those without one are left out). */
export function runnerDirs(tmp: string): { dir: string; pid: number; lab: string }[] {
  const out: { dir: string; pid: number; lab: string }[] = [];
  for (const d of existsSync(tmp) ? readdirSync(tmp) : []) {
    if (!d.startsWith('vessel-cookbook-')) continue;
    try {
      const [pid, lab] = readFileSync(join(tmp, d, 'owner'), 'utf8').split('\n');
      out.push({ dir: join(tmp, d), pid: Number(pid), lab: lab ?? '' });
    } catch {
      /* no owner file (yet) */
    }
  }
  return out;
}

/** True when a vessel-cookbook process other than those in `except` is running a recipe (its work directory's owner is alive). */
export function otherRunnerAlive(tmp: string, except: number[]): boolean {
  return runnerDirs(tmp).some((r) => !except.includes(r.pid) && existsSync(`/proc/${r.pid}`));
}

/** Deletes the named namespaces; returns those that are gone and those that stayed. */
export async function deleteNetns(names: string[]): Promise<{ removed: string[]; left: string[] }> {
  for (const n of names) await execa('ip', ['netns', 'delete', n], { reject: false });
  return { removed: names.filter((n) => !existsSync(join(NETNS_DIR, n))), left: names.filter((n) => existsSync(join(NETNS_DIR, n))) };
}
