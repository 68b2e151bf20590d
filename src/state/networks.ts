// Network rows: create, read, route, own, forget.
import type { Db } from './db.js';
import type { JailRow, NetworkRow } from './rows.js';

/** A network of a lab, or undefined. */
export function getNetwork(db: Db, lab: string, name: string): NetworkRow | undefined {
  return db.prepare('SELECT * FROM networks WHERE lab = ? AND name = ?').get(lab, name) as NetworkRow | undefined;
}

/** The networks of a lab, oldest first. */
export function listNetworks(db: Db, lab: string): NetworkRow[] {
  return db.prepare('SELECT * FROM networks WHERE lab = ? ORDER BY created_at, name').all(lab) as NetworkRow[];
}

/** Jails attached to a network (its router included), in creation order. */
export function networkMembers(db: Db, lab: string, name: string): JailRow[] {
  return db.prepare('SELECT * FROM jails WHERE lab = ? AND network = ? ORDER BY seq').all(lab, name) as JailRow[];
}

/** Records a new network. */
export function insertNetwork(
  db: Db,
  n: Pick<
    NetworkRow,
    'lab' | 'name' | 'subnet' | 'bridge' | 'host_addr' | 'domain' | 'dhcp_first' | 'dhcp_last' | 'nat' | 'vlan' | 'trunk' | 'vlan_mode' | 'subnet6'
  >,
): void {
  db.prepare(
    'INSERT INTO networks (lab, name, subnet, bridge, host_addr, created_at, domain, dhcp_first, dhcp_last, nat, vlan, trunk, vlan_mode, subnet6) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    n.lab,
    n.name,
    n.subnet,
    n.bridge,
    n.host_addr,
    new Date().toISOString(),
    n.domain,
    n.dhcp_first,
    n.dhcp_last,
    n.nat,
    n.vlan,
    n.trunk,
    n.vlan_mode,
    n.subnet6 ?? null,
  );
}

/** Records the networks a network is routed to. */
export function setRouteTo(db: Db, lab: string, name: string, to: string[]): void {
  db.prepare('UPDATE networks SET route_to = ? WHERE lab = ? AND name = ?').run(to.join(','), lab, name);
}

/** Records the supervisor file that owns a network and the settings it was made with. */
export function setNetworkOwner(db: Db, lab: string, name: string, owner: string, spec: string): void {
  db.prepare('UPDATE networks SET owner = ?, spec = ? WHERE lab = ? AND name = ?').run(owner, spec, lab, name);
}

/** Forgets a network. */
export function deleteNetwork(db: Db, lab: string, name: string): void {
  db.prepare('DELETE FROM networks WHERE lab = ? AND name = ?').run(lab, name);
}
