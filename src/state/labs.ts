// Lab rows: create, read, mark, and forget (with their processes and builds).
import type { Db } from './db.js';
import type { LabRow } from './rows.js';

/** The lab row, if it exists. */
export function getLab(db: Db, id: string): LabRow | undefined {
  return db.prepare('SELECT * FROM labs WHERE id = ?').get(id) as LabRow | undefined;
}

/** All labs, oldest first. */
export function listLabs(db: Db): LabRow[] {
  return db.prepare('SELECT * FROM labs ORDER BY created_at').all() as LabRow[];
}

/** Records a new lab. */
export function insertLab(
  db: Db,
  l: {
    id: string;
    kind: 'run' | 'manual';
    ownerPid: number | null;
    ownerStart: string | null;
    runId: string | null;
    inetNic?: string | null;
    uplink?: string | null;
  },
): void {
  db.prepare('INSERT INTO labs (id, kind, owner_pid, owner_start, run_id, created_at, inet_nic, uplink) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    l.id,
    l.kind,
    l.ownerPid,
    l.ownerStart,
    l.runId,
    new Date().toISOString(),
    l.inetNic ?? null,
    l.uplink ?? null,
  );
}

/** Records a lab's uplink: `simulated` (the run's upstream) or `nic` (with its NIC). */
export function setUplink(db: Db, id: string, uplink: 'simulated' | 'nic', nic?: string): void {
  if (uplink === 'nic') db.prepare("UPDATE labs SET inet_nic = ?, uplink = 'nic' WHERE id = ?").run(nic ?? null, id);
  else db.prepare("UPDATE labs SET uplink = 'simulated' WHERE id = ?").run(id);
}

/** Marks a lab as kept (left alone by cleanup). */
export function keepLab(db: Db, id: string): void {
  db.prepare('UPDATE labs SET kept = 1 WHERE id = ?').run(id);
}

/** Takes `n` sequence numbers of a lab (for jails' interface names); returns the first. Call inside a transaction. */
export function takeSeq(db: Db, id: string, n: number): number {
  const row = db.prepare('SELECT next_seq FROM labs WHERE id = ?').get(id) as { next_seq: number };
  db.prepare('UPDATE labs SET next_seq = ? WHERE id = ?').run(row.next_seq + n, id);
  return row.next_seq;
}

/** Gives a lab the smallest tag no other lab holds, and returns it (one transaction: two labs never share a tag). */
export function takeLabTag(db: Db, id: string): number {
  return db
    .transaction(() => {
      const used = new Set((db.prepare('SELECT tag FROM labs WHERE tag IS NOT NULL AND id <> ?').all(id) as { tag: number }[]).map((r) => r.tag));
      let t = 1;
      while (used.has(t)) t++;
      db.prepare('UPDATE labs SET tag = ? WHERE id = ?').run(t, id);
      return t;
    })
    .immediate();
}

/** Forgets a lab with its networks, jails, processes and builds (its kernel objects must be gone). */
export function deleteLab(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM processes WHERE lab = ?').run(id);
    db.prepare('DELETE FROM builds WHERE lab = ?').run(id);
    db.prepare('DELETE FROM jails WHERE lab = ?').run(id);
    db.prepare('DELETE FROM networks WHERE lab = ?').run(id);
    db.prepare('DELETE FROM labs WHERE id = ?').run(id);
  })();
}
