// Limits on FreeBSD: rctl(8) rules on the jail (RACCT/RCTL, which needs kern.racct.enable=1 at boot), usage read back
// with `rctl -u`, and snapshots of a jail's own directories as tar files.
import { LIMIT_KEYS, type Limits, type Usage } from '../../core/limits.js';
import type { JailRow } from '../../core/model.js';
import { setJailLimits } from '../../state/jails.js';
import { envError, usage } from '../../util/errors.js';
import type { Host } from '../../core/host.js';
import type { Db } from '../../state/db.js';

/** What these operations need of the backend's context. */
type FbContext = { host: Host; db: Db; runDir: string };
import { fbJailName, fbJailPaths } from './names.js';

/** The rctl(8) resource and action for each limit: resident memory, processes, and %CPU (100 = one CPU). */
const RCTL: Record<(typeof LIMIT_KEYS)[number], { resource: string; value: (v: number) => string }> = {
  memory: { resource: 'memoryuse', value: (v) => String(v) },
  pids: { resource: 'maxproc', value: (v) => String(v) },
  cpus: { resource: 'pcpu', value: (v) => String(Math.max(1, Math.round(v * 100))) },
};

/** The rctl rules of a jail's limits (pure): `jail:NAME:RESOURCE:deny=VALUE`, as iocage writes them. */
export function rctlRules(jailName: string, limits: Limits): string[] {
  return LIMIT_KEYS.filter((k) => limits[k] !== undefined).map((k) => `jail:${jailName}:${RCTL[k].resource}:deny=${RCTL[k].value(limits[k]!)}`);
}

/** Parses `rctl -u` output (RESOURCE=VALUE lines) into usage (pure). */
export function parseRctlUsage(text: string): Usage {
  const v = new Map(text.split('\n').flatMap((l) => (/^(\w+)=(\d+)$/.test(l.trim()) ? [l.trim().split('=') as [string, string]] : [])));
  const n = (k: string) => (v.has(k) ? Number(v.get(k)) : undefined);
  const u: Usage = {};
  if (n('memoryuse') !== undefined) u.memory = n('memoryuse')!;
  if (n('cputime') !== undefined) u.cpuSeconds = n('cputime')!;
  if (n('maxproc') !== undefined) u.pids = n('maxproc')!;
  return u;
}

/** Refuses limits when RACCT is off: rctl rules would be accepted nowhere, and nothing may pretend they apply. */
async function requireRacct(ctx: FbContext): Promise<void> {
  const on = (await ctx.host.run(['sysctl', '-n', 'kern.racct.enable'], { allowFail: true, simulated: '1\n' })).stdout.trim();
  if (on !== '1') throw envError('limits need RACCT: kern.racct.enable=1 in /boot/loader.conf (the provisioning writes it) and a reboot; this host has it off');
}

/** Adds a jail's rctl rules (a new jail's, or changed ones on a running jail) and records the limits. */
export async function applyFbLimits(ctx: FbContext, lab: string, j: JailRow, limits: Limits): Promise<void> {
  await requireRacct(ctx);
  for (const rule of rctlRules(fbJailName(lab, j.name), limits)) await ctx.host.run(['rctl', '-a', rule]);
  const merged = { ...(j.limits ? (JSON.parse(j.limits) as Limits) : {}), ...limits };
  setJailLimits(ctx.db, j.uuid, JSON.stringify(merged));
}

/** What a jail uses now, from `rctl -u` (RACCT counts every jail, limited or not). */
export async function fbUsage(ctx: FbContext, lab: string, j: JailRow): Promise<Usage> {
  const r = await ctx.host.run(['rctl', '-u', `jail:${fbJailName(lab, j.name)}`], { allowFail: true, simulated: 'cputime=0\nmemoryuse=0\nmaxproc=0\n' });
  return r.code === 0 ? parseRctlUsage(r.stdout) : {};
}

/** The directories a FreeBSD jail owns in its root (the rest is the host's base through read-only nullfs). */
export const OWN_DIRS = ['etc', 'var', 'root'] as const;

/** Refuses unless the jail is stopped. */
function atRest(j: JailRow): void {
  if (j.state === 'running') throw usage(`jail ${j.name} is running: stop it first (vessel stop ${j.name}); a snapshot is taken and restored at rest`);
}

/** Keeps the jail's own directories as a tar file (nullfs bases are the host's, and stay out). */
export async function fbSnapshot(ctx: FbContext, lab: string, j: JailRow, snap: string): Promise<void> {
  atRest(j);
  const p = fbJailPaths(ctx.runDir, lab, j.name);
  const file = `${p.dir}/snapshots/${snap}.tar`;
  if ((await ctx.host.readFile(`${p.dir}/snapshots/${snap}.taken`)) !== undefined) throw usage(`snapshot ${j.name}@${snap} exists already`);
  await ctx.host.mkdir(`${p.dir}/snapshots`, 0o700);
  await ctx.host.run(['tar', '-cpf', file, '-C', p.root, ...OWN_DIRS]);
  await ctx.host.writeFile(`${p.dir}/snapshots/${snap}.taken`, `${new Date().toISOString()}\n`);
}

/** Puts the jail's own directories back from the tar file. */
export async function fbRollback(ctx: FbContext, lab: string, j: JailRow, snap: string): Promise<void> {
  atRest(j);
  const p = fbJailPaths(ctx.runDir, lab, j.name);
  const file = `${p.dir}/snapshots/${snap}.tar`;
  if ((await ctx.host.readFile(`${p.dir}/snapshots/${snap}.taken`)) === undefined)
    throw usage(`no snapshot ${j.name}@${snap} (vessel snapshots ${j.name} lists them)`);
  // -x: never into a mount point (a jail's devfs or nullfs).
  await ctx.host.run(['rm', '-rf', '-x', ...OWN_DIRS.map((d) => `${p.root}/${d}`)]);
  await ctx.host.run(['tar', '-xpf', file, '-C', p.root]);
}

/** A jail's snapshots. */
export async function fbSnapshots(ctx: FbContext, lab: string, j: JailRow): Promise<{ name: string; taken: string }[]> {
  const dir = `${fbJailPaths(ctx.runDir, lab, j.name).dir}/snapshots`;
  const out: { name: string; taken: string }[] = [];
  for (const e of await ctx.host.list(dir)) {
    if (!e.name.endsWith('.taken')) continue;
    out.push({ name: e.name.slice(0, -'.taken'.length), taken: ((await ctx.host.readFile(`${dir}/${e.name}`)) ?? '').trim() });
  }
  return out.sort((a, b) => a.taken.localeCompare(b.taken));
}
