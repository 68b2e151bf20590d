// The cgroup v2 subtree a rootless user may use: the one this process is in, when it is delegated (writable) to them.
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cgroup2Root } from '../facts.js';

/** This process's cgroup v2 path, from a /proc/self/cgroup text (the `0::` line), or undefined (pure). */
export function ownCgroupPath(procCgroup: string): string | undefined {
  return procCgroup
    .split('\n')
    .find((l) => l.startsWith('0::'))
    ?.slice(3)
    .trim();
}

/** The delegated cgroup v2 folder of this process (jails' cgroups go under it), or why there is none. */
export function delegatedCgroup(): { dir?: string; why: string } {
  const mount = cgroup2Root();
  if (!mount) return { why: 'no cgroup v2 hierarchy is mounted' };
  let path: string | undefined;
  try {
    path = ownCgroupPath(readFileSync('/proc/self/cgroup', 'utf8'));
  } catch {
    path = undefined;
  }
  if (!path) return { why: 'this process is in no cgroup v2 group' };
  const dir = path === '/' ? mount : join(mount, path);
  try {
    accessSync(dir, constants.W_OK);
    accessSync(join(dir, 'cgroup.procs'), constants.W_OK);
  } catch {
    return { why: `your cgroup ${dir} is not delegated to you (not writable)` };
  }
  return { dir, why: `your cgroup ${dir} is delegated to you` };
}

/** Inside a rootless lab host: the delegated folder its start found, or undefined when it found none. */
export function rootlessCgroupRoot(): string | undefined {
  return process.env.VESSEL_CGROUP_ROOT || undefined;
}

/** Where a rootless lab host with no delegated cgroup keeps the folders that stand for cgroups (kill.ts). */
export const NETNS_GROUPS_ROOT = '/run/vessel-groups';

/** The one line that says what a lab without a delegated cgroup does instead, and cannot do. */
export function noCgroupNotice(why: string): string {
  return `no cgroup: ${why}, so jails' processes are kept track of by their network namespaces, and --memory, --cpus and --pids are refused (systemd-run --user --scope -p Delegate=yes ... gives a delegated one)`;
}
