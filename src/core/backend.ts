// What every engine backend offers the vessel CLI, the supervisor and the runner (linux runs it; freebsd plans it).
import type { Inventory } from './inventory.js';
import type { Db } from '../state/db.js';
import type { Ready } from './supervisor/model.js';
import type { DnsmasqLease } from './dnsmasq.js';
import type { Host } from './host.js';
import type { JailSpec } from './jails.js';
import type { Limits } from './limits.js';
import type { LabOwner } from './labs.js';
import type { JailRow, LabRow, NetworkRow } from './model.js';
import type { NetworkOptions } from './networks.js';
import type { RunLab } from './run-lab.js';

/** The backends there are. */
export type BackendName = 'linux' | 'freebsd';

/** A network with its members. */
export interface NetworkWithMembers extends NetworkRow {
  members: JailRow[];
}

/** What `vessel cleanup` did: one line per kind of thing removed, and the labs left. */
export interface CleanupSummary {
  lines: string[];
  left: LabRow[];
}

/** One snapshot of a jail: its name, when it was taken (ISO time), and its size when known. */
export interface Snapshot {
  name: string;
  taken: string;
  bytes?: number;
}

/** The engine operations, the same for every backend. */
export interface VesselBackend {
  readonly backend: BackendName;
  readonly ctx: { db: Db; runDir: string; host: Host };
  close(): void;
  getLab(id: string): LabRow | undefined;
  listLabs(): LabRow[];
  createLab(id: string, owner: LabOwner): Promise<LabRow>;
  /** The lab, created by hand on first use (with this uplink NIC, where the backend bridges one). */
  ensureLab(id: string, inetNic?: string): Promise<LabRow>;
  destroyLab(id: string): Promise<void>;
  keepLab(id: string): void;
  setInetNic(lab: string, nic: string | undefined): Promise<string>;
  createNetwork(lab: string, name: string, subnet: string, opts?: NetworkOptions): Promise<NetworkRow>;
  networks(lab: string): NetworkWithMembers[];
  getNetwork(lab: string, name: string): NetworkRow | undefined;
  destroyNetwork(lab: string, name: string, force: boolean): Promise<void>;
  route(lab: string, name: string, to: string): Promise<void>;
  leases(lab: string, network: string): Promise<DnsmasqLease[]>;
  run(lab: string, spec: JailSpec): Promise<JailRow[]>;
  /** An IP-aliased jail on a NIC of the lab host, with an IPv6 address on it too when `ip6` is given. */
  runAlias(lab: string, name: string, nic: string, ip: string, command?: string[], ip6?: string): Promise<JailRow>;
  jails(lab: string): JailRow[];
  /** The ssh command into a jail that runs sshd: from the lab host, or from the outside through its router (a jump host). */
  sshArgv(lab: string, name: string, command: string[], from: 'host' | 'upstream'): Promise<string[]>;
  /** The Ansible inventory of the jails that run sshd (optionally one network's), as seen from the lab host or the outside. */
  inventory(lab: string, network: string | undefined, from: 'host' | 'upstream'): Promise<Inventory>;
  /** The lab's outside network (`uplink`), recorded on first use, for jails that join the uplink directly. */
  joinUplink(lab: string): Promise<NetworkRow>;
  jail(lab: string, name: string): JailRow;
  /** A jail's network leg as `HOST/JAIL` interface names (`vh2/eth0` on Linux). */
  legName(j: JailRow): string;
  stop(lab: string, name: string): Promise<void>;
  start(lab: string, name: string): Promise<void>;
  destroy(lab: string, names: string[]): Promise<void>;
  partition(lab: string, a: string[], b: string[]): Promise<void>;
  heal(lab: string): Promise<number>;
  /** One try of a supervisor ready check. */
  readyOnce(lab: string, j: JailRow, ready: Ready): Promise<boolean>;
  /** A jail's service log. */
  log(lab: string, name: string): Promise<string>;
  /** The argv prefix that runs a command inside a jail, in `wd`. */
  enterArgv(lab: string, name: string, wd: string): string[];
  /** Removes what dead runs and dead vessel processes left. */
  cleanup(): Promise<CleanupSummary>;
  /** Keeps a copy of a stopped thin jail's own files as NAME@SNAP. */
  snapshot(lab: string, name: string, snap: string): Promise<void>;
  /** Puts a stopped thin jail's own files back as they were at NAME@SNAP. */
  rollback(lab: string, name: string, snap: string): Promise<void>;
  /** A jail's snapshots, oldest first. */
  snapshots(lab: string, name: string): Promise<Snapshot[]>;
  /** `vessel limits NAME`: the jail's limits next to what it uses now, and how they are applied on this host. */
  limits(lab: string, name: string): Promise<string>;
  /** Changes limits of a jail, running or not (`vessel set`). */
  setLimits(lab: string, name: string, limits: Limits): Promise<void>;
  /** Times the kernel killed a process of the jail for its memory limit, or undefined without a memory limit. */
  memoryKills(lab: string, name: string): Promise<number | undefined>;
  /** Makes the lab of one recipe run (`runTmp`: the run's own temporary directory). */
  openRunLab(id: string, runId: string, runTmp: string): Promise<RunLab>;
}
