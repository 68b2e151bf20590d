// Limits on Linux: cgroup v2 where its controllers are there, else the cgroup v1 hierarchies of a hybrid host, and
// usage read back from the same files. A limit the host cannot apply is refused, never pretended.
import { join } from 'node:path';
import type { Host } from '../../core/host.js';
import { LIMIT_KEYS, type LimitKey, type Limits, type Usage } from '../../core/limits.js';
import type { JailRow } from '../../core/model.js';
import { record } from '../../state/ledger.js';
import { setJailLimits } from '../../state/jails.js';
import { envError } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { cgroupDir } from './facts.js';
import { cgroupPids } from './kill.js';
import { jailPaths } from './paths.js';

/** Where one controller lives: in the v2 tree, in a v1 hierarchy mounted at `mount`, or nowhere. */
export type ControllerPlace = { kind: 'v2' } | { kind: 'v1'; mount: string } | { kind: 'none' };

/** The controllers limits use. (CPU time needs none: every v2 cgroup has cpu.stat.) */
const CONTROLLERS = ['memory', 'cpu', 'pids'] as const;
type Controller = (typeof CONTROLLERS)[number];

/** Where each controller is, from a mountinfo text and the v2 root's cgroup.controllers (pure). */
export function controllerPlaces(mountinfo: string, v2Controllers: string): Record<Controller, ControllerPlace> {
  const v2 = new Set(v2Controllers.split(/\s+/).filter(Boolean));
  const v1 = new Map<string, string>();
  for (const line of mountinfo.split('\n')) {
    const parts = line.split(' ');
    const sep = parts.indexOf('-');
    if (sep < 0 || parts[sep + 1] !== 'cgroup') continue;
    for (const o of (parts[sep + 3] ?? '').split(',')) if (!v1.has(o)) v1.set(o, parts[4]!);
  }
  const place = (c: Controller): ControllerPlace => (v2.has(c) ? { kind: 'v2' } : v1.has(c) ? { kind: 'v1', mount: v1.get(c)! } : { kind: 'none' });
  return { memory: place('memory'), cpu: place('cpu'), pids: place('pids') };
}

/** The controllers of this host, read through `host`. */
export async function hostControllers(host: Host, cgroupRoot: string, rootless = false): Promise<Record<Controller, ControllerPlace>> {
  // A plan assumes what users' hosts usually have: cgroup v2 with every controller.
  if (!host.live) return { memory: { kind: 'v2' }, cpu: { kind: 'v2' }, pids: { kind: 'v2' } };
  // Rootless, only the delegated v2 subtree is the user's: the v1 hierarchies are root's.
  const mountinfo = rootless ? '' : ((await host.readFile('/proc/self/mountinfo')) ?? '');
  return controllerPlaces(mountinfo, (await host.readFile(join(cgroupRoot, 'cgroup.controllers'))) ?? '');
}

/** Which controller a limit needs. */
const NEEDS: Record<LimitKey, Controller> = { memory: 'memory', cpus: 'cpu', pids: 'pids' };

/** How limits are applied on this host, in words (`vessel limits` prints it). */
export function describePlaces(places: Record<Controller, ControllerPlace>): string {
  const words = LIMIT_KEYS.map((k) => {
    const p = places[NEEDS[k]];
    return `${k} ${p.kind === 'v2' ? 'cgroup v2' : p.kind === 'v1' ? `cgroup v1 (${p.mount})` : 'unavailable'}`;
  });
  return words.join(', ');
}

/** The files and values that set `limits` for one controller place (pure; v1 and v2 name them differently). */
export function limitWrites(key: LimitKey, value: number, kind: 'v1' | 'v2'): [string, string][] {
  const PERIOD = 100000;
  if (key === 'memory')
    return kind === 'v2'
      ? [
          ['memory.max', String(value)],
          ['memory.swap.max', '0'],
          ['memory.oom.group', '1'],
        ]
      : [['memory.limit_in_bytes', String(value)]];
  if (key === 'cpus') {
    const quota = String(Math.max(1000, Math.round(value * PERIOD)));
    return kind === 'v2'
      ? [['cpu.max', `${quota} ${PERIOD}`]]
      : [
          ['cpu.cfs_period_us', String(PERIOD)],
          ['cpu.cfs_quota_us', quota],
        ];
  }
  return [['pids.max', String(value)]];
}

/** A jail's cgroup directory for a controller place. */
function dirFor(ctx: LinuxContext, j: Pick<JailRow, 'lab' | 'name'>, place: ControllerPlace): string | undefined {
  if (place.kind === 'v2') return cgroupDir(ctx.cgroupRoot, j.lab, j.name);
  if (place.kind === 'v1') return cgroupDir(place.mount, j.lab, j.name);
  return undefined;
}

/**
 * Applies `limits` to a jail (new or running): makes its v1 cgroups (recorded in the ledger, joined by every entry
 * through the jail's `cgroups` file, and the processes it already has moved in), or enables the v2 controllers, then
 * writes the values. Refuses a limit whose controller this host does not have.
 */
export async function applyLimits(ctx: LinuxContext, j: JailRow, limits: Limits): Promise<void> {
  const places = await hostControllers(ctx.host, ctx.cgroupRoot, ctx.rootless);
  for (const k of LIMIT_KEYS) {
    if (limits[k] !== undefined && ctx.noCgroup)
      throw envError(`--${k} needs a cgroup v2 subtree delegated to you, and ${ctx.noCgroup}; the jail was left without it`);
    if (limits[k] !== undefined && places[NEEDS[k]].kind === 'none' && ctx.rootless)
      throw envError(
        `--${k} needs the cgroup v2 ${NEEDS[k]} controller delegated to you, and ${ctx.cgroupRoot} has only "${((await ctx.host.readFile(join(ctx.cgroupRoot, 'cgroup.controllers'))) ?? '').trim()}" (rootless: root's cgroup v1 hierarchies cannot be used); the jail was left without it`,
      );
    if (limits[k] !== undefined && places[NEEDS[k]].kind === 'none')
      throw envError(`${k} limits need the cgroup ${NEEDS[k]} controller, which this host has in neither cgroup v2 nor v1; the jail was left without them`);
  }
  const p = jailPaths(ctx.runDir, j.lab, j.name);
  const v1: string[] = [];
  const wanted = new Set<Controller>(LIMIT_KEYS.filter((k) => limits[k] !== undefined).map((k) => NEEDS[k]));
  const already = ((await ctx.host.readFile(p.cgroups)) ?? '').split('\n').filter(Boolean);
  const running = await jailOwnPids(ctx.host, cgroupDir(ctx.cgroupRoot, j.lab, j.name));
  for (const c of wanted) {
    const place = places[c];
    if (place.kind === 'v2') await enableV2(ctx, j, c);
    if (place.kind !== 'v1') continue;
    const labDir = cgroupDir(place.mount, j.lab);
    const dir = cgroupDir(place.mount, j.lab, j.name);
    record(ctx.db, j.lab, [
      { kind: 'cgroup', name: labDir },
      { kind: 'cgroup', name: dir, owner: j.name },
    ]);
    await ctx.host.mkdir(dir);
    v1.push(dir);
    // A running jail's processes move in (new entries join through the cgroups file).
    if (!already.includes(dir)) for (const pid of running) await ctx.host.writeFile(join(dir, 'cgroup.procs'), `${pid}\n`).catch(() => undefined);
  }
  const all = [...new Set([...already, ...v1])];
  if (all.length) await ctx.host.writeFile(p.cgroups, `${all.join('\n')}\n`);
  for (const k of LIMIT_KEYS) {
    const v = limits[k];
    if (v === undefined) continue;
    const place = places[NEEDS[k]];
    const dir = dirFor(ctx, j, place)!;
    for (const [file, value] of limitWrites(k, v, place.kind as 'v1' | 'v2')) {
      // memory.swap.max and memory.oom.group are missing on some kernels: the limit itself is what counts.
      if (file !== memoryMainFile(place.kind) && !(await ctx.host.exists(join(dir, file))) && ctx.host.live) continue;
      await ctx.host.writeFile(join(dir, file), `${value}\n`);
    }
  }
  const merged = { ...(j.limits ? (JSON.parse(j.limits) as Limits) : {}), ...limits };
  setJailLimits(ctx.db, j.uuid, JSON.stringify(merged));
}

/**
 * The processes of a running jail that its limits count: those in its process space but its init (what new entries
 * put in the limits' cgroups too), not the engine's helpers around them.
 */
async function jailOwnPids(host: Host, cgroup: string): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await cgroupPids(host, cgroup)) {
    const ns = /^NSpid:\s+(.*)$/m
      .exec((await host.readFile(`/proc/${pid}/status`)) ?? '')?.[1]
      ?.trim()
      .split(/\s+/);
    if (ns && ns.length > 1 && ns[ns.length - 1] !== '1') out.push(pid);
  }
  return out;
}

/** The file that is the memory limit itself. */
function memoryMainFile(kind: string): string {
  return kind === 'v2' ? 'memory.max' : 'memory.limit_in_bytes';
}

/** Enables a v2 controller down to the jail's cgroup (the root, vessel/ and the lab's subtree_control). */
async function enableV2(ctx: LinuxContext, j: JailRow, c: Controller): Promise<void> {
  const name = c;
  for (const d of [ctx.cgroupRoot, join(ctx.cgroupRoot, 'vessel'), cgroupDir(ctx.cgroupRoot, j.lab)]) {
    const have = ((await ctx.host.readFile(join(d, 'cgroup.subtree_control'))) ?? '').split(/\s+/);
    if (have.includes(name)) continue;
    try {
      await ctx.host.writeFile(join(d, 'cgroup.subtree_control'), `+${name}\n`);
    } catch (e) {
      throw envError(`cannot enable the cgroup v2 ${name} controller in ${d} (${(e as Error).message.split('\n')[0]}); the jail has no ${name} limit`);
    }
  }
}

/** A number from a cgroup file (the first field of its first line), or undefined. */
async function num(host: Host, path: string): Promise<number | undefined> {
  const t = await host.readFile(path);
  const n = t === undefined ? Number.NaN : Number(t.trim().split(/\s+/)[0]);
  return Number.isFinite(n) ? n : undefined;
}

/** A `key value` field of a flat-keyed cgroup file (memory.events, cpu.stat, memory.oom_control). */
async function field(host: Host, path: string, key: string): Promise<number | undefined> {
  const t = await host.readFile(path);
  const m = t === undefined ? null : new RegExp(`^${key} (\\d+)$`, 'm').exec(t);
  return m ? Number(m[1]) : undefined;
}

/**
 * What a jail uses now. From its cgroups where it has them; otherwise, summed over its live processes from /proc
 * (memory as resident size, CPU time as user+system time).
 */
export async function jailUsage(ctx: LinuxContext, j: JailRow): Promise<Usage> {
  const places = await hostControllers(ctx.host, ctx.cgroupRoot, ctx.rootless);
  const joined = ((await ctx.host.readFile(jailPaths(ctx.runDir, j.lab, j.name).cgroups)) ?? '').split('\n').filter(Boolean);
  const v2 = cgroupDir(ctx.cgroupRoot, j.lab, j.name);
  const dirOf = (c: Controller): { dir: string; kind: 'v1' | 'v2' } | undefined => {
    const place = places[c];
    if (place.kind === 'v1') {
      const d = cgroupDir(place.mount, j.lab, j.name);
      return joined.includes(d) ? { dir: d, kind: 'v1' } : undefined;
    }
    return place.kind === 'v2' ? { dir: v2, kind: 'v2' } : undefined;
  };
  const pids = await cgroupPids(ctx.host, v2);
  // With a pids cgroup: what its limit counts (the jail's processes and their nsenter); else every process in its cgroup.
  const pc = dirOf('pids');
  const counted = pc ? await num(ctx.host, join(pc.dir, 'pids.current')) : undefined;
  const u: Usage = { pids: counted ?? pids.length };
  const mem = dirOf('memory');
  if (mem?.kind === 'v2' && (await ctx.host.exists(join(mem.dir, 'memory.current')))) {
    u.memory = await num(ctx.host, join(mem.dir, 'memory.current'));
    const peak = await num(ctx.host, join(mem.dir, 'memory.peak'));
    if (peak !== undefined) u.memoryPeak = peak;
    u.oomKills = (await field(ctx.host, join(mem.dir, 'memory.events'), 'oom_kill')) ?? 0;
  } else if (mem?.kind === 'v1') {
    u.memory = await num(ctx.host, join(mem.dir, 'memory.usage_in_bytes'));
    u.memoryPeak = await num(ctx.host, join(mem.dir, 'memory.max_usage_in_bytes'));
    u.oomKills = (await field(ctx.host, join(mem.dir, 'memory.oom_control'), 'oom_kill')) ?? 0;
  }
  // Every v2 cgroup counts its CPU time, exited processes included.
  const us = await field(ctx.host, join(v2, 'cpu.stat'), 'usage_usec');
  if (us !== undefined) u.cpuSeconds = us / 1e6;
  if (u.memory === undefined) {
    // No memory cgroup: the resident size of its live processes.
    let rss = 0;
    for (const pid of pids) {
      const stat = await ctx.host.readFile(`/proc/${pid}/stat`);
      if (stat) rss += Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[21]) * 4096;
    }
    u.memory = rss;
  }
  return u;
}

/** How the jail's usage was measured, in words. */
export async function usageSource(ctx: LinuxContext, j: JailRow): Promise<string> {
  const places = await hostControllers(ctx.host, ctx.cgroupRoot, ctx.rootless);
  const limited = j.limits !== null;
  return `limits through ${describePlaces(places)}${limited && JSON.parse(j.limits!).memory !== undefined ? '' : '; memory used is the resident size of its live processes'}`;
}

/** Kills by the kernel for the memory limit so far, or undefined when the jail has no memory cgroup. */
export async function memoryKills(ctx: LinuxContext, j: JailRow): Promise<number | undefined> {
  if (!j.limits || (JSON.parse(j.limits) as Limits).memory === undefined) return undefined;
  return (await jailUsage(ctx, j)).oomKills;
}
