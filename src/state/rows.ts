// The rows of the state database: labs, networks and jails, the same for every backend.

/** A lab row. */
export interface LabRow {
  id: string;
  kind: 'run' | 'manual';
  owner_pid: number | null;
  owner_start: string | null;
  run_id: string | null;
  kept: number;
  inet_nic: string | null;
  next_seq: number;
  created_at: string;
  /** The lab's host-wide tag (freebsd: in its interface names), or null. */
  tag: number | null;
  /** 'simulated' (the run's upstream namespaces), or null (no uplink). */
  uplink: string | null;
}

/** A network row. */
export interface NetworkRow {
  lab: string;
  name: string;
  subnet: string;
  bridge: string;
  host_addr: string;
  created_at: string;
  domain: string | null;
  dhcp_first: string | null;
  dhcp_last: string | null;
  nat: number;
  /** The supervisor file that made it, and the settings it was made with. */
  owner: string | null;
  spec: string | null;
  /** VLAN id and trunk, and how the tag is carried: 'tagged' (802.1Q) or 'bridge-per-vlan'. */
  vlan: number | null;
  trunk: string | null;
  vlan_mode: string | null;
  /** Networks this one is routed to (comma list). */
  route_to: string | null;
  /** Its IPv6 /64, or null when it is IPv4 only. */
  subnet6?: string | null;
}

/** A jail row. */
export interface JailRow {
  uuid: string;
  lab: string;
  name: string;
  seq: number;
  network: string | null;
  addr: string | null;
  mac: string | null;
  host_if: string | null;
  state: 'creating' | 'created' | 'running' | 'stopped';
  /** When it was last stopped (ISO time), if ever. */
  stopped_at?: string | null;
  /** JSON argv of the service, if any. */
  command: string | null;
  created_at: string;
  /** 1 when the address comes from DHCP. */
  dhcp: number;
  role: 'jail' | 'router';
  /** The supervisor file that made it, and the settings it was made with. */
  owner: string | null;
  spec: string | null;
  /** Extra service environment (JSON) and working directory. */
  env: string | null;
  wd: string | null;
  /** ecDock-style slot: the subnet's K-th address and a MAC made from it. */
  slot: number | null;
  /** The ports it exposes through its router (JSON list of {port, jailPort, proto}), or null. */
  expose: string | null;
  /** 1 when it runs sshd for the lab's key. */
  ssh: number;
  /** Its root: `shared` (the host's files) or `thin` (an overlay of its own). */
  root: 'shared' | 'thin';
  /** Its limits (JSON of core/limits.ts Limits), or null. */
  limits: string | null;
  /** The run's work directory, shown at the same path in a thin root, or null. */
  workdir: string | null;
  /** Its IPv6 address (for slaac: the one its MAC makes; for dhcp: the lease's, once it has one), or null. */
  addr6?: string | null;
  /** How it gets its IPv6 address: 'slaac', 'dhcp' or 'static'; null on an IPv4-only network. */
  addr6_mode?: 'slaac' | 'dhcp' | 'static' | null;
}
