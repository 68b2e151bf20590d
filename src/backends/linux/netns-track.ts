// Named network namespaces (`ip netns add`) that a run's steps made: found at teardown and removed, and only those.
import type { Host } from '../../core/host.js';
import { deleteNetns, otherNetns, otherRunnerAlive, saveNetnsBefore } from './stray-netns.js';

/** Runs of this process that are going now, and whether each overlapped another (its new names are then not surely its own). */
const active = new Map<symbol, { overlapped: boolean }>();

/** Starts watching for namespaces a run makes; `finish` removes them at teardown and says what it did. */
export async function trackNetns(host: Host, tmp: string, runTmp: string): Promise<{ finish(): Promise<{ removed: string[]; leftAlone: string[] }> }> {
  const before = await otherNetns(host);
  saveNetnsBefore(runTmp, before);
  const me = Symbol('run');
  for (const r of active.values()) r.overlapped = true;
  active.set(me, { overlapped: active.size > 0 || otherRunnerAlive(tmp, [process.pid]) });
  return {
    async finish() {
      const mine = active.get(me)!;
      active.delete(me);
      const made = [...(await otherNetns(host))].filter((n) => !before.has(n));
      if (made.length === 0) return { removed: [], leftAlone: [] };
      // With another run going at the same time, a new name may be that run's: it is left, and said so.
      if (mine.overlapped || otherRunnerAlive(tmp, [process.pid])) return { removed: [], leftAlone: made };
      const r = await deleteNetns(host, made);
      return { removed: r.removed, leftAlone: r.left };
    },
  };
}
