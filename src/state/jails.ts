// Jail rows and their processes: create, read, the state transitions, addresses, forget.
import type { Db } from './db.js';
import type { JailRow } from './rows.js';

/** A jail of a lab, or undefined. */
export function getJail(db: Db, lab: string, name: string): JailRow | undefined {
  return db.prepare('SELECT * FROM jails WHERE lab = ? AND name = ?').get(lab, name) as JailRow | undefined;
}

/** The jails of a lab in creation order. */
export function listJails(db: Db, lab: string): JailRow[] {
  return db.prepare('SELECT * FROM jails WHERE lab = ? ORDER BY seq').all(lab) as JailRow[];
}

/** The router jail of a network, if it has one. */
export function routerOf(db: Db, lab: string, network: string): JailRow | undefined {
  return db.prepare("SELECT * FROM jails WHERE lab = ? AND network = ? AND role = 'router'").get(lab, network) as JailRow | undefined;
}

/** The addresses held on a network. */
export function takenAddrs(db: Db, lab: string, network: string): Set<string> {
  return new Set(
    (db.prepare('SELECT addr FROM jails WHERE lab = ? AND network = ? AND addr IS NOT NULL').all(lab, network) as { addr: string }[]).map((r) => r.addr),
  );
}

/** The IPv6 addresses held on a network. */
export function takenAddrs6(db: Db, lab: string, network: string): Set<string> {
  return new Set(
    (db.prepare('SELECT addr6 FROM jails WHERE lab = ? AND network = ? AND addr6 IS NOT NULL').all(lab, network) as { addr6: string }[]).map((r) => r.addr6),
  );
}

/** Records a jail's IPv6 address (a DHCPv6 lease). */
export function setJailAddr6(db: Db, uuid: string, addr6: string | null): void {
  db.prepare('UPDATE jails SET addr6 = ? WHERE uuid = ?').run(addr6, uuid);
}

/** The jail holding an address on a network (null: among the lab's aliased jails), if any. */
export function addrHolder(db: Db, lab: string, network: string | null, ip: string): string | undefined {
  const row = (
    network === null
      ? db.prepare('SELECT name FROM jails WHERE lab = ? AND network IS NULL AND addr = ?').get(lab, ip)
      : db.prepare('SELECT name FROM jails WHERE lab = ? AND network = ? AND addr = ?').get(lab, network, ip)
  ) as { name: string } | undefined;
  return row?.name;
}

/** The aliased jail (no network) holding an IPv6 address, if any. */
export function addr6Holder(db: Db, lab: string, ip6: string): string | undefined {
  return (db.prepare('SELECT name FROM jails WHERE lab = ? AND network IS NULL AND addr6 = ?').get(lab, ip6) as { name: string } | undefined)?.name;
}

/** How many DHCP jails of a network draw from its pool (slotted ones have fixed leases). */
export function poolDhcpJails(db: Db, lab: string, network: string): number {
  return (db.prepare('SELECT count(*) AS n FROM jails WHERE lab = ? AND network = ? AND dhcp = 1 AND slot IS NULL').get(lab, network) as { n: number }).n;
}

/** Records a new jail (state `creating`). */
export function insertJail(db: Db, j: JailRow): void {
  db.prepare(
    'INSERT INTO jails (uuid, lab, name, seq, network, addr, mac, host_if, state, command, created_at, dhcp, role, owner, spec, env, wd, slot, expose, ssh, root, limits, workdir, addr6, addr6_mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    j.uuid,
    j.lab,
    j.name,
    j.seq,
    j.network,
    j.addr,
    j.mac,
    j.host_if,
    j.state,
    j.command,
    j.created_at,
    j.dhcp,
    j.role,
    j.owner,
    j.spec,
    j.env,
    j.wd,
    j.slot,
    j.expose,
    j.ssh,
    j.root,
    j.limits,
    j.workdir,
    j.addr6 ?? null,
    j.addr6_mode ?? null,
  );
}

/** A jail's state transition: `created`, `running`, or `stopped` (which records when). */
export function setJailState(db: Db, uuids: string[], state: 'created' | 'running' | 'stopped'): void {
  const upd =
    state === 'stopped'
      ? db.prepare("UPDATE jails SET state = 'stopped', stopped_at = ? WHERE uuid = ?")
      : db.prepare('UPDATE jails SET state = ? WHERE uuid = ?');
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const u of uuids) {
      if (state === 'stopped') upd.run(now, u);
      else upd.run(state, u);
    }
  })();
}

/** Records a jail's address (a DHCP lease). */
export function setJailAddr(db: Db, uuid: string, addr: string | null): void {
  db.prepare('UPDATE jails SET addr = ? WHERE uuid = ?').run(addr, uuid);
}

/** Records a jail's service command. */
export function setJailCommand(db: Db, uuid: string, command: string[] | undefined): void {
  db.prepare('UPDATE jails SET command = ? WHERE uuid = ?').run(command?.length ? JSON.stringify(command) : null, uuid);
}

/** Forgets jails and their processes. */
export function deleteJails(db: Db, lab: string, names: string[]): void {
  const del = db.prepare('DELETE FROM jails WHERE lab = ? AND name = ?');
  const delp = db.prepare('DELETE FROM processes WHERE lab = ? AND jail = ?');
  db.transaction(() => {
    for (const n of names) {
      del.run(lab, n);
      delp.run(lab, n);
    }
  })();
}

/** Records a process the engine started in a jail (its service or DHCP client). */
export function recordProcess(db: Db, lab: string, jail: string, pid: number, start: string | null, role: 'service' | 'dhcp'): void {
  db.prepare('INSERT OR REPLACE INTO processes (lab, jail, pid, start_time, role, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    lab,
    jail,
    pid,
    start,
    role,
    new Date().toISOString(),
  );
}

/** Forgets a jail's processes (they were ended). */
export function forgetProcesses(db: Db, lab: string, jail: string): void {
  db.prepare('DELETE FROM processes WHERE lab = ? AND jail = ?').run(lab, jail);
}

/** The jails of a network with an IPv6 address (their AAAA names are the engine's to serve: SLAAC ones lease nothing). */
export function addr6Members(db: Db, lab: string, network: string): { name: string; addr6: string }[] {
  return db.prepare("SELECT name, addr6 FROM jails WHERE lab = ? AND network = ? AND role = 'jail' AND addr6 IS NOT NULL ORDER BY seq").all(lab, network) as {
    name: string;
    addr6: string;
  }[];
}

/** A network's jails with static addresses (its DNS names), in creation order. */
export function staticMembers(db: Db, lab: string, network: string): { name: string; addr: string }[] {
  return db.prepare('SELECT name, addr FROM jails WHERE lab = ? AND network = ? AND dhcp = 0 AND addr IS NOT NULL ORDER BY seq').all(lab, network) as {
    name: string;
    addr: string;
  }[];
}

/** A network's DHCP jails bound to slots (MAC to fixed address), in creation order. */
export function slotBoundMembers(db: Db, lab: string, network: string): { name: string; addr: string; mac: string }[] {
  return db.prepare('SELECT name, addr, mac FROM jails WHERE lab = ? AND network = ? AND dhcp = 1 AND slot IS NOT NULL ORDER BY seq').all(lab, network) as {
    name: string;
    addr: string;
    mac: string;
  }[];
}

/** A jail's limits (JSON of core/limits.ts Limits), or null for none. */
export function setJailLimits(db: Db, uuid: string, limits: string | null): void {
  db.prepare('UPDATE jails SET limits = ? WHERE uuid = ?').run(limits, uuid);
}
