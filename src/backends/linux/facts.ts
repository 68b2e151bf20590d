// Facts about the machine the Linux engine runs on, read before it opens: root, the cgroup v2 mount point, the run directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envError } from '../../util/errors.js';

/** Where the engine keeps per-lab files (namespace files, jail files, logs). */
export function runDir(): string {
  return process.env.VESSEL_RUN_DIR ?? '/run/vessel';
}

/** The mounts of a mountinfo text: file system type and mount point. */
function mountsOf(mountinfo: string): { fs: string; point: string }[] {
  return mountinfo.split('\n').flatMap((line) => {
    const parts = line.split(' ');
    const sep = parts.indexOf('-');
    return sep > 0 ? [{ fs: parts[sep + 1]!, point: parts[4]! }] : [];
  });
}

/** This machine's mountinfo, or '' without /proc. */
function localMountinfo(): string {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return '';
  }
}

/** The cgroup v2 mount point (e.g. /sys/fs/cgroup or /sys/fs/cgroup/unified) in a mountinfo text, or undefined. */
export function cgroup2RootOf(mountinfo: string): string | undefined {
  return mountsOf(mountinfo).find((m) => m.fs === 'cgroup2')?.point;
}

/** This machine's cgroup v2 mount point, or undefined. */
export function cgroup2Root(): string | undefined {
  return cgroup2RootOf(localMountinfo());
}

/** The engine's cgroup directory for a lab (and jail). */
export function cgroupDir(root: string, lab: string, jail?: string): string {
  return jail ? join(root, 'vessel', lab, jail) : join(root, 'vessel', lab);
}

/** Throws the environment error (exit 3) when not root. */
export function requireRoot(what: string): void {
  if (process.getuid?.() !== 0) {
    throw envError(`${what} needs root (network namespaces, bridges and cgroups); run it with sudo`);
  }
}

/** The cgroup layout: `unified` (v2 alone), `hybrid` (v1 controllers beside a v2 tree, as on this kind of host), or `v1`. */
export function cgroupLayout(): 'unified' | 'hybrid' | 'v1' | 'none' {
  const fs = new Set(mountsOf(localMountinfo()).map((m) => m.fs));
  const [v1, v2] = [fs.has('cgroup'), fs.has('cgroup2')];
  return v2 && v1 ? 'hybrid' : v2 ? 'unified' : v1 ? 'v1' : 'none';
}
