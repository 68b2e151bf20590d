// @ts-nocheck
// Facts about the host the engine runs on: root, cgroup2 mount point, run directory, tools.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envError } from './errors.js';

/** Where the engine keeps per-lab files (namespace files, jail files, logs). */
export function runDir(): string {
  return process.env.VESSEL_RUN_DIR ?? '/run/vessel';
}

/** The cgroup v2 mount point (e.g. /sys/fs/cgroup or /sys/fs/cgroup/unified), or undefined. */
export function cgroup2Root(): string | undefined {
  try {
    for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
      const parts = line.split(' ');
      const sep = parts.indexOf('-');
      if (sep > 0 && parts[sep + 1] === 'cgroup2') return parts[4];
    }
  } catch {
    /* no /proc */
  }
  return undefined;
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

/** The start time of a process (field 22 of /proc/PID/stat), to tell a live owner from a reused PID. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
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
