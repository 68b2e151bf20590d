// Facts about the machine the Linux engine runs on, read before it opens: root, the cgroup v2 mount point, the run directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envError } from '../../util/errors.js';

/** Where the engine keeps per-lab files (namespace files, jail files, logs). */
export function runDir(): string {
  return process.env.VESSEL_RUN_DIR ?? '/run/vessel';
}

/** The cgroup v2 mount point (e.g. /sys/fs/cgroup or /sys/fs/cgroup/unified) in a mountinfo text, or undefined. */
export function cgroup2RootOf(mountinfo: string): string | undefined {
  for (const line of mountinfo.split('\n')) {
    const parts = line.split(' ');
    const sep = parts.indexOf('-');
    if (sep > 0 && parts[sep + 1] === 'cgroup2') return parts[4];
  }
  return undefined;
}

/** This machine's cgroup v2 mount point, or undefined. */
export function cgroup2Root(): string | undefined {
  try {
    return cgroup2RootOf(readFileSync('/proc/self/mountinfo', 'utf8'));
  } catch {
    return undefined;
  }
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
  let v1 = false;
  let v2 = false;
  try {
    for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
      const parts = line.split(' ');
      const fs = parts[parts.indexOf('-') + 1];
      if (fs === 'cgroup2') v2 = true;
      if (fs === 'cgroup') v1 = true;
    }
  } catch {
    return 'none';
  }
  return v2 && v1 ? 'hybrid' : v2 ? 'unified' : v1 ? 'v1' : 'none';
}
