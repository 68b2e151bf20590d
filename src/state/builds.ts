// Creation in progress: a lab, network or jail is recorded here before it is made and forgotten once complete.
import type { Db } from './db.js';

/** What is being made. */
export type BuildKind = 'lab' | 'network' | 'jail';

/** A build in progress (or left by a maker that died). */
export interface BuildRow {
  lab: string;
  kind: BuildKind;
  name: string;
  pid: number;
  start_time: string | null;
}

/** Records that this process starts making these objects (before anything of them exists). */
export function startBuild(db: Db, lab: string, kind: BuildKind, names: string[], pid: number, start: string | undefined): void {
  const ins = db.prepare('INSERT OR REPLACE INTO builds (lab, kind, name, pid, start_time, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const n of names) ins.run(lab, kind, n, pid, start ?? null, now);
  })();
}

/** Forgets builds: the objects are complete, or gone. */
export function endBuild(db: Db, lab: string, kind: BuildKind, names: string[]): void {
  const del = db.prepare('DELETE FROM builds WHERE lab = ? AND kind = ? AND name = ?');
  db.transaction(() => {
    for (const n of names) del.run(lab, kind, n);
  })();
}

/** Every build recorded, oldest first. */
export function listBuilds(db: Db): BuildRow[] {
  return db.prepare('SELECT lab, kind, name, pid, start_time FROM builds ORDER BY created_at').all() as BuildRow[];
}

/** Runs `fn` as a build of these objects by this process: recorded before, forgotten after (done or failed and undone). */
export async function withBuild<T>(
  db: Db,
  lab: string,
  kind: BuildKind,
  names: string[],
  pid: number,
  start: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  startBuild(db, lab, kind, names, pid, start);
  try {
    return await fn();
  } finally {
    endBuild(db, lab, kind, names);
  }
}

/** Undoes every build whose maker is dead (`alive` tells), then forgets it; returns them. */
export async function undoDeadBuilds(db: Db, alive: (b: BuildRow) => boolean, undo: (b: BuildRow) => Promise<void>): Promise<BuildRow[]> {
  const dead = listBuilds(db).filter((b) => !alive(b));
  for (const b of dead) {
    await undo(b);
    endBuild(db, b.lab, b.kind, [b.name]);
  }
  return dead;
}
