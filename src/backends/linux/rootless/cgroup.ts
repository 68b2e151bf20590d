// The cgroup v2 subtree a rootless user may use: the one this process is in, when it is delegated (writable) to them.
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envError } from '../../../util/errors.js';
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

/** The one-line reason a rootless lab cannot be made without a delegated cgroup (exit 3). */
export function rootlessCgroupMissing(why: string) {
  return envError(
    `a rootless lab needs a cgroup v2 subtree delegated to you, to group and end its processes, and ${why}; ` +
      'start it in one (systemd-run --user --scope -p Delegate=yes vessel-cookbook run ...), or run as root',
  );
}

/** Inside a rootless lab host: the delegated folder its start found (it checked there is one). */
export function rootlessCgroupRoot(): string {
  const dir = process.env.VESSEL_CGROUP_ROOT;
  if (!dir) throw rootlessCgroupMissing('none was given to this process');
  return dir;
}
