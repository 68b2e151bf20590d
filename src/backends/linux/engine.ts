// The linux backend: one object over labs, networks and jails, opened with the state database and a host.
import { tmpdir } from 'node:os';
import { limitsReport, type Limits } from '../../core/limits.js';
import { applyLimits, jailUsage, memoryKills, usageSource } from './limits.js';
import { listSnapshots, rollback, snapshot } from './rootfs.js';
import type { Host } from '../../core/host.js';
import type { CleanupSummary, NetworkWithMembers, VesselBackend } from '../../core/backend.js';
import type { JailSpec } from '../../core/jails.js';
import type { LabOwner } from '../../core/labs.js';
import type { JailRow } from '../../core/model.js';
import type { NetworkOptions } from '../../core/networks.js';
import type { RunLab } from '../../core/run-lab.js';
import { seededUuids } from '../../core/names.js';
import { LocalHost } from '../../host/local.js';
import { RecordingHost } from '../../host/recording.js';
import type { Ready } from '../../core/supervisor/model.js';
import { dirname } from 'node:path';
import { dbPath, openDb, type Db } from '../../state/db.js';
import { getJail, listJails, routerOf, setJailCommand } from '../../state/jails.js';
import { getLab, keepLab, listLabs, setUplink } from '../../state/labs.js';
import { getNetwork, listNetworks, networkMembers } from '../../state/networks.js';
import { envError, usage } from '../../util/errors.js';
import { createAliasJail } from './alias.js';
import { cleanup, reconcile } from './cleanup.js';
import type { LinuxContext } from './context.js';
import { networkLeases, routerPaths, startDhcpClient, upstreamLeases } from './dhcp.js';
import { startDhcp6Client } from './dhcp6.js';
import { jailArgv } from './enter.js';
import { cgroup2RootOf, requireRoot, runDir } from './facts.js';
import { NETNS_GROUPS_ROOT, rootlessCgroupRoot } from './rootless/cgroup.js';
import { rootlessInside } from './rootless/mode.js';
import { createJails, destroyJails } from './jails.js';
import { createLab, destroyLab, ensureLab } from './labs.js';
import { jailNetns, UPLINK_BRIDGE } from './names.js';
import { createNetwork, destroyNetwork, routeNetworks } from './networks.js';
import { heal, partition } from './partition.js';
import { jailPaths } from './paths.js';
import { startRouterDns } from './router.js';
import { refreshExposed } from './expose.js';
import { destroyJailsWithExtras, finishJails, type JailExtras } from '../../core/jail-extras.js';
import { linuxInventory, refreshKnownHosts, sshArgv, startSshd } from './ssh.js';
import { isUplink, uplinkNetwork } from '../../core/outside.js';
import { openRunLab } from './run-lab.js';
import { startService, stopJail } from './services.js';

/** How to open the engine. */
export interface EngineOptions {
  verbose?: boolean;
  logFile?: string;
  host?: Host;
  db?: Db;
  /** Skip the stale-lab reconcile at open (the runner does its own). */
  noReconcile?: boolean;
}

/** Where a recording Linux host is assumed to keep things (plans). */
export const LINUX_PLAN_HOST = { runDir: '/run/vessel', cgroupRoot: '/sys/fs/cgroup', stateDir: '/var/db/vessel' };

/** Labs, networks and jails on a Linux host (the linux backend). */
export class Engine implements VesselBackend {
  readonly backend = 'linux' as const;
  private constructor(readonly ctx: LinuxContext) {}

  /** Opens the engine: needs root and cgroup v2; removes stale labs first (as the seed asks). */
  static async open(opts: EngineOptions = {}): Promise<Engine> {
    requireRoot('the vessel engine');
    const host = opts.host ?? new LocalHost({ ...(opts.verbose ? { verbose: true } : {}), ...(opts.logFile ? { logFile: opts.logFile } : {}) });
    const rootless = rootlessInside();
    let root = rootless ? rootlessCgroupRoot() : cgroup2RootOf((await host.readFile('/proc/self/mountinfo')) ?? '');
    const noCgroup = rootless && !root ? (process.env.VESSEL_NO_CGROUP ?? 'none was found') : undefined;
    if (noCgroup) {
      // No delegated cgroup: folders stand for the cgroups, and processes are grouped by network namespace (kill.ts).
      root = NETNS_GROUPS_ROOT;
      await host.mkdir(root, 0o755);
    }
    if (!root) throw envError('no cgroup v2 hierarchy is mounted; mount one (mount -t cgroup2 none /sys/fs/cgroup) and try again');
    const e = new Engine({
      db: opts.db ?? openDb(),
      host,
      cgroupRoot: root,
      runDir: runDir(),
      stateDir: dirname(dbPath()),
      ...(rootless ? { rootless } : {}),
      ...(noCgroup ? { noCgroup } : {}),
    });
    if (!opts.noReconcile) await reconcile(e.ctx);
    return e;
  }

  /** A backend that only records what it would do, into a fresh in-memory state (plans; no root needed). */
  static recording(seed: string): { engine: Engine; host: RecordingHost } {
    const host = new RecordingHost();
    return { engine: new Engine({ db: openDb(':memory:'), host, ...LINUX_PLAN_HOST, uuid: seededUuids(seed) }), host };
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
    return getLab(this.ctx.db, id);
  }
  /** Every lab. */
  listLabs() {
    return listLabs(this.ctx.db);
  }
  /** Removes a lab and everything in it. */
  destroyLab(id: string) {
    return destroyLab(this.ctx, id);
  }
  /** Marks a lab kept, so cleanup leaves it alone. */
  keepLab(id: string) {
    keepLab(this.ctx.db, id);
  }
  /** Records the uplink NIC of a lab (never defaulted to a machine interface). */
  async setInetNic(lab: string, nic: string | undefined): Promise<string> {
    const l = getLab(this.ctx.db, lab)!;
    if (nic === undefined) return l.uplink === 'simulated' ? 'the simulated outside' : (l.inet_nic ?? 'none');
    if (!/^[A-Za-z0-9_.:-]{1,15}$/.test(nic)) throw usage(`--inet-nic "${nic}" is not an interface name`);
    if (this.ctx.rootless)
      throw envError(`--inet-nic=${nic} needs root: a rootless lab host has no interface of the machine's (the simulated outside of a run needs none)`);
    if (l.uplink === 'simulated') return "the simulated outside (a run's lab already has its uplink; --inet-nic is not needed)";
    if (!(await this.ctx.host.exists(`/sys/class/net/${nic}`))) throw usage(`--inet-nic=${nic}: no such interface on this machine`);
    if (nic === 'lo') throw usage('--inet-nic=lo cannot be an uplink');
    if (l.inet_nic && l.inet_nic !== nic && listNetworks(this.ctx.db, lab).length > 0)
      throw usage(`lab ${lab} already uses ${l.inet_nic} as its uplink and has networks; destroy them first`);
    setUplink(this.ctx.db, lab, 'nic', nic);
    return nic;
  }

  /** Creates a network with its router. */
  createNetwork(lab: string, name: string, subnet: string, opts: NetworkOptions = {}) {
    return createNetwork(this.ctx, lab, name, subnet, opts);
  }
  /** The networks of a lab with their members. */
  networks(lab: string): NetworkWithMembers[] {
    return listNetworks(this.ctx.db, lab).map((n) => ({ ...n, members: networkMembers(this.ctx.db, lab, n.name) }));
  }
  /** Routes network `name` to network `to` (both ways). */
  route(lab: string, name: string, to: string) {
    return routeNetworks(this.ctx, lab, name, to);
  }
  /** The DHCP leases dnsmasq recorded on a network. */
  async leases(lab: string, network: string) {
    if (isUplink(network)) return upstreamLeases(this.ctx, lab);
    const r = routerOf(this.ctx.db, lab, network);
    return r ? networkLeases(this.ctx, lab, r.name) : [];
  }
  /** One network. */
  getNetwork(lab: string, name: string) {
    return getNetwork(this.ctx.db, lab, name);
  }
  /** Destroys a network (with --force, its jails too). */
  destroyNetwork(lab: string, name: string, force: boolean) {
    return destroyNetwork(this.ctx, lab, name, force);
  }

  /** Creates and starts jails. */
  async run(lab: string, spec: JailSpec) {
    const rows = await createJails(this.ctx, lab, spec, async (j) => {
      await startService(this.ctx, j);
    });
    return finishJails(this.extras(lab), spec, rows);
  }
  /** Creates an IP-aliased jail on a NIC of the lab host (alias:NIC:IP), with an IPv6 address on it too when given. */
  async runAlias(lab: string, name: string, nic: string, ip: string, command?: string[], ip6?: string) {
    const j = await createAliasJail(this.ctx, lab, name, nic, ip, ip6);
    if (command?.length) {
      setJailCommand(this.ctx.db, j.uuid, command);
      await startService(this.ctx, this.jail(lab, name));
    }
    return this.jail(lab, name);
  }
  /** The ssh command into a jail, from the lab host or from the outside through the router (the CLI runs it). */
  sshArgv(lab: string, name: string, command: string[], from: 'host' | 'upstream') {
    return sshArgv(this.ctx, lab, name, command, from);
  }
  /** The lab's Ansible inventory (see linuxInventory). */
  inventory(lab: string, network: string | undefined, from: 'host' | 'upstream') {
    return linuxInventory(this.ctx, lab, network, from);
  }
  /** The lab's outside network: its uplink bridge, where the simulated upstream's DHCP hands out addresses. */
  async joinUplink(lab: string) {
    return uplinkNetwork(this.ctx, lab, UPLINK_BRIDGE);
  }
  /** A jail's veth pair: `vh<seq>` in the lab host, `eth0` in the jail. */
  legName(j: JailRow): string {
    return `${j.host_if}/eth0`;
  }
  /** The jails of a lab. */
  jails(lab: string) {
    return listJails(this.ctx.db, lab);
  }
  /** One jail, or a usage error naming the lab. */
  jail(lab: string, name: string): JailRow {
    const j = getJail(this.ctx.db, lab, name);
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
      if (getLab(this.ctx.db, lab)?.uplink) await startDhcpClient(this.ctx, j, 'eth1', routerPaths(this.ctx.runDir, lab, j.name).uplinkLease);
      await refreshExposed(this.ctx, lab, j.network!);
      if (j.ssh) await startSshd(this.ctx, lab, j, true);
      return;
    }
    if (j.dhcp) await startDhcpClient(this.ctx, j);
    // Its DHCPv6 client again (the address stays on eth0 while stopped; the client renews it from its lease database).
    if (j.addr6_mode === 'dhcp') await startDhcp6Client(this.ctx, j);
    await startService(this.ctx, j);
    if (j.ssh) await startSshd(this.ctx, lab, this.jail(lab, name), false);
  }
  /** Destroys jails by name (and what they exposed, and their host keys). */
  async destroy(lab: string, names: string[]) {
    await destroyJailsWithExtras(this.extras(lab), names);
  }
  /** The engine's part of the extras of a lab's jails (sshd, exposed ports). */
  private extras(lab: string): JailExtras {
    return {
      jail: (name) => this.jail(lab, name),
      startSshd: (j) => startSshd(this.ctx, lab, j, false, false),
      refreshKnownHosts: () => refreshKnownHosts(this.ctx, lab),
      refreshExposed: (network) => refreshExposed(this.ctx, lab, network),
      hasRouter: (network) => routerOf(this.ctx.db, lab, network) !== undefined,
      destroyJails: (names) => destroyJails(this.ctx, lab, names),
    };
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
      return (
        (
          await this.ctx.host.run(
            [
              'nsenter',
              `--net=/run/netns/${jailNetns(lab, j.name)}`,
              '--',
              'timeout',
              '1',
              'bash',
              '-c',
              'exec 3<>"/dev/tcp/$1/$2"',
              'vessel-ready',
              j.addr ?? '127.0.0.1',
              String(ready.port),
            ],
            { allowFail: true },
          )
        ).code === 0
      );
    }
    if (ready.kind === 'exec') {
      const argv = jailArgv({ runDir: this.ctx.runDir, cgroupRoot: this.ctx.cgroupRoot, lab, name: j.name, wd: j.wd ?? '/' }, ['sh', '-c', ready.command]);
      return (await this.ctx.host.run(argv, { allowFail: true })).code === 0;
    }
    // A recording host has no service output to read: a plan assumes the service gets ready (as its commands succeed).
    if (!this.ctx.host.live) return true;
    const log = await this.ctx.host.readFile(p.log);
    return log !== undefined && new RegExp(ready.regex, 'm').test(log);
  }
  /** A jail's service log. */
  async log(lab: string, name: string): Promise<string> {
    return (await this.ctx.host.readFile(jailPaths(this.ctx.runDir, lab, name).log)) ?? '';
  }
  /** The argv prefix that runs a command inside a jail. */
  enterArgv(lab: string, name: string, wd: string): string[] {
    return jailArgv({ runDir: this.ctx.runDir, cgroupRoot: this.ctx.cgroupRoot, lab, name, wd }, []);
  }
  /** `vessel cleanup`: stale labs, networks and jails checked against the kernel, orphans by name, orphaned work directories. */
  async cleanup(): Promise<CleanupSummary> {
    const r = await cleanup(this.ctx);
    const list = (xs: string[]) => (xs.length ? `: ${xs.join(', ')}` : '');
    return {
      lines: [
        `removed ${r.labs.length} stale lab(s)${list(r.labs)}; ${r.stale.length} stale network(s)/jail(s)${list(r.stale)}; ${r.orphans.length} orphan(s)${list(r.orphans)}; ${r.workdirs.length} work dir(s)`,
      ],
      left: listLabs(this.ctx.db),
    };
  }
  /** Keeps a copy of a stopped thin jail's upper layer. */
  async snapshot(lab: string, name: string, snap: string) {
    await snapshot(this.ctx, this.jail(lab, name), snap);
  }
  /** Puts a stopped thin jail's upper layer back as it was at the snapshot. */
  async rollback(lab: string, name: string, snap: string) {
    await rollback(this.ctx, this.jail(lab, name), snap);
  }
  /** A jail's snapshots. */
  snapshots(lab: string, name: string) {
    return listSnapshots(this.ctx, this.jail(lab, name));
  }
  /** The jail's limits next to its usage (cgroup v2, or v1 on a hybrid host). */
  async limits(lab: string, name: string) {
    const j = this.jail(lab, name);
    return limitsReport(j.name, j.uuid, await usageSource(this.ctx, j), j.limits ? (JSON.parse(j.limits) as Limits) : undefined, await jailUsage(this.ctx, j));
  }
  /** Changes limits of a jail, running or not. */
  async setLimits(lab: string, name: string, limits: Limits) {
    await applyLimits(this.ctx, this.jail(lab, name), limits);
  }
  /** Kills for the memory limit so far. */
  memoryKills(lab: string, name: string) {
    return memoryKills(this.ctx, this.jail(lab, name));
  }
  /** The lab of one recipe run, with the simulated outside as its uplink. */
  openRunLab(id: string, runId: string, runTmp: string): Promise<RunLab> {
    return openRunLab(this, id, runId, runTmp, tmpdir());
  }
}
