// Reconciling state with the kernel: stale labs from the ledger first, then a sweep by name for orphans.
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { endTree } from '../exec/procs.js';
import { RUN_MARKER } from '../exec/spawn.js';
import type { EngineContext } from './context.js';
import { cgroupDir } from './host.js';
import { labOfNetns } from './ifnames.js';
import { killCgroup, killPids, pidsInNetns } from './kill.js';
import { destroyLab, isStale, listLabs } from './labs.js';
import { mountedPaths } from './remove.js';

/** What a cleanup removed. */
export interface CleanupReport {
  labs: string[];
  orphans: string[];
  workdirs: string[];
}

const YOUNG_MS = 30_000;

/** Labs whose owner is gone, or whose lab host namespace vanished (e.g. after a reboot). */
export function staleLabs(ctx: EngineContext): string[] {
  return listLabs(ctx)
    .filter((l) => isStale(l) || (!existsSync(`/run/netns/vc-${l.id}-host`) && Date.now() - Date.parse(l.created_at) > YOUNG_MS))
    .map((l) => l.id);
}

/** Destroys stale labs (ledger first). Kept and live labs are left alone. */
export async function reconcile(ctx: EngineContext): Promise<string[]> {
  const stale = staleLabs(ctx);
  for (const id of stale) await destroyLab(ctx, id);
  return stale;
}

/** Removes kernel objects named for labs the state does not know (a sweep by name). */
async function sweepOrphans(ctx: EngineContext): Promise<string[]> {
  const known = new Set(listLabs(ctx).map((l) => l.id));
  const netns = existsSync('/run/netns') ? readdirSync('/run/netns') : [];
  const orphanLabs = new Set<string>();
  for (const n of netns) {
    const lab = labOfNetns(n);
    if (lab && !known.has(lab)) orphanLabs.add(lab);
  }
  if (existsSync(ctx.runDir)) for (const d of readdirSync(ctx.runDir)) if (/^[a-z0-9]{1,12}$/.test(d) && !known.has(d)) orphanLabs.add(d);
  const cgBase = join(ctx.cgroupRoot, 'vessel');
  if (existsSync(cgBase)) for (const d of readdirSync(cgBase, { withFileTypes: true })) if (d.isDirectory() && !known.has(d.name)) orphanLabs.add(d.name);
  for (const lab of orphanLabs) {
    const mine = netns.filter((n) => labOfNetns(n) === lab);
    await killCgroup(cgroupDir(ctx.cgroupRoot, lab));
    await killPids(pidsInNetns(mine.map((n) => `/run/netns/${n}`)));
    const root = join(ctx.runDir, lab);
    const mounts = [...mountedPaths()].filter((p) => p === root || p.startsWith(`${root}/`)).sort((a, b) => b.length - a.length);
    if (mounts.length) await ctx.cmd.run(['umount', '-l', ...mounts], { allowFail: true });
    const jails = mine.filter((n) => !n.endsWith('-host'));
    const hosts = mine.filter((n) => n.endsWith('-host'));
    for (const group of [jails, hosts]) {
      if (group.length) await ctx.cmd.run(['ip', '-force', '-batch', '-'], { input: group.map((n) => `netns del ${n}`).join('\n') + '\n', allowFail: true });
    }
    rmSync(root, { recursive: true, force: true });
    removeCgroupTree(cgroupDir(ctx.cgroupRoot, lab));
  }
  return [...orphanLabs];
}

/** Removes a cgroup directory and its children, deepest first (rmdir is the only way). */
function removeCgroupTree(dir: string): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeCgroupTree(join(dir, e.name));
  try {
    rmdirSync(dir);
  } catch {
    /* still busy: the next cleanup retries */
  }
}

/** Removes runner work directories whose owner process is gone, and the processes they left. */
async function sweepWorkdirs(tmp = '/tmp'): Promise<string[]> {
  const removed: string[] = [];
  for (const d of existsSync(tmp) ? readdirSync(tmp) : []) {
    if (!d.startsWith('vessel-cookbook-')) continue;
    const owner = join(tmp, d, 'owner');
    let pid: number;
    let lab: string;
    try {
      [pid, lab] = readFileSync(owner, 'utf8').split('\n').map((s, i) => (i === 0 ? Number(s) : s)) as [number, string];
    } catch {
      continue;
    }
    if (existsSync(`/proc/${pid}`)) continue;
    await endTree({ marker: { name: RUN_MARKER, value: `${lab}-${pid}` }, graceMs: 500 });
    rmSync(join(tmp, d), { recursive: true, force: true });
    removed.push(join(tmp, d));
  }
  return removed;
}

/** `vessel cleanup`: stale labs from the ledger, then orphans by name, then orphaned work directories. */
export async function cleanup(ctx: EngineContext): Promise<CleanupReport> {
  const labs = await reconcile(ctx);
  const orphans = await sweepOrphans(ctx);
  const workdirs = await sweepWorkdirs();
  return { labs, orphans, workdirs };
}
