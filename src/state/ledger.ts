// The ledger of kernel objects: rows are written before an object is made and removed after it is gone.
import type { Db } from './db.js';

/**
 * Kinds of kernel object the engines make, in teardown order. Linux: nsfile .. cgroup. FreeBSD adds
 * jail (jail -r), ifnet (ifconfig destroy), fib (routes of a FIB), pf-anchor and devfs-ruleset.
 */
export const OBJECT_KINDS = [
  'jail',
  'nsfile',
  'link',
  'ifnet',
  'netns-jail',
  'netns-host',
  'mount',
  'fib',
  'pf-anchor',
  'devfs-ruleset',
  'dir',
  'cgroup',
] as const;
/** One kind of kernel object. */
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** A ledger row. */
export interface LedgerObject {
  id: number;
  lab: string;
  kind: ObjectKind;
  name: string;
  /** The jail (or network) it belongs to, if any. */
  owner: string | null;
}

/** Records objects about to be created (idempotent). */
export function record(db: Db, lab: string, objects: { kind: ObjectKind; name: string; owner?: string }[]): void {
  const ins = db.prepare('INSERT OR IGNORE INTO objects (lab, kind, name, owner, created_at) VALUES (?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const o of objects) ins.run(lab, o.kind, o.name, o.owner ?? null, now);
  })();
}

/** The objects of a lab (optionally of one owner), in teardown order. */
export function objectsOf(db: Db, lab: string, owner?: string): LedgerObject[] {
  const rows = (
    owner === undefined
      ? db.prepare('SELECT id, lab, kind, name, owner FROM objects WHERE lab = ?').all(lab)
      : db.prepare('SELECT id, lab, kind, name, owner FROM objects WHERE lab = ? AND owner = ?').all(lab, owner)
  ) as LedgerObject[];
  const order = (k: string) => OBJECT_KINDS.indexOf(k as ObjectKind);
  return rows.sort((a, b) => order(a.kind) - order(b.kind) || b.id - a.id);
}

/** Forgets objects that are gone. */
export function forget(db: Db, ids: number[]): void {
  const del = db.prepare('DELETE FROM objects WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) del.run(id);
  })();
}

/** Labs that have ledger rows. */
export function labsInLedger(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT lab FROM objects').all() as { lab: string }[]).map((r) => r.lab);
}

/** The name of a lab's object of this kind and owner, if any. */
export function objectNamed(db: Db, lab: string, kind: ObjectKind, owner: string): string | undefined {
  return (db.prepare('SELECT name FROM objects WHERE lab = ? AND kind = ? AND owner = ?').get(lab, kind, owner) as { name: string } | undefined)?.name;
}

/** How many other labs' ledgers hold an object of this kind and name (a shared one is removed by the last). */
export function sharedWith(db: Db, kind: ObjectKind, name: string, lab: string): number {
  return (db.prepare('SELECT count(*) AS n FROM objects WHERE kind = ? AND name = ? AND lab <> ?').get(kind, name, lab) as { n: number }).n;
}

/** The names of every lab's objects of one kind. */
export function namesOfKind(db: Db, kind: ObjectKind): string[] {
  return (db.prepare('SELECT name FROM objects WHERE kind = ?').all(kind) as { name: string }[]).map((o) => o.name);
}

/** The labs whose ledgers hold an object of this kind and name. */
export function holdersOf(db: Db, kind: ObjectKind, name: string): string[] {
  return (db.prepare('SELECT DISTINCT lab FROM objects WHERE kind = ? AND name = ?').all(kind, name) as { lab: string }[]).map((r) => r.lab);
}

/** Renames a ledger object in place (its removal command changes with it). */
export function renameObject(db: Db, lab: string, kind: ObjectKind, from: string, to: string): void {
  db.prepare('UPDATE objects SET name = ? WHERE lab = ? AND kind = ? AND name = ?').run(to, lab, kind, from);
}
