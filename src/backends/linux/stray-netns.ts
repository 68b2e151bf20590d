// Named network namespaces that a run's steps made (`ip netns add`), told apart from the engine's own by name.
// The runner's own work directories (under the local temporary directory) are read here with node:fs: they are
// this machine's files, not the managed host's. The namespaces themselves are the host's.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from '../../core/host.js';
import { localProcess } from '../../host/local.js';

const NETNS_DIR = '/run/netns';
/** The file in a run's temporary directory that lists the namespaces that were there when it began. */
export const NETNS_BEFORE = 'netns-before';

/** The named network namespaces now, except the engine's own (`vc-…`, which labs account for). */
export async function otherNetns(host: Host): Promise<Set<string>> {
  return new Set((await host.list(NETNS_DIR)).map((e) => e.name).filter((n) => !n.startsWith('vc-')));
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
  return runnerDirs(tmp).some((r) => !except.includes(r.pid) && processAlive(r.pid));
}

/** True when a local process is alive (a zombie is not). */
export function processAlive(pid: number): boolean {
  const p = localProcess(pid);
  return p !== undefined && !p.zombie;
}

/** Deletes the named namespaces; returns those that are gone and those that stayed. */
export async function deleteNetns(host: Host, names: string[]): Promise<{ removed: string[]; left: string[] }> {
  const removed: string[] = [];
  const left: string[] = [];
  for (const n of names) {
    await host.run(['ip', 'netns', 'delete', n], { allowFail: true });
    ((await host.exists(join(NETNS_DIR, n))) ? left : removed).push(n);
  }
  return { removed, left };
}
