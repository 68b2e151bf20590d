// The freebsd backend: the same engine operations as linux, each turned into a plan of FreeBSD commands and files.
import type { CleanupSummary, VesselBackend } from '../../core/backend.js';
import { limitsReport, type Limits } from '../../core/limits.js';
import { applyFbLimits, fbRollback, fbSnapshot, fbSnapshots, fbUsage } from './limits.js';
import { admitAlias } from '../../core/alias.js';
import type { Host } from '../../core/host.js';
import { countedNames, type JailSpec } from '../../core/jails.js';
import type { LabOwner } from '../../core/labs.js';
import type { JailRow, LabRow, NetworkRow } from '../../core/model.js';
import { labIdProblem, seededUuids } from '../../core/names.js';
import { admitNetwork, admitNetworkDestroy, admitRoute, alreadyRouted, forgetRoutes, type NetworkOptions } from '../../core/networks.js';
import type { RunLab } from '../../core/run-lab.js';
import { parseDnsmasqLeases, type DnsmasqLease } from '../../core/dnsmasq.js';
import { dirname } from 'node:path';
import { LocalHost } from '../../host/local.js';
import { RecordingHost } from '../../host/recording.js';
import { SshHost } from '../../host/ssh.js';
import { hostTarget } from '../../host/ssh-target.js';
import { dbPath, openDb, remoteDbPath, type Db } from '../../state/db.js';
import { getJail, listJails, setJailCommand, setJailState } from '../../state/jails.js';
import { deleteLab, getLab, insertLab, keepLab, listLabs, takeLabTag } from '../../state/labs.js';
import { namesOfKind, objectsOf, record, renameObject, sharedWith } from '../../state/ledger.js';
import { deleteNetwork, getNetwork, listNetworks, networkMembers, setRouteTo } from '../../state/networks.js';
import { undoDeadBuilds, withBuild } from '../../state/builds.js';
import type { Ready } from '../../core/supervisor/model.js';
import { usage } from '../../util/errors.js';
import { networkOf } from '../../util/ipv4.js';
import { overlaps } from '../../core/ipam.js';
import ipaddr from 'ipaddr.js';
import { at64, eui64Address, overlaps6, PLAN6, planSubnet6, PREFIX6, type SubnetPlan6 } from '../../core/ipam6.js';
import { inPrefix6, normal6, prefixesOf6 } from '../../util/ipv6.js';
import { anchorLoad, devfsRuleset, jailConf, partitionAnchor, routesAnchor } from './conf.js';
import { openFreebsdRunLab } from './run-lab.js';
import {
  createFbJails,
  destroyFbJails,
  dhcpcdArgv,
  inetLine,
  jexec,
  jexecIn,
  makeEpair,
  makeRoot,
  nextName,
  parseInet,
  inet6Line,
  parseInet6,
  registerStatic,
  tagOf,
  upBridgeOf,
  type FbContext,
} from './jails.js';
import {
  DEVFS_RULESETS,
  FREEBSD_RUN_DIR,
  fbBridgeName,
  fbJailName,
  fbJailPaths,
  legNames,
  pfAnchors,
  trunkNames,
  uplinkBridge,
  UPSTREAM_JAIL,
  vlanIfName,
} from './names.js';
import { removeFbObjects } from './remove.js';
import { createFbUpstream } from './upstream.js';
import { refreshFbExposed } from './expose.js';
import { destroyJailsWithExtras, finishJails, type JailExtras } from '../../core/jail-extras.js';
import { fbInventory, fbSshArgv, refreshFbKnownHosts, startFbSshd } from './ssh.js';
import { isUplink, uplinkNetwork } from '../../core/outside.js';
import { UPSTREAM, UPSTREAM6 } from '../../core/upstream.js';
import { createFbRouter, startRouter } from './router.js';

/** The uplink NIC a FreeBSD lab uses unless told otherwise: the Vagrant VM's NAT interface. */
export const DEFAULT_INET_NIC = 'em0';

/** What a plan assumes about the FreeBSD host it was made for (printed at the top of every plan). */
export const PLAN_ASSUMPTIONS = {
  /** VirtualBox's NAT network, as em0 sees it. */
  uplinkInet: { ip: '10.0.2.15', prefix: 24 },
  /** An extra NIC (an ENI) for IP-aliased jails, with an IPv6 /64 too. */
  nics: { eni0: { ip: '172.31.32.10', prefix: 20, ip6: UPSTREAM6.eniHost } } as Record<string, { ip: string; prefix: number; ip6?: string }>,
  fibs: 16,
};

/** What a lab with the simulated outside has outside its networks (as on Linux). */
const SIMULATED_OUTSIDE = [
  { cidr: UPSTREAM.subnet, what: 'the uplink' },
  { cidr: UPSTREAM.internetSubnet, what: 'the simulated internet' },
  { cidr: UPSTREAM.eniSubnet, what: 'the simulated ENI subnet' },
];

/** Opening options. */
export interface FreebsdOptions {
  db?: Db;
  host?: Host;
  runDir?: string;
  /** Plan mode: UUIDs (and so MACs) from this seed. */
  seed?: string;
  /** Show every host action on stderr, and log it to this file. */
  verbose?: boolean;
  logFile?: string;
  /** Manage another machine over SSH (ssh://[USER@]HOST[:PORT] or freebsd-vm), with a state database of its own. */
  remote?: string;
}

/** The freebsd backend behind the vessel CLI: labs, networks, jails, aliases, VLANs, partitions. */
export class FreebsdEngine implements VesselBackend {
  readonly backend = 'freebsd' as const;
  private constructor(readonly ctx: FbContext) {}

  /** Opens the backend: on FreeBSD it runs plans live; with a RecordingHost it only records them. */
  static open(opts: FreebsdOptions = {}): FreebsdEngine {
    const log = { ...(opts.verbose ? { verbose: true } : {}), ...(opts.logFile ? { logFile: opts.logFile } : {}) };
    const target = opts.remote ? hostTarget(opts.remote, dirname(dbPath())) : undefined;
    const host = opts.host ?? (target ? new SshHost(target, log) : new LocalHost(log));
    const db = opts.db ?? openDb(target ? remoteDbPath(target) : undefined);
    return new FreebsdEngine({
      db,
      host,
      runDir: opts.runDir ?? FREEBSD_RUN_DIR,
      legOf: (lab, seq) => legNames(tagOf({ db }, lab), seq),
      ...(opts.seed !== undefined ? { uuid: seededUuids(opts.seed) } : {}),
    });
  }

  /** A backend that records into a fresh in-memory state (plan mode). */
  static recording(seed: string): { engine: FreebsdEngine; host: RecordingHost } {
    const host = new RecordingHost();
    return { engine: FreebsdEngine.open({ db: openDb(':memory:'), host, seed }), host };
  }

  /** Closes the database. */
  close(): void {
    this.ctx.db.close();
  }

  /** The lab row. */
  getLab(id: string): LabRow | undefined {
    return getLab(this.ctx.db, id);
  }

  /** Every lab. */
  listLabs(): LabRow[] {
    return listLabs(this.ctx.db);
  }

  /** Creates a lab: the VM is the lab host; it gets the devfs rulesets and an uplink bridge holding the NAT NIC. */
  async createLab(id: string, owner: LabOwner & { inetNic?: string }): Promise<LabRow> {
    const p = labIdProblem(id);
    if (p) throw usage(p);
    if (this.getLab(id)) throw usage(`lab ${id} already exists`);
    // Until it is complete, the lab is a build of this process: if it dies, the next cleanup removes it.
    return withBuild(this.ctx.db, id, 'lab', [id], process.pid, undefined, async () => {
      try {
        return await this.buildLab(id, owner);
      } catch (e) {
        // All or nothing: what was made is removed again (the ledger recorded each object before it was made).
        if (this.getLab(id)) await this.destroyLab(id);
        throw e;
      }
    });
  }

  /** The steps of createLab: the row, the kernel modules, the devfs rulesets, the uplink (simulated, or a NIC's bridge). */
  private async buildLab(id: string, owner: LabOwner & { inetNic?: string }): Promise<LabRow> {
    const simulated = Boolean(owner.simulatedUplink) && owner.inetNic === undefined;
    const nic = simulated ? null : (owner.inetNic ?? DEFAULT_INET_NIC);
    const { db, host } = this.ctx;
    insertLab(db, {
      id,
      kind: owner.kind,
      ownerPid: owner.pid ?? null,
      ownerStart: null,
      runId: owner.runId ?? null,
      inetNic: nic,
      uplink: simulated ? 'simulated' : 'nic',
    });
    takeLabTag(db, id);
    const root = `${this.ctx.runDir}/${id}`;
    record(db, id, [{ kind: 'dir', name: root }]);
    await host.run(['mkdir', '-p', `${root}/jails`]);
    for (const m of ['if_bridge', 'if_epair', 'if_vlan', 'pf']) await host.run(['kldload', '-n', m]);
    for (const [kind, n] of Object.entries(DEVFS_RULESETS) as ['jail' | 'dhcp' | 'router', number][]) {
      // Another lab's jails use the same rulesets: they are defined once, and removed with the last lab.
      const shared = sharedWith(db, 'devfs-ruleset', String(n), id) > 0;
      record(db, id, [{ kind: 'devfs-ruleset', name: String(n) }]);
      if (!shared) for (const argv of devfsRuleset(n, kind)) await host.run(argv);
    }
    if (nic === null) {
      await createFbUpstream(this.ctx, id);
      return this.getLab(id)!;
    }
    // A NIC can be a member of one bridge only: its uplink bridge is shared by every lab on it, made by the first and
    // destroyed by the last (removeFbObjects).
    const up = uplinkBridge(nic);
    const shared = sharedWith(db, 'ifnet', up, id) > 0;
    record(db, id, [{ kind: 'ifnet', name: up, owner: 'uplink' }]);
    if (!shared) {
      const made = (await host.run(['ifconfig', 'bridge', 'create'], { simulated: `${nextName(this.ctx, 'bridge')}\n` })).stdout.trim();
      await host.run(['ifconfig', made, 'name', up]);
      await host.run(['ifconfig', up, 'addm', nic, 'up']);
    }
    return this.getLab(id)!;
  }

  /** The lab, created (by hand) on first use, bridging `inetNic` (default em0) as its uplink. */
  async ensureLab(id: string, inetNic?: string): Promise<LabRow> {
    return this.getLab(id) ?? this.createLab(id, { kind: 'manual', ...(inetNic ? { inetNic } : {}) });
  }

  /** Records the uplink NIC (the lab's bridge already holds the default, em0). */
  async setInetNic(lab: string, nic: string | undefined): Promise<string> {
    const l = this.getLab(lab)!;
    if (nic === undefined || nic === l.inet_nic) return l.inet_nic ?? DEFAULT_INET_NIC;
    throw usage(`lab ${lab} already bridges ${l.inet_nic} as its uplink; give --inet-nic before the lab's first use`);
  }

  /** Removes everything of a lab, in the reverse order of creation. */
  async destroyLab(id: string): Promise<void> {
    for (const n of [...listNetworks(this.ctx.db, id)].reverse()) await this.destroyNetwork(id, n.name, true);
    await destroyFbJails(
      this.ctx,
      id,
      listJails(this.ctx.db, id)
        .map((j) => j.name)
        .reverse(),
    );
    await removeFbObjects(this.ctx.db, this.ctx.host, objectsOf(this.ctx.db, id));
    deleteLab(this.ctx.db, id);
  }

  /** Marks a lab kept. */
  keepLab(id: string): void {
    keepLab(this.ctx.db, id);
  }

  /** Removes labs whose owning run is gone, from what the state database recorded. */
  async cleanup(): Promise<CleanupSummary> {
    // What a vessel process that died was still making goes first: creation is all or nothing.
    await undoDeadBuilds(
      this.ctx.db,
      (b) => alive(b.pid),
      async (b) => {
        if (b.kind === 'lab' && this.getLab(b.lab)) await this.destroyLab(b.lab);
        else if (b.kind === 'network' && getNetwork(this.ctx.db, b.lab, b.name)) await this.destroyNetwork(b.lab, b.name, true);
        else if (b.kind === 'jail' && getJail(this.ctx.db, b.lab, b.name)) await destroyFbJails(this.ctx, b.lab, [b.name]);
      },
    );
    // FreeBSD has no /proc by default: a run lab's owner is judged by its PID alone (no start time is recorded).
    const stale = listLabs(this.ctx.db).filter((l) => l.kind === 'run' && !l.kept && (!l.owner_pid || !alive(l.owner_pid)));
    for (const l of stale) await this.destroyLab(l.id);
    const ids = stale.map((l) => l.id);
    return { lines: [`removed ${ids.length} stale lab(s)${ids.length ? `: ${ids.join(', ')}` : ''}`], left: listLabs(this.ctx.db) };
  }

  /** Creates a network: a bridge with the host's address, a VLAN leg when asked, and its router. */
  async createNetwork(lab: string, name: string, subnet: string, opts: NetworkOptions = {}): Promise<NetworkRow> {
    return withBuild(this.ctx.db, lab, 'network', [name], process.pid, undefined, () => this.buildNetwork(lab, name, subnet, opts));
  }

  /** The steps of createNetwork: admission, the bridge, its VLAN leg, its router, its routes. */
  private async buildNetwork(lab: string, name: string, subnet: string, opts: NetworkOptions): Promise<NetworkRow> {
    const l = this.getLab(lab)!;
    const { host } = this.ctx;
    const outside = l.inet_nic === null ? SIMULATED_OUTSIDE : await this.nicOutside(l.inet_nic);
    const clash = this.otherLabsNetworks(lab).find((n) => overlaps(subnet, n.subnet));
    if (clash)
      throw usage(
        `subnet ${subnet} overlaps network ${clash.name} (${clash.subnet}) of lab ${clash.lab}: FreeBSD labs share the host's routing table, so labs alive at the same time need distinct subnets; remove lab ${clash.lab} or choose another subnet`,
      );
    const s6 = opts.subnet6;
    const clash6 = s6 && ipaddr.IPv6.isValidCIDR(s6) ? this.otherLabsNetworks(lab).find((n) => n.subnet6 && overlaps6(s6, n.subnet6)) : undefined;
    if (clash6)
      throw usage(
        `--subnet6=${s6} overlaps network ${clash6.name} (${clash6.subnet6}) of lab ${clash6.lab}: FreeBSD labs share the host's routing table, so labs alive at the same time need distinct /64s; remove lab ${clash6.lab} or choose another`,
      );
    const tag = tagOf(this.ctx, lab);
    // vlan(4) is part of FreeBSD: tags are always carried.
    const { net, plan } = await admitNetwork(this.ctx, lab, name, subnet, opts, {
      outside,
      ...(opts.ipv6 || opts.subnet6 !== undefined ? { outside6: await this.outside6(lab, l.inet_nic) } : {}),
      uplink: true,
      vlanMode: async () => 'tagged',
      bridgeName: (n) => fbBridgeName(tag, n),
    });
    record(this.ctx.db, lab, [{ kind: 'ifnet', name: net.bridge, owner: `network:${name}` }]);
    try {
      const made = (await host.run(['ifconfig', 'bridge', 'create'], { simulated: `${nextName(this.ctx, 'bridge')}\n` })).stdout.trim();
      await host.run(['ifconfig', made, 'name', net.bridge]);
      await host.run(['ifconfig', net.bridge, 'inet', `${net.host_addr}/${plan.prefix}`, 'up']);
      // The lab host's IPv6 leg: ::ffff of the /64, and a link-local address, which a bridge does not make by itself
      // (nd6.c): a router solicits the host's address from its own link-local one when it routes to it (--route-to),
      // and the answer must come from a link-local address too. The members (the host's epair ends) have IPv6 off, so
      // if_bridge has no member addresses to remove for it.
      if (net.subnet6) {
        await host.run(['ifconfig', net.bridge, 'inet6', 'no_dad', 'auto_linklocal']);
        await host.run(['ifconfig', net.bridge, 'inet6', `${(planSubnet6(net.subnet6) as SubnetPlan6).host}/${PREFIX6}`]);
      }
      if (net.vlan !== null && net.trunk) await this.attachVlan(net);
      await createFbRouter(this.ctx, net, true, Boolean(opts.ssh));
      if (opts.routeTo !== undefined) await this.route(lab, name, opts.routeTo);
    } catch (e) {
      await this.destroyNetwork(lab, name, true);
      throw e;
    }
    return getNetwork(this.ctx.db, lab, name)!;
  }

  /** What a lab on a real NIC has outside: the NIC's subnet, and the extra NICs plans assume. */
  private async nicOutside(nic: string): Promise<{ cidr: string; what: string }[]> {
    const a = PLAN_ASSUMPTIONS.uplinkInet;
    const uplinkInet = parseInet((await this.ctx.host.run(['ifconfig', nic, 'inet'], { simulated: inetLine(a.ip, a.prefix) })).stdout);
    return [
      ...(uplinkInet ? [{ cidr: networkOf(uplinkInet.ip, uplinkInet.prefix), what: `the uplink ${nic}` }] : []),
      ...Object.entries(PLAN_ASSUMPTIONS.nics).map(([n, x]) => ({ cidr: networkOf(x.ip, x.prefix), what: `the NIC ${n}` })),
    ];
  }

  /** The IPv6 prefixes a lab's new /64 may not overlap: the simulated outside's (or the NIC's global prefixes), and other labs' /64s. */
  private async outside6(lab: string, nic: string | null): Promise<{ cidr: string; what: string }[]> {
    // Other labs' /64s too, so a made-up one avoids them (a given one was checked against them already).
    const labs = this.otherLabsNetworks(lab).flatMap((n) => (n.subnet6 ? [{ cidr: n.subnet6, what: `network ${n.name} of lab ${n.lab}` }] : []));
    if (nic === null) return [{ cidr: UPSTREAM6.block, what: 'the simulated outside' }, ...labs];
    const r = await this.ctx.host.run(['ifconfig', nic, 'inet6'], { simulated: '' });
    return [...prefixesOf6(parseInet6(r.stdout)).map((a) => ({ cidr: a.cidr, what: `the uplink ${nic}` })), ...labs];
  }

  /** The networks of every other lab on this host (they share its routing table). */
  private otherLabsNetworks(lab: string): NetworkRow[] {
    return listLabs(this.ctx.db)
      .filter((l) => l.id !== lab)
      .flatMap((l) => listNetworks(this.ctx.db, l.id));
  }

  /** The jail side of a jail's network leg (its interface inside the jail). */
  jailLeg(lab: string, j: JailRow): string {
    return legNames(tagOf(this.ctx, lab), j.seq).jail;
  }

  private async attachVlan(net: NetworkRow): Promise<void> {
    const { host, db } = this.ctx;
    const tag = tagOf(this.ctx, net.lab);
    const t = trunkNames(tag, net.trunk!);
    if (!objectsOf(db, net.lab, `trunk:${net.trunk}`).length) {
      record(db, net.lab, [{ kind: 'ifnet', name: t.tagged, owner: `trunk:${net.trunk}` }]);
      await makeEpair(this.ctx, { host: t.tagged, jail: t.far });
      await host.run(['ifconfig', t.tagged, 'up']);
      await host.run(['ifconfig', t.far, 'up']);
    }
    const vif = vlanIfName(tag, net.trunk!, net.vlan!);
    record(db, net.lab, [{ kind: 'ifnet', name: vif, owner: `network:${net.name}` }]);
    const made = (
      await host.run(['ifconfig', 'vlan', 'create', 'vlan', String(net.vlan), 'vlandev', t.tagged], { simulated: `${nextName(this.ctx, 'vlan')}\n` })
    ).stdout.trim();
    await host.run(['ifconfig', made, 'name', vif]);
    await host.run(['ifconfig', net.bridge, 'addm', vif]);
    await host.run(['ifconfig', vif, 'up']);
  }

  /** Networks with their members. */
  networks(lab: string) {
    return listNetworks(this.ctx.db, lab).map((n) => ({ ...n, members: networkMembers(this.ctx.db, lab, n.name) }));
  }
  /** One network. */
  getNetwork(lab: string, name: string) {
    return getNetwork(this.ctx.db, lab, name);
  }

  /** Destroys a network: members, router, VLAN leg, bridge (and the trunk with its last VLAN). */
  async destroyNetwork(lab: string, name: string, force: boolean): Promise<void> {
    const net = getNetwork(this.ctx.db, lab, name);
    if (!net) throw usage(`no network named ${name} in lab ${lab}`);
    const { members } = admitNetworkDestroy(networkMembers(this.ctx.db, lab, name), name, force);
    // The router goes right after its members, so nobody needs telling.
    await destroyFbJails(this.ctx, lab, members.map((j) => j.name).reverse(), false);
    await destroyFbJails(
      this.ctx,
      lab,
      networkMembers(this.ctx.db, lab, name).map((j) => j.name),
      false,
    );
    // Its routes go with it: the peers' routers forget its subnet (a network made later on it is routed to nobody).
    const peers = forgetRoutes(this.ctx, lab, name);
    for (const p of peers) {
      await this.ctx.host.run(jexec(lab, `${p.name}-router`, ['route', '-q', 'delete', '-net', net.subnet]), { allowFail: true });
      if (net.subnet6 && p.subnet6)
        await this.ctx.host.run(jexec(lab, `${p.name}-router`, ['route', '-q', '-6', 'delete', '-net', net.subnet6]), { allowFail: true });
    }
    await removeFbObjects(this.ctx.db, this.ctx.host, objectsOf(this.ctx.db, lab, `network:${name}`));
    deleteNetwork(this.ctx.db, lab, name);
    if (net.trunk && !listNetworks(this.ctx.db, lab).some((n) => n.trunk === net.trunk)) {
      await removeFbObjects(this.ctx.db, this.ctx.host, objectsOf(this.ctx.db, lab, `trunk:${net.trunk}`));
    }
    if (net.route_to || peers.length) await this.loadRoutes(lab);
  }

  /** Routes two networks through the host: each router sends the other's subnet to the host, whose pf passes only routed pairs. */
  async route(lab: string, name: string, to: string): Promise<void> {
    const { a, b } = admitRoute(this.ctx, lab, name, to);
    // Routed already: route(8) would fail with "File exists" on the second add. Nothing to do, as on Linux.
    if (alreadyRouted(a, b)) return;
    const list = new Set((a.route_to ?? '').split(',').filter(Boolean));
    list.add(b.name);
    setRouteTo(this.ctx.db, lab, a.name, [...list]);
    await this.loadRoutes(lab);
    // IPv6 too when both networks have it: the same path, through the lab host's ::ffff on each bridge.
    const six = Boolean(a.subnet6 && b.subnet6);
    const forward = ['net.inet.ip.forwarding=1', ...(six ? ['net.inet6.ip6.forwarding=1'] : [])];
    await this.ctx.host.run(['sysctl', ...forward]);
    for (const [from, dest] of [
      [a, b],
      [b, a],
    ] as const) {
      const r = `${from.name}-router`;
      await this.ctx.host.run(jexec(lab, r, ['sysctl', ...forward]));
      await this.ctx.host.run(jexec(lab, r, ['route', 'add', '-net', dest.subnet, from.host_addr]));
      if (six) await this.ctx.host.run(jexec(lab, r, ['route', '-6', 'add', '-net', dest.subnet6!, at64(from.subnet6!, PLAN6.host)]));
    }
  }

  private async loadRoutes(lab: string): Promise<void> {
    const nets = listNetworks(this.ctx.db, lab);
    const pairs: [string, string][] = [];
    for (const n of nets)
      for (const t of (n.route_to ?? '').split(',').filter(Boolean)) {
        const o = nets.find((x) => x.name === t);
        if (o) pairs.push([n.subnet, o.subnet]);
        if (o?.subnet6 && n.subnet6) pairs.push([n.subnet6, o.subnet6]);
      }
    const anchor = pfAnchors(lab).routes;
    record(this.ctx.db, lab, [{ kind: 'pf-anchor', name: anchor }]);
    await this.ctx.host.run(anchorLoad(anchor), {
      input: routesAnchor(
        pairs,
        nets.flatMap((n) => [n.subnet, ...(n.subnet6 ? [n.subnet6] : [])]),
      ),
    });
  }

  /** The leases the router's dnsmasq recorded. */
  async leases(lab: string, network: string): Promise<DnsmasqLease[]> {
    // The outside network's DHCP server is the simulated upstream's dnsmasq.
    const server = isUplink(network) ? UPSTREAM_JAIL : `${network}-router`;
    const text = await this.ctx.host.readFile(`${fbJailPaths(this.ctx.runDir, lab, server).root}/var/db/dnsmasq.leases`);
    return text ? parseDnsmasqLeases(text) : [];
  }

  /** Creates jails on a network and starts their services. */
  async run(lab: string, spec: JailSpec): Promise<JailRow[]> {
    const names = countedNames(spec.name, spec.count).filter((n) => !getJail(this.ctx.db, lab, n));
    return withBuild(this.ctx.db, lab, 'jail', names, process.pid, undefined, () => this.buildJails(lab, spec));
  }

  /** The steps of run: the jails, then their services. */
  private async buildJails(lab: string, spec: JailSpec): Promise<JailRow[]> {
    const rows = await createFbJails(this.ctx, lab, spec);
    return finishJails(this.extras(lab), spec, rows);
  }

  /** Creates an IP-aliased jail: non-vnet, `ip4.addr = "NIC|IP/PREFIX"` (and `ip6.addr`), with its own FIB routing out of that NIC. */
  async runAlias(lab: string, name: string, nic: string, ip: string, command?: string[], ip6?: string): Promise<JailRow> {
    const { host, db } = this.ctx;
    const assumed = PLAN_ASSUMPTIONS.nics[nic];
    // ifconfig fails on a NIC that does not exist; a plan assumes only the NICs it names.
    const r = await host.run(['ifconfig', nic, 'inet'], {
      allowFail: true,
      ...(assumed ? { simulated: inetLine(assumed.ip, assumed.prefix) } : { simulatedExit: 1 }),
    });
    const inet = r.code === 0 ? parseInet(r.stdout) : undefined;
    const fibs = Number((await host.run(['sysctl', '-n', 'net.fibs'], { simulated: `${PLAN_ASSUMPTIONS.fibs}\n` })).stdout.trim());
    const used = new Set(namesOfKind(db, 'fib').map((n) => Number(n.split('|')[0])));
    let fib = 1;
    while (used.has(fib)) fib++;
    if (fib >= fibs) throw usage(`no free FIB for ${name}: net.fibs is ${fibs}; raise it in /boot/loader.conf`);
    const p = fbJailPaths(this.ctx.runDir, lab, name);
    // Its IPv6 address goes on the same NIC, inside one of the NIC's global prefixes.
    const prefixes6 =
      ip6 === undefined || r.code !== 0
        ? undefined
        : // Aliased jails' addresses are on the NIC too, in its prefix: a prefix is the NIC's by its first address.
          prefixesOf6(parseInet6((await host.run(['ifconfig', nic, 'inet6'], { simulated: assumed?.ip6 ? inet6Line(assumed.ip6, PREFIX6) : '' })).stdout));
    const six = ip6 === undefined ? undefined : { ip6, prefixes: prefixes6 };
    const v6cidr = six?.prefixes?.find((x) => inPrefix6(normal6(ip6!) ?? ip6!, x.cidr))?.cidr;
    const { row, subnet, gateway, v6 } = admitAlias(
      this.ctx,
      lab,
      name,
      nic,
      ip,
      r.code !== 0 ? undefined : inet ? [{ cidr: networkOf(inet.ip, inet.prefix), own: inet.ip, prefix: inet.prefix }] : [],
      [
        { kind: 'dir', name: p.dir },
        // The name carries the interface route added below: `route flush` removes only gateway routes.
        { kind: 'fib', name: `${fib}|${networkOf(ip, inet?.prefix ?? 32)}|${nic}` },
        ...(v6cidr ? [{ kind: 'fib' as const, name: `${fib}|${v6cidr}|${nic}` }] : []),
        { kind: 'jail', name: `${fbJailName(lab, name)}|${p.conf}` },
      ],
      six,
    );
    try {
      await host.run(['setfib', String(fib), 'route', 'add', '-net', subnet.cidr, '-iface', nic]);
      await host.run(['setfib', String(fib), 'route', 'add', 'default', gateway]);
      if (v6) {
        await host.run(['setfib', String(fib), 'route', '-6', 'add', '-net', v6.subnet.cidr, '-iface', nic]);
        await host.run(['setfib', String(fib), 'route', '-6', 'add', 'default', v6.gateway]);
      }
      // With the simulated outside, the upstream's DNS (reached through the ENI's VPC router); else the VM's own.
      const resolv = this.getLab(lab)!.uplink === 'simulated' ? `nameserver ${UPSTREAM.dns}\n` : ((await host.readFile('/etc/resolv.conf')) ?? '');
      await makeRoot(this.ctx, lab, name, `127.0.0.1\tlocalhost\n${ip}\t${name}\n${row.addr6 ? `${row.addr6}\t${name}\n` : ''}`, resolv);
      await host.writeFile(
        p.conf,
        jailConf({
          name: fbJailName(lab, name),
          hostname: name,
          root: p.root,
          fstab: p.fstab,
          consoleLog: p.consoleLog,
          devfsRuleset: DEVFS_RULESETS.jail,
          ip4: { nic, ip, prefix: subnet.prefix },
          ...(row.addr6 && v6 ? { ip6: { nic, ip: row.addr6, prefix: v6.subnet.prefix } } : {}),
          fib,
        }),
      );
      await host.run(['jail', '-f', p.conf, '-c', fbJailName(lab, name)]);
      setJailState(db, [row.uuid], 'created');
      setJailCommand(db, row.uuid, command);
      if (command?.length) await this.startService(this.jail(lab, name));
    } catch (e) {
      await destroyFbJails(this.ctx, lab, [name]);
      throw e;
    }
    return this.jail(lab, name);
  }

  /** Starts a jail's service under daemon(8), in its working directory, with its environment. */
  private async startService(j: JailRow): Promise<void> {
    const argv = JSON.parse(j.command!) as string[];
    const env = Object.entries(j.env ? (JSON.parse(j.env) as Record<string, string>) : {}).map(([k, v]) => `${k}=${v}`);
    const p = fbJailPaths(this.ctx.runDir, j.lab, j.name);
    // A fixed script: the working directory and the command arrive as arguments, never inside the script text.
    await this.ctx.host.run(
      jexecIn(this.ctx, j.lab, j.name, [
        '/bin/sh',
        '-c',
        'cd "$1" || exit 1; log=$2; pid=$3; shift 3; exec daemon -f -o "$log" -p "$pid" /usr/bin/env "$@"',
        'vessel-service',
        j.wd ?? '/',
        p.log,
        p.pid,
        ...env,
        ...argv,
      ]),
    );
    setJailState(this.ctx.db, [j.uuid], 'running');
  }

  /** The ssh command into a jail, from the host or from the outside (`_www`) through the router (the CLI runs it). */
  sshArgv(lab: string, name: string, command: string[], from: 'host' | 'upstream'): Promise<string[]> {
    return fbSshArgv(this.ctx, lab, name, command, from);
  }

  /** The lab's Ansible inventory (see fbInventory). */
  inventory(lab: string, network: string | undefined, from: 'host' | 'upstream') {
    return fbInventory(this.ctx, lab, network, from);
  }

  /** The lab's outside network: its own uplink bridge `up<tag>`, where `_upstream`'s DHCP hands out addresses. */
  async joinUplink(lab: string): Promise<NetworkRow> {
    return uplinkNetwork(this.ctx, lab, upBridgeOf(this.ctx, lab));
  }

  /** A jail's epair: `v<tag>h<seq>` on the host's bridge, `v<tag>j<seq>` in the jail. */
  legName(j: JailRow): string {
    const l = legNames(tagOf(this.ctx, j.lab), j.seq);
    return `${l.host}/${l.jail}`;
  }

  /** The jails of a lab. */
  jails(lab: string): JailRow[] {
    return listJails(this.ctx.db, lab);
  }
  /** One jail, or a usage error. */
  jail(lab: string, name: string): JailRow {
    const j = getJail(this.ctx.db, lab, name);
    if (!j) throw usage(`no jail named ${name} in lab ${lab}`);
    return j;
  }
  /** Kills every process in a jail; the jail and its address stay. */
  async stop(lab: string, name: string): Promise<void> {
    const j = this.jail(lab, name);
    await this.ctx.host.run(jexecIn(this.ctx, lab, name, ['kill', '-KILL', '-1']), { allowFail: true });
    setJailState(this.ctx.db, [j.uuid], 'stopped');
  }
  /** Starts a stopped jail's DHCP client and service again. */
  async start(lab: string, name: string): Promise<void> {
    const j = this.jail(lab, name);
    if (j.state === 'running') throw usage(`jail ${name} is already running`);
    if (j.role === 'router') {
      await startRouter(this.ctx, j, true);
      await refreshFbExposed(this.ctx, lab, j.network!);
      if (j.ssh) await startFbSshd(this.ctx, lab, j, true);
      return;
    }
    if (j.dhcp) await this.ctx.host.run(jexec(lab, name, ['dhclient', '-c', '/etc/dhclient.conf', this.jailLeg(lab, j)]));
    // The DHCPv6 client again (the address stays on the leg while stopped; dhcpcd renews it).
    if (j.addr6_mode === 'dhcp') await this.ctx.host.run(jexec(lab, name, dhcpcdArgv(this.jailLeg(lab, j))));
    if (j.command) await this.startService(j);
    if (j.ssh) await startFbSshd(this.ctx, lab, this.jail(lab, name), false);
  }
  /** Keeps a stopped jail's own directories (etc, var, root) as a tar file. */
  async snapshot(lab: string, name: string, snap: string): Promise<void> {
    await fbSnapshot(this.ctx, lab, this.jail(lab, name), snap);
  }
  /** Puts a stopped jail's own directories back from a snapshot. */
  async rollback(lab: string, name: string, snap: string): Promise<void> {
    await fbRollback(this.ctx, lab, this.jail(lab, name), snap);
  }
  /** A jail's snapshots. */
  snapshots(lab: string, name: string) {
    return fbSnapshots(this.ctx, lab, this.jail(lab, name));
  }
  /** The jail's rctl limits next to its RACCT usage. */
  async limits(lab: string, name: string): Promise<string> {
    const j = this.jail(lab, name);
    return limitsReport(
      j.name,
      j.uuid,
      'limits through rctl(8) (RACCT)',
      j.limits ? (JSON.parse(j.limits) as Limits) : undefined,
      await fbUsage(this.ctx, lab, j),
    );
  }
  /** Adds rctl rules to a jail, running or not. */
  async setLimits(lab: string, name: string, limits: Limits): Promise<void> {
    const j = this.jail(lab, name);
    await applyFbLimits(this.ctx, lab, j, limits);
    // Its removal now also drops its rules.
    renameObject(
      this.ctx.db,
      lab,
      'jail',
      `${fbJailName(lab, name)}|${fbJailPaths(this.ctx.runDir, lab, name).conf}`,
      `${fbJailName(lab, name)}|${fbJailPaths(this.ctx.runDir, lab, name).conf}|rctl`,
    );
  }
  /** rctl denies memory rather than killing: there are no kills to count. */
  async memoryKills(): Promise<number | undefined> {
    return undefined;
  }
  /** Destroys jails by name (and what they exposed, and their host keys). */
  async destroy(lab: string, names: string[]): Promise<void> {
    await destroyJailsWithExtras(this.extras(lab), names);
  }

  /** The engine's part of the extras of a lab's jails (services, sshd, exposed ports). */
  private extras(lab: string): JailExtras {
    return {
      jail: (name) => this.jail(lab, name),
      startService: (j) => this.startService(j),
      startSshd: (j) => startFbSshd(this.ctx, lab, j, false, false),
      refreshKnownHosts: () => refreshFbKnownHosts(this.ctx, lab),
      refreshExposed: (network) => refreshFbExposed(this.ctx, lab, network),
      hasRouter: (network) => getJail(this.ctx.db, lab, `${network}-router`) !== undefined,
      destroyJails: (names) => destroyFbJails(this.ctx, lab, names),
    };
  }

  /** Cuts traffic between two groups with a pf anchor on the host (bridged frames pass pf: net.link.bridge.pfil_member=1). */
  async partition(lab: string, a: string[], b: string[]): Promise<void> {
    if (a.length === 0 || b.length === 0) throw usage('partition: give two groups, e.g. vessel partition a,b -- c,d,e');
    const both = a.filter((n) => b.includes(n));
    if (both.length) throw usage(`partition: ${both.join(', ')} cannot be in both groups`);
    const rowsOf = (names: string[]) =>
      names.map((n) => {
        const j = getJail(this.ctx.db, lab, n);
        if (!j) throw usage(`partition: no jail named ${n} in lab ${lab}`);
        if (!j.addr) throw usage(`partition: jail ${n} has no address yet`);
        return j;
      });
    const [ra, rb] = [rowsOf(a), rowsOf(b)];
    const [ia, ib] = [ra.map((j) => j.addr!), rb.map((j) => j.addr!)];
    // Their global and link-local IPv6 addresses (the link-local one is made from the leg's MAC, EUI-64).
    const six = (rows: JailRow[]) => rows.flatMap((j) => (j.addr6 ? [j.addr6, ...(j.mac ? [eui64Address('fe80::/64', j.mac)] : [])] : []));
    const [ia6, ib6] = [six(ra), six(rb)];
    const rules = partitionAnchor(ia, ib, ia6, ib6);
    const anchor = pfAnchors(lab).partition;
    record(this.ctx.db, lab, [{ kind: 'pf-anchor', name: anchor, owner: 'partition' }]);
    await this.ctx.host.run(anchorLoad(anchor), { input: rules });
    // pf keeps state: connections already open between the groups would keep flowing past the new rules. Kill them.
    for (const [xs, ys] of [
      [ia, ib],
      [ia6, ib6],
    ] as const)
      for (const x of xs)
        for (const y of ys)
          for (const [from, to] of [
            [x, y],
            [y, x],
          ] as const)
            await this.ctx.host.run(['pfctl', '-k', from, '-k', to], { allowFail: true });
    await this.ctx.host.writeFile(`${this.ctx.runDir}/${lab}/partition.json`, JSON.stringify([...a, ...b]));
  }
  /** Removes the partition; returns how many jails it held (0: there was none). */
  async heal(lab: string): Promise<number> {
    const objs = objectsOf(this.ctx.db, lab, 'partition');
    if (objs.length === 0) return 0;
    const saved = await this.ctx.host.readFile(`${this.ctx.runDir}/${lab}/partition.json`);
    await removeFbObjects(this.ctx.db, this.ctx.host, objs);
    return saved ? (JSON.parse(saved) as string[]).length : objs.length;
  }

  /** One try of a supervisor ready check. */
  async readyOnce(lab: string, j: JailRow, ready: Ready): Promise<boolean> {
    if (ready.kind === 'tcp')
      return (
        (await this.ctx.host.run(jexecIn(this.ctx, lab, j.name, ['nc', '-z', '-w', '1', j.addr ?? '127.0.0.1', String(ready.port)]), { allowFail: true }))
          .code === 0
      );
    if (ready.kind === 'exec')
      return (
        (
          await this.ctx.host.run(
            jexecIn(this.ctx, lab, j.name, ['/bin/sh', '-c', 'cd "$1" || exit 1; exec /bin/sh -c "$2"', 'vessel-ready', j.wd ?? '/', ready.command]),
            { allowFail: true },
          )
        ).code === 0
      );
    if (!this.ctx.host.live) return true;
    return new RegExp(ready.regex, 'm').test((await this.ctx.host.readFile(fbJailPaths(this.ctx.runDir, lab, j.name).hostLog)) ?? '');
  }

  /** The argv prefix that runs a command inside a jail, in `wd` (a fixed script: wd and command are arguments). */
  enterArgv(lab: string, name: string, wd: string): string[] {
    return jexecIn(this.ctx, lab, name, ['/bin/sh', '-c', 'cd "$1" || exit 1; shift; exec "$@"', 'vessel-exec', wd]);
  }

  /** A jail's service log. */
  async log(lab: string, name: string): Promise<string> {
    return (await this.ctx.host.readFile(fbJailPaths(this.ctx.runDir, lab, name).hostLog)) ?? '';
  }

  /** The lab of one recipe run (the VM is the lab host; its uplink is the simulated outside, or the NIC $VESSEL_INET_NIC). */
  openRunLab(id: string, runId: string): Promise<RunLab> {
    return openFreebsdRunLab(this, id, runId);
  }

  /** Re-registers static jails with their routers (after a change). */
  async refreshDns(lab: string, network: string): Promise<void> {
    const r = getJail(this.ctx.db, lab, `${network}-router`);
    if (r) await registerStatic(this.ctx, lab, r);
  }
}

/** Whether a process is alive (FreeBSD has no /proc by default). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
