// @ts-nocheck
// Ending a lab's processes: cgroup.kill for jails, and by netns membership for the lab host.
import { existsSync, readdirSync, readFileSync, readlinkSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Processes left working for a lab, in one pass over /proc: engine commands a killed runner left in flight (their
 * command line names the lab: `mount --bind /run/vessel/<lab>/ns`, `ip netns add vc-<lab>-host`), and a dead run's
 * step processes (their environment holds every entry of `env`, e.g. the lab and the run marker). Left alone, either
 * would act on the lab after cleanup.
 */
export function pidsWorkingFor(cmdlineNeedles: string[], env: string[]): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdlineNeedles.some((n) => cmdline.includes(n))) {
        out.push(Number(e));
        continue;
      }
      const vars = readFileSync(`/proc/${e}/environ`, 'utf8').split('\0');
      if (env.every((x) => (x.endsWith('=') ? vars.some((v) => v.startsWith(x)) : vars.includes(x)))) out.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** PIDs whose network namespace is one of `nsFiles` (by inode). */
export function pidsInNetns(nsFiles: string[]): number[] {
  const inodes = new Set<string>();
  for (const f of nsFiles) {
    try {
      inodes.add(`net:[${statSync(f).ino}]`);
    } catch {
      /* gone */
    }
  }
  if (inodes.size === 0) return [];
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      if (inodes.has(readlinkSync(`/proc/${e}/ns/net`))) out.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** The PIDs in a cgroup and its descendants. */
export function cgroupPids(dir: string): number[] {
  const out: number[] = [];
  const walk = (d: string) => {
    try {
      for (const l of readFileSync(join(d, 'cgroup.procs'), 'utf8').split('\n')) if (l) out.push(Number(l));
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(join(d, e.name));
    } catch {
      /* gone */
    }
  };
  walk(dir);
  return out;
}

/** Kills every process in a cgroup subtree (cgroup.kill, else SIGKILL by PID) and waits until it is empty. */
export async function killCgroup(dir: string, waitMs = 3000): Promise<void> {
  if (!existsSync(dir)) return;
  try {
    writeFileSync(join(dir, 'cgroup.kill'), '1');
  } catch {
    for (const p of cgroupPids(dir)) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  const end = Date.now() + waitMs;
  while (cgroupPids(dir).length > 0 && Date.now() < end) await sleep(20);
}

/** SIGKILLs the given PIDs and waits until they are gone. */
export async function killPids(pids: number[], waitMs = 2000): Promise<void> {
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  const end = Date.now() + waitMs;
  while (pids.some((p) => existsSync(`/proc/${p}`) && !isZombie(p)) && Date.now() < end) await sleep(20);
}

function isZombie(pid: number): boolean {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

/** Kills what is left in a cgroup subtree, then removes its directories deepest first (rmdir is the only way). */
export async function removeCgroupTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  if (cgroupPids(dir).length > 0) await killCgroup(dir);
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(join(d, e.name));
    try {
      rmdirSync(d);
    } catch {
      /* still busy: the next cleanup retries */
    }
  };
  walk(dir);
}
