// Removes ledger objects from the kernel in order, tolerating what is already gone, then forgets them.
import type { Host } from '../../core/host.js';
import { forget, type LedgerObject } from '../../state/ledger.js';
import type { LinuxContext } from './context.js';
import { removeCgroupTree } from './kill.js';

/** Mount points currently mounted on the host (from /proc/self/mountinfo). */
export async function mountedPaths(host: Host): Promise<Set<string>> {
  const out = new Set<string>();
  for (const line of ((await host.readFile('/proc/self/mountinfo')) ?? '').split('\n')) {
    const p = line.split(' ')[4];
    if (p) out.add(p.replace(/\\040/g, ' '));
  }
  return out;
}

/** Unmounts the paths in one umount call (lazy, so a busy mount cannot block teardown; one not mounted is skipped). */
async function unmountAll(ctx: LinuxContext, paths: string[]): Promise<void> {
  if (paths.length > 0) await ctx.host.run(['umount', '-l', ...paths], { allowFail: true });
}

/** Deletes network namespaces in one ip batch (-force: one already gone does not stop the rest). */
async function deleteNetns(ctx: LinuxContext, names: string[]): Promise<void> {
  if (names.length > 0) await ctx.host.run(['ip', '-force', '-batch', '-'], { input: names.map((n) => `netns del ${n}`).join('\n') + '\n', allowFail: true });
}

/** Removes the given ledger objects (already in teardown order) and forgets those that are gone. */
export async function removeObjects(ctx: LinuxContext, objects: LedgerObject[]): Promise<void> {
  const byKind = (k: LedgerObject['kind']) => objects.filter((o) => o.kind === k);
  const mountedBefore = await mountedPaths(ctx.host);
  // Only what is mounted is unmounted: umount of a path that is not costs an error line per path.
  const isMounted = (p: string) => !ctx.host.live || mountedBefore.has(p);
  await unmountAll(
    ctx,
    byKind('nsfile')
      .map((o) => o.name)
      .filter(isMounted),
  );
  for (const o of byKind('nsfile')) await ctx.host.remove(o.name);
  // Links need no call of their own: a veth pair goes with its jail's netns, bridges with the lab host's.
  // (Deleting veths one by one costs ~20 ms each in the kernel; deleting the netns is batched.)
  await deleteNetns(
    ctx,
    byKind('netns-jail').map((o) => o.name),
  );
  await deleteNetns(
    ctx,
    byKind('netns-host').map((o) => o.name),
  );
  await unmountAll(
    ctx,
    byKind('mount')
      .map((o) => o.name)
      .filter(isMounted),
  );
  for (const o of byKind('dir')) await ctx.host.remove(o.name);
  for (const o of byKind('cgroup').sort((a, b) => b.name.length - a.name.length)) await removeCgroupTree(ctx.host, o.name);
  forget(
    ctx.db,
    (await goneObjects(ctx, objects)).map((o) => o.id),
  );
}

/** The objects the host no longer has. A recording host's commands always succeed, so for it everything removed is gone. */
async function goneObjects(ctx: LinuxContext, objects: LedgerObject[]): Promise<LedgerObject[]> {
  if (!ctx.host.live) return objects;
  const mounted = await mountedPaths(ctx.host);
  const nsGone = async (n: string) => !(await ctx.host.exists(`/run/netns/${n}`));
  const jailNetnsGone = new Set<string>();
  for (const o of objects) if (o.kind === 'netns-jail' && (await nsGone(o.name))) jailNetnsGone.add(o.owner ?? '');
  const gone: LedgerObject[] = [];
  for (const o of objects) {
    let g: boolean;
    switch (o.kind) {
      case 'nsfile':
        g = !mounted.has(o.name) && !(await ctx.host.exists(o.name));
        break;
      case 'link':
        g = (await nsGone(o.name.split('/')[0]!)) || jailNetnsGone.has(o.owner ?? '');
        break;
      case 'netns-jail':
      case 'netns-host':
        g = await nsGone(o.name);
        break;
      case 'mount':
        g = !mounted.has(o.name);
        break;
      default:
        g = !(await ctx.host.exists(o.name));
    }
    if (g) gone.push(o);
  }
  return gone;
}
