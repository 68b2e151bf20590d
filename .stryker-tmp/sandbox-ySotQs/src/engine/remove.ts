// @ts-nocheck
// Removes ledger objects from the kernel in order, tolerating what is already gone, then forgets them.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { forget, type LedgerObject } from '../state/ledger.js';
import type { EngineContext } from './context.js';
import { removeCgroupTree } from './kill.js';

/** Mount points currently mounted (from /proc/self/mountinfo). */
export function mountedPaths(): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const p = line.split(' ')[4];
    if (p) out.add(p.replace(/\\040/g, ' '));
  }
  return out;
}

/** Unmounts each path that is mounted, all in one umount call (lazy, so a busy mount cannot block teardown). */
async function unmountAll(ctx: EngineContext, paths: string[]): Promise<void> {
  const mounted = mountedPaths();
  const todo = paths.filter((p) => mounted.has(p));
  if (todo.length > 0) await ctx.cmd.run(['umount', '-l', ...todo], { allowFail: true });
}

/** Deletes network namespaces in one ip batch, ignoring those already gone. */
async function deleteNetns(ctx: EngineContext, names: string[]): Promise<void> {
  const present = names.filter((n) => existsSync(`/run/netns/${n}`));
  if (present.length > 0) await ctx.cmd.run(['ip', '-force', '-batch', '-'], { input: present.map((n) => `netns del ${n}`).join('\n') + '\n', allowFail: true });
}

/** Removes the given ledger objects (already in teardown order) and forgets those that are gone. */
export async function removeObjects(ctx: EngineContext, objects: LedgerObject[]): Promise<void> {
  const byKind = (k: LedgerObject['kind']) => objects.filter((o) => o.kind === k);
  await unmountAll(ctx, byKind('nsfile').map((o) => o.name));
  for (const o of byKind('nsfile')) rmSync(o.name, { force: true });
  // Links need no call of their own: a veth pair goes with its jail's netns, bridges with the lab host's.
  // (Deleting veths one by one costs ~20 ms each in the kernel; deleting the netns is batched.)
  await deleteNetns(ctx, byKind('netns-jail').map((o) => o.name));
  await deleteNetns(ctx, byKind('netns-host').map((o) => o.name));
  await unmountAll(ctx, byKind('mount').map((o) => o.name));
  for (const o of byKind('dir')) rmSync(o.name, { recursive: true, force: true });
  for (const o of byKind('cgroup').sort((a, b) => b.name.length - a.name.length)) await removeCgroupTree(o.name);
  const mounted = mountedPaths();
  const jailNetnsGone = new Set(byKind('netns-jail').filter((o) => !existsSync(`/run/netns/${o.name}`)).map((o) => o.owner ?? ''));
  const gone = objects.filter((o) => {
    switch (o.kind) {
      case 'nsfile': return !mounted.has(o.name) && !existsSync(o.name);
      case 'link': return !existsSync(`/run/netns/${o.name.split('/')[0]}`) || jailNetnsGone.has(o.owner ?? '');
      case 'netns-jail':
      case 'netns-host': return !existsSync(`/run/netns/${o.name}`);
      case 'mount': return !mounted.has(o.name);
      case 'dir':
      case 'cgroup': return !existsSync(o.name);
    }
  });
  forget(ctx.db, gone.map((o) => o.id));
}
