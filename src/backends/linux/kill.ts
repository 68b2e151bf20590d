// Ending a lab's processes: cgroup.kill for jails, and by netns membership for the lab host.
import { join } from 'node:path';
import type { Host } from '../../core/host.js';
import { sleep } from '../../util/sleep.js';
import { hostNetns, jailNetns, labOfNetns, wwwNetns } from './names.js';
import { NETNS_GROUPS_ROOT } from './rootless/cgroup.js';

/**
 * Processes left working for a lab, in one pass over /proc: engine commands a killed runner left in flight (their
 * command line names the lab: `mount --bind /run/vessel/<lab>/ns`, `ip netns add vc-<lab>-host`), and a dead run's
 * step processes (their environment holds every entry of `env`, e.g. the lab and the run marker). Left alone, either
 * would act on the lab after cleanup.
 */
export async function pidsWorkingFor(host: Host, cmdlineNeedles: string[], env: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const e of await host.list('/proc')) {
    if (!/^\d+$/.test(e.name) || Number(e.name) === process.pid) continue;
    const cmdline = (await host.readFile(`/proc/${e.name}/cmdline`))?.replace(/\0/g, ' ');
    if (cmdline === undefined) continue;
    if (cmdlineNeedles.some((n) => cmdline.includes(n))) {
      out.push(Number(e.name));
      continue;
    }
    const vars = (await host.readFile(`/proc/${e.name}/environ`))?.split('\0') ?? [];
    if (env.every((x) => (x.endsWith('=') ? vars.some((v) => v.startsWith(x)) : vars.includes(x)))) out.push(Number(e.name));
  }
  return out;
}

/** PIDs whose network namespace is one of `nsFiles` (by inode). */
export async function pidsInNetns(host: Host, nsFiles: string[]): Promise<number[]> {
  const inodes = new Set<string>();
  for (const f of nsFiles) {
    const ino = await host.inode(f);
    if (ino !== undefined) inodes.add(`net:[${ino}]`);
  }
  if (inodes.size === 0) return [];
  const out: number[] = [];
  for (const e of await host.list('/proc')) {
    if (!/^\d+$/.test(e.name) || Number(e.name) === process.pid) continue;
    const ns = await host.readlink(`/proc/${e.name}/ns/net`);
    if (ns && inodes.has(ns)) out.push(Number(e.name));
  }
  return out;
}

/**
 * Folders under NETNS_GROUPS_ROOT stand for cgroups where there are none to have (a rootless lab host with no
 * delegated cgroup): a lab's or a jail's processes are those in its network namespaces (a jail cannot make or enter
 * another: no sys_admin), and the run's steps those in the lab host's and www.example's. The network namespace files
 * of the group `dir`, when `dir` stands for a cgroup.
 */
async function groupNetns(host: Host, dir: string): Promise<string[] | undefined> {
  const root = NETNS_GROUPS_ROOT;
  if (dir !== root && !dir.startsWith(`${root}/`)) return undefined;
  const [top, lab, jail] = dir.slice(root.length).split('/').filter(Boolean);
  if (top !== 'vessel') return [];
  const names = (await host.list('/run/netns')).map((e) => e.name);
  const files = (ns: string[]) => ns.map((n) => `/run/netns/${n}`);
  if (lab === undefined) return files(names.filter((n) => labOfNetns(n) !== undefined));
  if (jail === undefined) return files(names.filter((n) => labOfNetns(n) === lab));
  return files(jail === '_steps' ? [hostNetns(lab), wwwNetns(lab)] : [jailNetns(lab, jail)]);
}

/** The PIDs in a cgroup and its descendants. */
export async function cgroupPids(host: Host, dir: string): Promise<number[]> {
  const ns = await groupNetns(host, dir);
  if (ns) {
    // In one pass: what is in the group's namespaces, and its entry shells and wrappers outside them, whose command
    // line names its folder (enter.sh's first argument, or the one of the wrapper that joins it).
    const inodes = new Set<string>();
    for (const f of ns) {
      const ino = await host.inode(f);
      if (ino !== undefined) inodes.add(`net:[${ino}]`);
    }
    const members: number[] = [];
    for (const e of await host.list('/proc')) {
      if (!/^\d+$/.test(e.name) || Number(e.name) === process.pid) continue;
      const net = await host.readlink(`/proc/${e.name}/ns/net`);
      const args = net && inodes.has(net) ? [] : ((await host.readFile(`/proc/${e.name}/cmdline`))?.split('\0') ?? []);
      if ((net && inodes.has(net)) || args.some((a) => a === dir || a.startsWith(`${dir}/`))) members.push(Number(e.name));
    }
    return members;
  }
  const out: number[] = [];
  const walk = async (d: string) => {
    const procs = await host.readFile(join(d, 'cgroup.procs'));
    if (procs === undefined) return;
    for (const l of procs.split('\n')) if (l) out.push(Number(l));
    for (const e of await host.list(d)) if (e.dir) await walk(join(d, e.name));
  };
  await walk(dir);
  return out;
}

/**
 * Kills every process in a cgroup subtree (cgroup.kill, else SIGKILL by PID) and waits until it is empty and every
 * process it had is gone: a dying pid-namespace init leaves cgroup.procs before it has reaped its namespace, so an
 * empty list alone would return while it still runs.
 */
export async function killCgroup(host: Host, dir: string, waitMs = 10_000): Promise<void> {
  if (!(await host.exists(dir))) return;
  if (await groupNetns(host, dir)) {
    const end = Date.now() + waitMs;
    for (let pids = await cgroupPids(host, dir); pids.length > 0 && Date.now() < end; pids = await cgroupPids(host, dir)) await killPids(host, pids);
    return;
  }
  const had = await cgroupPids(host, dir);
  if (await host.exists(join(dir, 'cgroup.kill'))) await host.writeFile(join(dir, 'cgroup.kill'), '1');
  else for (const p of had) await host.signal(p, 'SIGKILL');
  const end = Date.now() + waitMs;
  const busy = async () => {
    if ((await cgroupPids(host, dir)).length > 0) return true;
    for (const p of had) if (await alive(host, p)) return true;
    return false;
  };
  while ((await busy()) && Date.now() < end) await sleep(20);
}

/** True when a process is alive: there, and not a zombie (only its parent can reap that). */
export async function alive(host: Host, pid: number): Promise<boolean> {
  const p = await host.process(pid);
  return p !== undefined && !p.zombie;
}

/** SIGKILLs the given PIDs and waits until they are gone (a zombie counts as gone: only its parent can reap it). */
export async function killPids(host: Host, pids: number[], waitMs = 2000): Promise<void> {
  for (const p of pids) await host.signal(p, 'SIGKILL');
  const end = Date.now() + waitMs;
  const left = async () => {
    for (const p of pids) if (await alive(host, p)) return true;
    return false;
  };
  while ((await left()) && Date.now() < end) await sleep(20);
}

/** A process and all its descendants, parents first (from each task's `children` list in /proc). */
export async function processTree(host: Host, pid: number): Promise<number[]> {
  const out: number[] = [];
  const walk = async (p: number) => {
    out.push(p);
    for (const t of await host.list(`/proc/${p}/task`)) {
      const kids = ((await host.readFile(`/proc/${p}/task/${t.name}/children`)) ?? '').trim();
      for (const k of kids ? kids.split(/\s+/) : []) if (!out.includes(Number(k))) await walk(Number(k));
    }
  };
  await walk(pid);
  return out;
}

/** Kills what is left in a cgroup subtree, then removes its directories deepest first (rmdir is the only way). */
export async function removeCgroupTree(host: Host, dir: string): Promise<void> {
  if (!(await host.exists(dir))) return;
  if (await groupNetns(host, dir)) {
    await killCgroup(host, dir);
    await host.remove(dir);
    return;
  }
  if ((await cgroupPids(host, dir)).length > 0) await killCgroup(host, dir);
  const walk = async (d: string) => {
    for (const e of await host.list(d)) if (e.dir) await walk(join(d, e.name));
    // Still busy: the next cleanup retries.
    await host.rmdir(d);
  };
  await walk(dir);
}

/**
 * The host PID of the process a jail knows as `nsPid` (a pid file written inside its process space), found among
 * its cgroup's processes by the last field of NSpid; or `nsPid` itself for a process outside any space.
 */
export async function hostPidOf(host: Host, cgroup: string, nsPid: number): Promise<number | undefined> {
  for (const pid of await cgroupPids(host, cgroup)) {
    const status = await host.readFile(`/proc/${pid}/status`);
    const ns = status === undefined ? undefined : /^NSpid:\s+(.*)$/m.exec(status)?.[1]?.trim().split(/\s+/);
    if (ns && Number(ns[ns.length - 1]) === nsPid && (ns.length > 1 || pid === nsPid)) return pid;
  }
  return undefined;
}
