// @ts-nocheck
// What every engine backend offers the vessel CLI, the supervisor and the runner (linux runs it; freebsd plans it).
import type { Db } from '../state/db.js';
import type { Ready } from '../supervisor/model.js';
import type { DnsmasqLease } from './confgen.js';
import type { JailRow, LabRow, NetworkRow } from './context.js';
import type { JailSpec } from './jails.js';
import type { LabOwner } from './labs.js';
import type { NetworkOptions } from './networks.js';

/** A network with its members. */
export interface NetworkWithMembers extends NetworkRow {
  members: JailRow[];
}

/** The engine operations, the same for every backend. */
export interface VesselBackend {
  readonly backend: 'linux' | 'freebsd';
  readonly ctx: { db: Db; runDir: string };
  close(): void;
  getLab(id: string): LabRow | undefined;
  createLab(id: string, owner: LabOwner): Promise<LabRow>;
  ensureLab(id: string): Promise<LabRow>;
  destroyLab(id: string): Promise<void>;
  keepLab(id: string): void;
  setInetNic(lab: string, nic: string | undefined): string;
  createNetwork(lab: string, name: string, subnet: string, opts?: NetworkOptions): Promise<NetworkRow>;
  networks(lab: string): NetworkWithMembers[];
  getNetwork(lab: string, name: string): NetworkRow | undefined;
  destroyNetwork(lab: string, name: string, force: boolean): Promise<void>;
  route(lab: string, name: string, to: string): Promise<void>;
  leases(lab: string, network: string): Promise<DnsmasqLease[]>;
  run(lab: string, spec: JailSpec): Promise<JailRow[]>;
  runAlias(lab: string, name: string, nic: string, ip: string, command?: string[]): Promise<JailRow>;
  jails(lab: string): JailRow[];
  jail(lab: string, name: string): JailRow;
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
}
