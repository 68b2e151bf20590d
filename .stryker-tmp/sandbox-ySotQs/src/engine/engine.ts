// @ts-nocheck
// The Engine: one object over labs, networks and jails, opened with the state database and a command runner.
import { existsSync, readFileSync } from 'node:fs';
import type { VesselBackend } from './api.js';
import type { Ready } from '../supervisor/model.js';
import { heal, partition } from './partition.js';
import { jailPaths } from './paths.js';
import { jailArgv } from './enter.js';
import { jailNetns } from './ifnames.js';
import { ExecaRunner, type CommandRunner } from '../exec/runner.js';
import { openDb, type Db } from '../state/db.js';
import { reconcile } from './cleanup.js';
import type { EngineContext, JailRow, NetworkRow } from './context.js';
import { envError, usage } from './errors.js';
import { cgroup2Root, requireRoot, runDir } from './host.js';
import { createJails, destroyJails, getJail, listJails, type JailSpec } from './jails.js';
import { createLab, destroyLab, ensureLab, getLab, keepLab, type LabOwner } from './labs.js';
import { createNetwork, destroyNetwork, getNetwork, listNetworks, networkMembers, routeNetworks, type NetworkOptions } from './networks.js';
import { startService, stopJail } from './services.js';
import { createAliasJail } from './alias.js';
import { startRouterDns } from './router.js';
import { networkLeases, routerOf, routerPaths, startDhcpClient } from './dhcp.js';

/** How to open the engine. */
export interface EngineOptions {
  verbose?: boolean;
  logFile?: string;
  cmd?: CommandRunner;
  db?: Db;
  /** Skip the stale-lab reconcile at open (the runner does its own). */
  noReconcile?: boolean;
}

/** A network with its members, as `network --list` shows it. */
export interface NetworkView extends NetworkRow {
  members: JailRow[];
}

/** Labs, networks and jails on this host (the linux backend). */
export class Engine implements VesselBackend {
  readonly backend = 'linux' as const;
  private constructor(readonly ctx: EngineContext) {}

  /** Opens the engine: needs root and cgroup v2; removes stale labs first (as the seed asks). */
  static async open(opts: EngineOptions = {}): Promise<Engine> {
    requireRoot('the vessel engine');
    const root = cgroup2Root();
    if (!root) throw envError('no cgroup v2 hierarchy is mounted; mount one (mount -t cgroup2 none /sys/fs/cgroup) and try again');
    const ctx: EngineContext = {
      db: opts.db ?? openDb(),
      cmd: opts.cmd ?? new ExecaRunner({ ...(opts.verbose ? { verbose: true } : {}), ...(opts.logFile ? { logFile: opts.logFile } : {}) }),
      cgroupRoot: root,
      runDir: runDir(),
    };
    const e = new Engine(ctx);
    if (!opts.noReconcile) await reconcile(ctx);
    return e;
  }

  /** Closes the database. */
  close(): void {
    this.ctx.db.close();
  }

  /** Creates a lab. */
  createLab(id: string, owner: LabOwner) {
    return createLab(this.ctx, id, owner);
  }
  /** The lab, created (as a by-hand lab) on first use. */
  ensureLab(id: string) {
    return ensureLab(this.ctx, id);
  }
  /** The lab row. */
  getLab(id: string) {
    return getLab(this.ctx, id);
  }
  /** Removes a lab and everything in it. */
  destroyLab(id: string) {
    return destroyLab(this.ctx, id);
  }
  /** Marks a lab kept, so cleanup leaves it alone. */
  keepLab(id: string) {
    keepLab(this.ctx, id);
  }
  /** Records the uplink NIC of a lab (never defaulted to a machine interface). */
  setInetNic(lab: string, nic: string | undefined): string {
    const l = getLab(this.ctx, lab)!;
    if (nic === undefined) return l.uplink === 'simulated' ? 'the simulated outside' : l.inet_nic ?? 'none';
    if (!/^[A-Za-z0-9_.:-]{1,15}$/.test(nic)) throw usage(`--inet-nic "${nic}" is not an interface name`);
    if (l.uplink === 'simulated') return 'the simulated outside (a run\'s lab already has its uplink; --inet-nic is not needed)';
    if (!existsSync(`/sys/class/net/${nic}`)) throw usage(`--inet-nic=${nic}: no such interface on this machine`);
    if (nic === 'lo') throw usage('--inet-nic=lo cannot be an uplink');
    if (l.inet_nic && l.inet_nic !== nic && listNetworks(this.ctx, lab).length > 0) throw usage(`lab ${lab} already uses ${l.inet_nic} as its uplink and has networks; destroy them first`);
    this.ctx.db.prepare("UPDATE labs SET inet_nic = ?, uplink = 'nic' WHERE id = ?").run(nic, lab);
    return nic;
  }

  /** Creates a network with its router. */
  createNetwork(lab: string, name: string, subnet: string, opts: NetworkOptions = {}) {
    return createNetwork(this.ctx, lab, name, subnet, opts);
  }
  /** The networks of a lab with their members. */
  networks(lab: string): NetworkView[] {
    return listNetworks(this.ctx, lab).map((n) => ({ ...n, members: networkMembers(this.ctx, lab, n.name) }));
  }
  /** Routes network `name` to network `to` (both ways). */
  route(lab: string, name: string, to: string) {
    return routeNetworks(this.ctx, lab, name, to);
  }
  /** The DHCP leases dnsmasq recorded on a network. */
  async leases(lab: string, network: string) {
    const r = routerOf(this.ctx, lab, network);
    return r ? networkLeases(this.ctx, lab, r.name) : [];
  }
  /** One network. */
  getNetwork(lab: string, name: string) {
    return getNetwork(this.ctx, lab, name);
  }
  /** Destroys a network (with --force, its jails too). */
  destroyNetwork(lab: string, name: string, force: boolean) {
    return destroyNetwork(this.ctx, lab, name, force, (names) => destroyJails(this.ctx, lab, names));
  }

  /** Creates and starts jails. */
  run(lab: string, spec: JailSpec) {
    return createJails(this.ctx, lab, spec, async (j) => {
      await startService(this.ctx, j);
    });
  }
  /** Creates an IP-aliased jail on a NIC of the lab host (alias:NIC:IP). */
  async runAlias(lab: string, name: string, nic: string, ip: string, command?: string[]) {
    const j = await createAliasJail(this.ctx, lab, name, nic, ip);
    if (command?.length) {
      this.ctx.db.prepare('UPDATE jails SET command = ? WHERE uuid = ?').run(JSON.stringify(command), j.uuid);
      await startService(this.ctx, this.jail(lab, name));
    }
    return this.jail(lab, name);
  }
  /** The jails of a lab. */
  jails(lab: string) {
    return listJails(this.ctx, lab);
  }
  /** One jail, or a usage error naming the lab. */
  jail(lab: string, name: string): JailRow {
    const j = getJail(this.ctx, lab, name);
    if (!j) throw usage(`no jail named ${name} in lab ${lab}`);
    return j;
  }
  /** Stops a jail's processes; namespaces and address stay. */
  async stop(lab: string, name: string) {
    await stopJail(this.ctx, this.jail(lab, name));
  }
  /** Starts a jail's DHCP client and service again. */
  async start(lab: string, name: string) {
    const j = this.jail(lab, name);
    if (j.state === 'running') throw usage(`jail ${name} is already running`);
    if (j.role === 'router') {
      await startRouterDns(this.ctx, j);
      if (getLab(this.ctx, lab)?.uplink) startDhcpClient(this.ctx, j, 'eth1', routerPaths(this.ctx.runDir, lab, j.name).uplinkLease);
      return;
    }
    if (j.dhcp) startDhcpClient(this.ctx, j);
    await startService(this.ctx, j);
  }
  /** Destroys jails by name. */
  async destroy(lab: string, names: string[]) {
    for (const n of names) this.jail(lab, n);
    await destroyJails(this.ctx, lab, names);
  }
  /** Cuts traffic between two groups of jails (nftables inside each jail). */
  partition(lab: string, a: string[], b: string[]) {
    return partition(this.ctx, lab, a, b);
  }
  /** Removes the partition. */
  heal(lab: string) {
    return heal(this.ctx, lab);
  }
  /** One try of a supervisor ready check, inside the jail. */
  async readyOnce(lab: string, j: JailRow, ready: Ready): Promise<boolean> {
    const p = jailPaths(this.ctx.runDir, lab, j.name);
    if (ready.kind === 'tcp') {
      return (await this.ctx.cmd.run(['nsenter', `--net=/run/netns/${jailNetns(lab, j.name)}`, '--', 'timeout', '1', 'bash', '-c', 'exec 3<>"/dev/tcp/$1/$2"', 'vessel-ready', j.addr ?? '127.0.0.1', String(ready.port)], { allowFail: true })).code === 0;
    }
    if (ready.kind === 'exec') {
      return (await this.ctx.cmd.run(['nsenter', `--net=/run/netns/${jailNetns(lab, j.name)}`, `--uts=${p.uts}`, `--mount=${p.mnt}`, `--wd=${j.wd ?? '/'}`, '--', 'sh', '-c', ready.command], { allowFail: true })).code === 0;
    }
    return existsSync(p.log) && new RegExp(ready.regex, 'm').test(readFileSync(p.log, 'utf8'));
  }
  /** A jail's service log. */
  async log(lab: string, name: string): Promise<string> {
    const p = jailPaths(this.ctx.runDir, lab, name).log;
    return existsSync(p) ? readFileSync(p, 'utf8') : '';
  }
  /** The argv prefix that runs a command inside a jail. */
  enterArgv(lab: string, name: string, wd: string): string[] {
    return jailArgv({ runDir: this.ctx.runDir, cgroupRoot: this.ctx.cgroupRoot, lab, name, wd }, []);
  }
}
