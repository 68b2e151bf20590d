// Reconciling state with the kernel: stale labs from the ledger first, then a sweep by name for orphans.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isStale } from '../../core/labs.js';
import { endTree } from '../../exec/procs.js';
import { RUN_MARKER } from '../../exec/spawn.js';
import { processStart } from '../../host/local.js';
import { undoDeadBuilds, type BuildRow } from '../../state/builds.js';
import { getJail, listJails } from '../../state/jails.js';
import { listLabs } from '../../state/labs.js';
import { deleteNetwork, getNetwork, listNetworks, networkMembers } from '../../state/networks.js';
import type { LinuxContext } from './context.js';
import { cgroupDir } from './facts.js';
import { destroyJails } from './jails.js';
import { killCgroup, killPids, pidsInNetns, removeCgroupTree } from './kill.js';
import { destroyLab } from './labs.js';
import { jailNetns, labOfNetns } from './names.js';
import { destroyNetwork } from './networks.js';
import { mountedPaths } from './remove.js';
import { deleteNetns, loadNetnsBefore, otherNetns, otherRunnerAlive, processAlive, runnerDirs } from './stray-netns.js';

/** What a cleanup removed. */
export interface CleanupReport {
  labs: string[];
  /** Networks and jails of live labs whose kernel objects were gone (`lab/name`). */
  stale: string[];
  orphans: string[];
  workdirs: string[];
}

const YOUNG_MS = 30_000;

/** Labs whose owner is gone, or whose lab host namespace vanished (e.g. after a reboot). */
export async function staleLabs(ctx: LinuxContext): Promise<string[]> {
  const out: string[] = [];
  for (const l of listLabs(ctx.db)) {
    if (isStale(l, processStart) || (!(await ctx.host.exists(`/run/netns/vc-${l.id}-host`)) && Date.now() - Date.parse(l.created_at) > YOUNG_MS))
      out.push(l.id);
  }
  return out;
}

/** Removes what a vessel process that died was still making (a lab, a network, jails): creation is all or nothing. */
export async function removeHalfMade(ctx: LinuxContext): Promise<string[]> {
  const alive = (b: BuildRow) => {
    const start = processStart(b.pid);
    return start !== undefined && (b.start_time === null || start === b.start_time);
  };
  const dead = await undoDeadBuilds(ctx.db, alive, async (b) => {
    if (b.kind === 'lab') await destroyLab(ctx, b.lab);
    else if (b.kind === 'network' && getNetwork(ctx.db, b.lab, b.name)) await destroyNetwork(ctx, b.lab, b.name, true);
    else if (b.kind === 'jail' && getJail(ctx.db, b.lab, b.name)) await destroyJails(ctx, b.lab, [b.name]);
  });
  return dead.map((b) => `${b.lab}/${b.kind === 'lab' ? '' : `${b.kind} `}${b.name}`);
}

/** Destroys stale labs (ledger first) and the work directories their runs left. Kept and live labs are left alone. */
export async function reconcile(ctx: LinuxContext): Promise<string[]> {
  const stale = await removeStale(ctx);
  if (stale.length) await sweepWorkdirs(ctx);
  return stale;
}

/** Removes half-made objects and stale labs; returns the stale labs. */
async function removeStale(ctx: LinuxContext): Promise<string[]> {
  await removeHalfMade(ctx);
  const stale = await staleLabs(ctx);
  for (const id of stale) await destroyLab(ctx, id);
  return stale;
}

/** Removes kernel objects named for labs the state does not know (a sweep by name). */
async function sweepOrphans(ctx: LinuxContext): Promise<string[]> {
  const known = new Set(listLabs(ctx.db).map((l) => l.id));
  const netns = (await ctx.host.list('/run/netns')).map((e) => e.name);
  const orphanLabs = new Set<string>();
  for (const n of netns) {
    const lab = labOfNetns(n);
    if (lab && !known.has(lab)) orphanLabs.add(lab);
  }
  for (const d of await ctx.host.list(ctx.runDir)) if (/^[a-z0-9]{1,12}$/.test(d.name) && !known.has(d.name)) orphanLabs.add(d.name);
  for (const d of await ctx.host.list(join(ctx.cgroupRoot, 'vessel'))) if (d.dir && !known.has(d.name)) orphanLabs.add(d.name);
  for (const lab of orphanLabs) {
    const mine = netns.filter((n) => labOfNetns(n) === lab);
    await killCgroup(ctx.host, cgroupDir(ctx.cgroupRoot, lab));
    await killPids(
      ctx.host,
      await pidsInNetns(
        ctx.host,
        mine.map((n) => `/run/netns/${n}`),
      ),
    );
    const root = join(ctx.runDir, lab);
    const mounts = [...(await mountedPaths(ctx.host))].filter((p) => p === root || p.startsWith(`${root}/`)).sort((a, b) => b.length - a.length);
    if (mounts.length) await ctx.host.run(['umount', '-l', ...mounts], { allowFail: true });
    const jails = mine.filter((n) => !n.endsWith('-host'));
    const hosts = mine.filter((n) => n.endsWith('-host'));
    for (const group of [jails, hosts]) {
      if (group.length) await ctx.host.run(['ip', '-force', '-batch', '-'], { input: group.map((n) => `netns del ${n}`).join('\n') + '\n', allowFail: true });
    }
    await ctx.host.remove(root);
    await removeCgroupTree(ctx.host, cgroupDir(ctx.cgroupRoot, lab));
  }
  return [...orphanLabs];
}

/** Removes runner work directories whose owner process is gone, and the processes they left; a kept lab keeps its directory. */
async function sweepWorkdirs(ctx: LinuxContext, tmp = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  const labs = new Set(listLabs(ctx.db).map((l) => l.id));
  for (const { dir, pid, lab } of runnerDirs(tmp)) {
    if (processAlive(pid) || labs.has(lab)) continue;
    await endTree({ marker: { name: RUN_MARKER, value: `${lab}-${pid}` }, graceMs: 500 });
    // Namespaces its steps made with `ip netns add` go too, when no other run could have made them.
    const before = loadNetnsBefore(dir);
    if (before && !otherRunnerAlive(tmp, [pid]))
      await deleteNetns(
        ctx.host,
        [...(await otherNetns(ctx.host))].filter((n) => !before.has(n)),
      );
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** Checks every network and jail of the remaining labs against the kernel; forgets (and tidies) what is gone. */
async function reconcileMembers(ctx: LinuxContext): Promise<string[]> {
  const stale: string[] = [];
  for (const lab of listLabs(ctx.db)) {
    const host = `vc-${lab.id}-host`;
    if (!(await ctx.host.exists(`/run/netns/${host}`))) continue;
    const links = await ctx.host.run(['ip', '-n', host, '-o', 'link', 'show', 'type', 'bridge'], { allowFail: true });
    const bridges = new Set(
      links.stdout
        .split('\n')
        .map((l) => l.split(':')[1]?.trim().split('@')[0])
        .filter(Boolean),
    );
    for (const net of listNetworks(ctx.db, lab.id)) {
      if (bridges.has(net.bridge)) continue;
      const members = networkMembers(ctx.db, lab.id, net.name).map((j) => j.name);
      await destroyJails(ctx, lab.id, members);
      deleteNetwork(ctx.db, lab.id, net.name);
      stale.push(`${lab.id}/${net.name}`);
    }
    const gone: string[] = [];
    for (const j of listJails(ctx.db, lab.id)) if (!(await ctx.host.exists(`/run/netns/${jailNetns(lab.id, j.name)}`))) gone.push(j.name);
    if (gone.length) {
      await destroyJails(ctx, lab.id, gone);
      stale.push(...gone.map((g) => `${lab.id}/${g}`));
    }
  }
  return stale;
}

/** `vessel cleanup`: stale labs from the ledger, networks and jails checked against the kernel, orphans by name, orphaned work directories. */
export async function cleanup(ctx: LinuxContext): Promise<CleanupReport> {
  const labs = await removeStale(ctx);
  const stale = await reconcileMembers(ctx);
  const orphans = await sweepOrphans(ctx);
  const workdirs = await sweepWorkdirs(ctx);
  return { labs, stale, orphans, workdirs };
}
