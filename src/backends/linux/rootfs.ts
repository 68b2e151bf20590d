// Thin roots on Linux: each jail's upper layer on a tmpfs of its own, and snapshots of that layer kept on disk.
import { join } from 'node:path';
import type { JailRow } from '../../core/model.js';
import { usage } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { cgroupDir } from './facts.js';
import { cgroupPids } from './kill.js';
import { ensureDevTemplate, remountArgv } from './mounts.js';
import { jailPaths } from './paths.js';
import { rootParts, THIN_ROOT, thinRootArgs } from './rootless/thin.js';

/** Makes a thin jail's layer: a tmpfs (in the host's mount namespace, so snapshots can read it) with upper/ and work/. */
export async function makeLayer(ctx: LinuxContext, lab: string, name: string): Promise<void> {
  const p = jailPaths(ctx.runDir, lab, name);
  await ctx.host.mkdir(p.layer, 0o700);
  await ctx.host.mkdir(p.root, 0o755);
  await ctx.host.run(['mount', '-t', 'tmpfs', '-o', 'mode=0700', `vessel-layer-${lab}-${name}`, p.layer]);
  await ctx.host.mkdir(p.upper, 0o755);
  await ctx.host.mkdir(join(p.layer, 'work'), 0o700);
  await mountRoot(ctx, lab, name);
}

/** Mounts a thin jail's overlay (the host's root under its layer) at its root, in the host's mount namespace. */
async function mountRoot(ctx: LinuxContext, lab: string, name: string): Promise<void> {
  const p = jailPaths(ctx.runDir, lab, name);
  if (ctx.rootless) {
    await ctx.host.run(['sh', '-c', THIN_ROOT, 'vessel-thin-root', p.layer, p.root, ...thinRootArgs(await rootParts(ctx.host))]);
    return;
  }
  await ctx.host.run(['mount', '-t', 'overlay', `vessel-root-${lab}-${name}`, '-o', `lowerdir=/,upperdir=${p.upper},workdir=${join(p.layer, 'work')}`, p.root]);
}

/** Refuses unless the jail has a thin root and nothing runs in it (a layer may only be copied or replaced at rest). */
async function atRest(ctx: LinuxContext, j: JailRow, what: string): Promise<void> {
  if (j.root !== 'thin') throw usage(`jail ${j.name} has a shared root (the host's files): only a thin root (--root=thin) has ${what}`);
  if (j.state === 'running' || (await cgroupPids(ctx.host, cgroupDir(ctx.cgroupRoot, j.lab, j.name))).length > 0)
    throw usage(`jail ${j.name} is running: stop it first (vessel stop ${j.name}); a snapshot is taken and restored at rest`);
}

/** The snapshots of a jail: name, when taken, and size in bytes (oldest first). */
export async function listSnapshots(ctx: LinuxContext, j: JailRow): Promise<{ name: string; taken: string; bytes?: number }[]> {
  const p = jailPaths(ctx.runDir, j.lab, j.name);
  const out: { name: string; taken: string; bytes?: number }[] = [];
  for (const e of await ctx.host.list(p.snapshots)) {
    if (!e.name.endsWith('.taken')) continue;
    const name = e.name.slice(0, -'.taken'.length);
    const taken = ((await ctx.host.readFile(join(p.snapshots, e.name))) ?? '').trim();
    const du = await ctx.host.run(['du', '-sb', join(p.snapshots, name)], { allowFail: true });
    const bytes = du.code === 0 ? Number(du.stdout.split('\t')[0]) : undefined;
    out.push({ name, taken, ...(bytes !== undefined && Number.isFinite(bytes) ? { bytes } : {}) });
  }
  return out.sort((a, b) => a.taken.localeCompare(b.taken));
}

/** Keeps a copy of a stopped thin jail's upper layer (with overlayfs's whiteouts and xattrs) as NAME@SNAP. */
export async function snapshot(ctx: LinuxContext, j: JailRow, snap: string): Promise<void> {
  await atRest(ctx, j, 'snapshots');
  const p = jailPaths(ctx.runDir, j.lab, j.name);
  const dest = join(p.snapshots, snap);
  if ((await ctx.host.readFile(`${dest}.taken`)) !== undefined) throw usage(`snapshot ${j.name}@${snap} exists already`);
  await ctx.host.mkdir(p.snapshots, 0o700);
  // A copy an earlier failure left half-made (no .taken) goes first.
  await ctx.host.remove(dest);
  await ctx.host.run(['cp', '-a', `${p.upper}/.`, dest]);
  await ctx.host.writeFile(`${dest}.taken`, `${new Date().toISOString()}\n`);
}

/**
 * Puts a stopped thin jail's upper layer back as it was at NAME@SNAP. The jail's mount namespace is made again, so
 * the overlay starts with nothing cached from the layer it had.
 */
export async function rollback(ctx: LinuxContext, j: JailRow, snap: string): Promise<void> {
  await atRest(ctx, j, 'snapshots');
  const p = jailPaths(ctx.runDir, j.lab, j.name);
  const src = join(p.snapshots, snap);
  if ((await ctx.host.readFile(`${src}.taken`)) === undefined) throw usage(`no snapshot ${j.name}@${snap} (vessel snapshots ${j.name} lists them)`);
  await ctx.host.run(['umount', p.mnt]);
  // -R: a rootless thin root has an overlay per folder under it.
  await ctx.host.run(['umount', '-R', p.root]);
  await ctx.host.remove(p.initPid);
  await ctx.host.remove(p.upper);
  await ctx.host.remove(join(p.layer, 'work'));
  await ctx.host.run(['cp', '-a', `${src}/.`, p.upper]);
  await ctx.host.mkdir(join(p.layer, 'work'), 0o700);
  await mountRoot(ctx, j.lab, j.name);
  await ensureDevTemplate(ctx, j.lab);
  await ctx.host.run(remountArgv(ctx, j.lab, j));
}
