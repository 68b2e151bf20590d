// The freebsd backend: the same engine operations as linux, each turned into a plan of FreeBSD commands and files.
import { createHash } from 'node:crypto';
import type { JailRow, LabRow, NetworkRow } from '../engine/context.js';
import { parseDnsmasqLeases, type DnsmasqLease } from '../engine/confgen.js';
import { usage } from '../engine/errors.js';
import { intToIp, ipToInt } from '../engine/ipam.js';
import { countedNames, getJail, listJails, type JailSpec } from '../engine/jails.js';
import type { LabOwner } from '../engine/labs.js';
import { admitNetwork, getNetwork, listNetworks, networkMembers, type NetworkOptions } from '../engine/networks.js';
import { admitAlias } from '../engine/alias.js';
import { labIdProblem } from '../engine/ifnames.js';
import { openDb, type Db } from '../state/db.js';
import { objectsOf, record } from '../state/ledger.js';
import { undoDeadBuilds, withBuild } from '../state/builds.js';
import type { Ready } from '../supervisor/model.js';
import type { VesselBackend } from '../engine/api.js';
import { devfsRuleset, jailConf, partitionAnchor, routesAnchor } from './conf.js';
import { LiveHost, RecordingHost, type PlanHost } from './host.js';
import { createFbJails, destroyFbJails, inetLine, jexec, makeEpair, makeRoot, nextName, parseInet, registerStatic, type FbContext } from './jails.js';
import { DEVFS_RULESETS, FREEBSD_RUN_DIR, fbJailName, fbJailPaths, legNames, pfAnchors, trunkNames, uplinkBridge, vlanIfName } from './names.js';
import { removeFbObjects } from './remove.js';
import { createFbRouter, startRouter } from './router.js';

/** The uplink NIC a FreeBSD lab uses unless told otherwise: the Vagrant VM's NAT interface. */
export const DEFAULT_INET_NIC = 'em0';

/** What a plan assumes about the FreeBSD host it was made for (printed at the top of every plan). */
export const PLAN_ASSUMPTIONS = {
  /** VirtualBox's NAT network, as em0 sees it. */
  uplinkInet: { ip: '10.0.2.15', prefix: 24 },
  /** An extra NIC (an ENI) for IP-aliased jails. */
  nics: { eni0: { ip: '172.31.32.10', prefix: 20 } } as Record<string, { ip: string; prefix: number }>,
  fibs: 16,
};

/** Opening options. */
export interface FreebsdOptions {
  db?: Db;
  host?: PlanHost;
  runDir?: string;
  /** Plan mode: UUIDs (and so MACs) from this seed. */
  seed?: string;
}

/** The freebsd backend behind the vessel CLI: labs, networks, jails, aliases, VLANs, partitions. */
export class FreebsdEngine implements VesselBackend {
  readonly backend = 'freebsd' as const;
  private constructor(readonly ctx: FbContext) {}

  /** Opens the backend: on FreeBSD it runs plans live; with a RecordingHost it only records them. */
  static open(opts: FreebsdOptions = {}): FreebsdEngine {
    let n = 0;
    const seeded = opts.seed === undefined ? undefined : () => {
      const h = createHash('sha256').update(`${opts.seed}:${n++}`).digest('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    };
    const host = opts.host ?? new LiveHost();
    // The plan host is also the command runner of the shared engine code (it has no cgroups).
    return new FreebsdEngine({ db: opts.db ?? openDb(), host, cmd: host, runDir: opts.runDir ?? FREEBSD_RUN_DIR, cgroupRoot: '', ...(seeded ? { uuid: seeded } : {}) });
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
    return this.ctx.db.prepare('SELECT * FROM labs WHERE id = ?').get(id) as LabRow | undefined;
  }

  /** Creates a lab: the VM is the lab host; it gets the devfs rulesets and an uplink bridge holding the NAT NIC. */
  async createLab(id: string, owner: LabOwner & { inetNic?: string }): Promise<LabRow> {
    const p = labIdProblem(id);
    if (p) throw usage(p);
    if (this.getLab(id)) throw usage(`lab ${id} already exists`);
    // Until it is complete, the lab is a build of this process: if it dies, the next cleanup removes it.
    return withBuild(this.ctx.db, id, 'lab', [id], process.pid, undefined, () => this.buildLab(id, owner));
  }

  /** The steps of createLab: the row, the kernel modules, the devfs rulesets, the uplink bridge. */
  private async buildLab(id: string, owner: LabOwner & { inetNic?: string }): Promise<LabRow> {
    const nic = owner.inetNic ?? DEFAULT_INET_NIC;
    const { db, host } = this.ctx;
    db.prepare("INSERT INTO labs (id, kind, owner_pid, owner_start, run_id, created_at, inet_nic, uplink) VALUES (?, ?, ?, NULL, ?, ?, ?, 'nic')").run(id, owner.kind, owner.pid ?? null, owner.runId ?? null, new Date().toISOString(), nic);
    const root = `${this.ctx.runDir}/${id}`;
    record(db, id, [{ kind: 'dir', name: root }]);
    await host.run(['mkdir', '-p', `${root}/jails`]);
    for (const m of ['if_bridge', 'if_epair', 'if_vlan', 'pf']) await host.run(['kldload', '-n', m]);
    for (const [kind, n] of Object.entries(DEVFS_RULESETS) as ['jail' | 'dhcp' | 'router', number][]) {
      record(db, id, [{ kind: 'devfs-ruleset', name: String(n) }]);
      for (const argv of devfsRuleset(n, kind)) await host.run(argv);
    }
    const up = uplinkBridge(id);
    record(db, id, [{ kind: 'ifnet', name: up, owner: 'uplink' }]);
    const made = (await host.run(['ifconfig', 'bridge', 'create'], { simulated: `${nextName(this.ctx, 'bridge')}\n` })).stdout.trim();
    await host.run(['ifconfig', made, 'name', up]);
    await host.run(['ifconfig', up, 'addm', nic, 'up']);
    return this.getLab(id)!;
  }

  /** The lab, created (by hand) on first use. */
  async ensureLab(id: string): Promise<LabRow> {
    return this.getLab(id) ?? this.createLab(id, { kind: 'manual' });
  }

  /** Records the uplink NIC (the lab's bridge already holds the default, em0). */
  setInetNic(lab: string, nic: string | undefined): string {
    const l = this.getLab(lab)!;
    if (nic === undefined || nic === l.inet_nic) return l.inet_nic ?? DEFAULT_INET_NIC;
    throw usage(`lab ${lab} already bridges ${l.inet_nic} as its uplink; give --inet-nic before the lab's first use`);
  }

  /** Removes everything of a lab, in the reverse order of creation. */
  async destroyLab(id: string): Promise<void> {
    for (const n of [...listNetworks(this.ctx, id)].reverse()) await this.destroyNetwork(id, n.name, true);
    await destroyFbJails(this.ctx, id, listJails(this.ctx, id).map((j) => j.name).reverse());
    await removeFbObjects(this.ctx.db, this.ctx.host, objectsOf(this.ctx.db, id));
    this.ctx.db.prepare('DELETE FROM networks WHERE lab = ?').run(id);
    this.ctx.db.prepare('DELETE FROM labs WHERE id = ?').run(id);
  }

  /** Marks a lab kept. */
  keepLab(id: string): void {
    this.ctx.db.prepare('UPDATE labs SET kept = 1 WHERE id = ?').run(id);
  }

  /** Removes labs whose owning run is gone, from what the state database recorded. */
  async cleanup(): Promise<string[]> {
    // What a vessel process that died was still making goes first: creation is all or nothing.
    await undoDeadBuilds(this.ctx.db, (b) => alive(b.pid), async (b) => {
      if (b.kind === 'lab' && this.getLab(b.lab)) await this.destroyLab(b.lab);
      else if (b.kind === 'network' && getNetwork(this.ctx, b.lab, b.name)) await this.destroyNetwork(b.lab, b.name, true);
      else if (b.kind === 'jail' && getJail(this.ctx, b.lab, b.name)) await destroyFbJails(this.ctx, b.lab, [b.name]);
    });
    const labs = this.ctx.db.prepare("SELECT * FROM labs WHERE kind = 'run' AND kept = 0").all() as LabRow[];
    const stale = labs.filter((l) => !l.owner_pid || !alive(l.owner_pid));
    for (const l of stale) await this.destroyLab(l.id);
    return stale.map((l) => l.id);
  }

  /** Creates a network: a bridge with the host's address, a VLAN leg when asked, and its router. */
  async createNetwork(lab: string, name: string, subnet: string, opts: NetworkOptions = {}): Promise<NetworkRow> {
    return withBuild(this.ctx.db, lab, 'network', [name], process.pid, undefined, () => this.buildNetwork(lab, name, subnet, opts));
  }

  /** The steps of createNetwork: admission, the bridge, its VLAN leg, its router, its routes. */
  private async buildNetwork(lab: string, name: string, subnet: string, opts: NetworkOptions): Promise<NetworkRow> {
    const l = this.getLab(lab)!;
    const { host } = this.ctx;
    const uplinkInet = parseInet((await host.run(['ifconfig', l.inet_nic!, 'inet'], { simulated: inetLine(PLAN_ASSUMPTIONS.uplinkInet.ip, PLAN_ASSUMPTIONS.uplinkInet.prefix) })).stdout);
    const outside = [
      ...(uplinkInet ? [{ cidr: cidrOf(uplinkInet.ip, uplinkInet.prefix), what: `the uplink ${l.inet_nic}` }] : []),
      ...Object.entries(PLAN_ASSUMPTIONS.nics).map(([nic, a]) => ({ cidr: cidrOf(a.ip, a.prefix), what: `the NIC ${nic}` })),
    ];
    // vlan(4) is part of FreeBSD: tags are always carried.
    const { net, plan } = await admitNetwork(this.ctx, lab, name, subnet, opts, { outside, uplink: true, vlanMode: async () => 'tagged' });
    record(this.ctx.db, lab, [{ kind: 'ifnet', name: net.bridge, owner: `network:${name}` }]);
    try {
      const made = (await host.run(['ifconfig', 'bridge', 'create'], { simulated: `${nextName(this.ctx, 'bridge')}\n` })).stdout.trim();
      await host.run(['ifconfig', made, 'name', net.bridge]);
      await host.run(['ifconfig', net.bridge, 'inet', `${net.host_addr}/${plan.prefix}`, 'up']);
      if (net.vlan !== null && net.trunk) await this.attachVlan(net);
      await createFbRouter(this.ctx, net, true);
      if (opts.routeTo !== undefined) await this.route(lab, name, opts.routeTo);
    } catch (e) {
      await this.destroyNetwork(lab, name, true);
      throw e;
    }
    return getNetwork(this.ctx, lab, name)!;
  }

  private async attachVlan(net: NetworkRow): Promise<void> {
    const { host, db } = this.ctx;
    const t = trunkNames(net.trunk!);
    if (!objectsOf(db, net.lab, `trunk:${net.trunk}`).length) {
      record(db, net.lab, [{ kind: 'ifnet', name: t.tagged, owner: `trunk:${net.trunk}` }]);
      await makeEpair(this.ctx, { host: t.tagged, jail: t.far });
      await host.run(['ifconfig', t.tagged, 'up']);
      await host.run(['ifconfig', t.far, 'up']);
    }
    const vif = vlanIfName(net.trunk!, net.vlan!);
    record(db, net.lab, [{ kind: 'ifnet', name: vif, owner: `network:${net.name}` }]);
    const made = (await host.run(['ifconfig', 'vlan', 'create', 'vlan', String(net.vlan), 'vlandev', t.tagged], { simulated: `${nextName(this.ctx, 'vlan')}\n` })).stdout.trim();
    await host.run(['ifconfig', made, 'name', vif]);
    await host.run(['ifconfig', net.bridge, 'addm', vif]);
    await host.run(['ifconfig', vif, 'up']);
  }

  /** Networks with their members. */
  networks(lab: string) {
    return listNetworks(this.ctx, lab).map((n) => ({ ...n, members: networkMembers(this.ctx, lab, n.name) }));
  }
  /** One network. */
  getNetwork(lab: string, name: string) {
    return getNetwork(this.ctx, lab, name);
  }

  /** Destroys a network: members, router, VLAN leg, bridge (and the trunk with its last VLAN). */
  async destroyNetwork(lab: string, name: string, force: boolean): Promise<void> {
    const net = getNetwork(this.ctx, lab, name);
    if (!net) throw usage(`no network named ${name} in lab ${lab}`);
    const members = networkMembers(this.ctx, lab, name).filter((j) => j.role !== 'router');
    if (members.length && !force) throw usage(`network ${name} still has ${members.length} jail(s) attached (${members.map((j) => j.name).slice(0, 5).join(', ')}); destroy them first or use --force`);
    // The router goes right after its members, so nobody needs telling.
    await destroyFbJails(this.ctx, lab, members.map((j) => j.name).reverse(), false);
    await destroyFbJails(this.ctx, lab, networkMembers(this.ctx, lab, name).map((j) => j.name), false);
    await removeFbObjects(this.ctx.db, this.ctx.host, objectsOf(this.ctx.db, lab, `network:${name}`));
    this.ctx.db.prepare('DELETE FROM networks WHERE lab = ? AND name = ?').run(lab, name);
    if (net.trunk && !listNetworks(this.ctx, lab).some((n) => n.trunk === net.trunk)) {
      await removeFbObjects(this.ctx.db, this.ctx.host, objectsOf(this.ctx.db, lab, `trunk:${net.trunk}`));
    }
    if (net.route_to || listNetworks(this.ctx, lab).some((n) => (n.route_to ?? '').split(',').includes(name))) await this.loadRoutes(lab);
  }

  /** Routes two networks through the host: each router sends the other's subnet to the host, whose pf passes only routed pairs. */
  async route(lab: string, name: string, to: string): Promise<void> {
    const a = getNetwork(this.ctx, lab, name);
    const b = getNetwork(this.ctx, lab, to);
    if (!a) throw usage(`no network named ${name} in lab ${lab}`);
    if (!b) throw usage(`--route-to=${to}: no network named ${to} in lab ${lab}`);
    if (a.name === b.name) throw usage(`--route-to=${to}: a network cannot be routed to itself`);
    const list = new Set((a.route_to ?? '').split(',').filter(Boolean));
    list.add(b.name);
    this.ctx.db.prepare('UPDATE networks SET route_to = ? WHERE lab = ? AND name = ?').run([...list].join(','), lab, a.name);
    await this.loadRoutes(lab);
    await this.ctx.host.run(['sysctl', 'net.inet.ip.forwarding=1']);
    for (const [from, dest] of [[a, b], [b, a]] as const) {
      const r = `${from.name}-router`;
      await this.ctx.host.run(jexec(lab, r, ['sysctl', 'net.inet.ip.forwarding=1']));
      await this.ctx.host.run(jexec(lab, r, ['route', 'add', '-net', dest.subnet, from.host_addr]));
    }
  }

  private async loadRoutes(lab: string): Promise<void> {
    const nets = listNetworks(this.ctx, lab);
    const pairs: [string, string][] = [];
    for (const n of nets) for (const t of (n.route_to ?? '').split(',').filter(Boolean)) {
      const o = nets.find((x) => x.name === t);
      if (o) pairs.push([n.subnet, o.subnet]);
    }
    const anchor = pfAnchors(lab).routes;
    record(this.ctx.db, lab, [{ kind: 'pf-anchor', name: anchor }]);
    await this.ctx.host.run(['pfctl', '-a', anchor, '-f', '-'], { input: routesAnchor(pairs, nets.map((n) => n.subnet)) });
  }

  /** The leases the router's dnsmasq recorded. */
  async leases(lab: string, network: string): Promise<DnsmasqLease[]> {
    const text = await this.ctx.host.readFile(`${fbJailPaths(this.ctx.runDir, lab, `${network}-router`).root}/var/db/dnsmasq.leases`);
    return text ? parseDnsmasqLeases(text) : [];
  }

  /** Creates jails on a network and starts their services. */
  async run(lab: string, spec: JailSpec): Promise<JailRow[]> {
    const names = countedNames(spec.name, spec.count).filter((n) => !getJail(this.ctx, lab, n));
    return withBuild(this.ctx.db, lab, 'jail', names, process.pid, undefined, () => this.buildJails(lab, spec));
  }

  /** The steps of run: the jails, then their services. */
  private async buildJails(lab: string, spec: JailSpec): Promise<JailRow[]> {
    const rows = await createFbJails(this.ctx, lab, spec);
    for (const j of rows) if (j.command) await this.startService(j);
    return rows.map((j) => this.jail(lab, j.name));
  }

  /** Creates an IP-aliased jail: non-vnet, `ip4.addr = "NIC|IP/PREFIX"`, with its own FIB routing out of that NIC. */
  async runAlias(lab: string, name: string, nic: string, ip: string, command?: string[]): Promise<JailRow> {
    const { host, db } = this.ctx;
    const assumed = PLAN_ASSUMPTIONS.nics[nic];
    const r = await host.run(['ifconfig', nic, 'inet'], { allowFail: true, ...(assumed ? { simulated: inetLine(assumed.ip, assumed.prefix) } : {}) });
    const inet = parseInet(r.stdout);
    const fibs = Number((await host.run(['sysctl', '-n', 'net.fibs'], { simulated: `${PLAN_ASSUMPTIONS.fibs}\n` })).stdout.trim());
    const used = new Set((db.prepare("SELECT name FROM objects WHERE kind = 'fib'").all() as { name: string }[]).map((o) => Number(o.name)));
    let fib = 1;
    while (used.has(fib)) fib++;
    if (fib >= fibs) throw usage(`no free FIB for ${name}: net.fibs is ${fibs}; raise it in /boot/loader.conf`);
    const p = fbJailPaths(this.ctx.runDir, lab, name);
    const { row, subnet, gateway } = admitAlias(this.ctx, lab, name, nic, ip, inet ? [{ cidr: cidrOf(inet.ip, inet.prefix), own: inet.ip, prefix: inet.prefix }] : undefined, [
      { kind: 'dir', name: p.dir },
      { kind: 'fib', name: String(fib) },
      { kind: 'jail', name: `${fbJailName(lab, name)}|${p.conf}` },
    ]);
    try {
      await host.run(['setfib', String(fib), 'route', 'add', '-net', subnet.cidr, '-iface', nic]);
      await host.run(['setfib', String(fib), 'route', 'add', 'default', gateway]);
      await makeRoot(this.ctx, lab, name, `127.0.0.1\tlocalhost\n${ip}\t${name}\n`, await host.readFile('/etc/resolv.conf') ?? '');
      await host.writeFile(p.conf, jailConf({ name: fbJailName(lab, name), hostname: name, root: p.root, fstab: p.fstab, consoleLog: p.consoleLog, devfsRuleset: DEVFS_RULESETS.jail, ip4: { nic, ip, prefix: subnet.prefix }, fib }));
      await host.run(['jail', '-f', p.conf, '-c', fbJailName(lab, name)]);
      db.prepare("UPDATE jails SET state = 'created', command = ? WHERE uuid = ?").run(command?.length ? JSON.stringify(command) : null, row.uuid);
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
    await this.ctx.host.run(jexec(j.lab, j.name, ['/bin/sh', '-c', 'cd "$1" || exit 1; log=$2; pid=$3; shift 3; exec daemon -f -o "$log" -p "$pid" /usr/bin/env "$@"', 'vessel-service', j.wd ?? '/', p.log, p.pid, ...env, ...argv]));
    this.ctx.db.prepare("UPDATE jails SET state = 'running' WHERE uuid = ?").run(j.uuid);
  }

  /** The jails of a lab. */
  jails(lab: string): JailRow[] {
    return listJails(this.ctx, lab);
  }
  /** One jail, or a usage error. */
  jail(lab: string, name: string): JailRow {
    const j = getJail(this.ctx, lab, name);
    if (!j) throw usage(`no jail named ${name} in lab ${lab}`);
    return j;
  }
  /** Kills every process in a jail; the jail and its address stay. */
  async stop(lab: string, name: string): Promise<void> {
    this.jail(lab, name);
    await this.ctx.host.run(jexec(lab, name, ['kill', '-KILL', '-1']), { allowFail: true });
    this.ctx.db.prepare("UPDATE jails SET state = 'stopped', stopped_at = ? WHERE lab = ? AND name = ?").run(new Date().toISOString(), lab, name);
  }
  /** Starts a stopped jail's DHCP client and service again. */
  async start(lab: string, name: string): Promise<void> {
    const j = this.jail(lab, name);
    if (j.state === 'running') throw usage(`jail ${name} is already running`);
    if (j.role === 'router') return startRouter(this.ctx, j, true);
    if (j.dhcp) await this.ctx.host.run(jexec(lab, name, ['dhclient', '-c', '/etc/dhclient.conf', legNames(j.seq).jail]));
    if (j.command) await this.startService(j);
  }
  /** Destroys jails by name. */
  async destroy(lab: string, names: string[]): Promise<void> {
    for (const n of names) this.jail(lab, n);
    await destroyFbJails(this.ctx, lab, names);
  }

  /** Cuts traffic between two groups with a pf anchor on the host (bridged frames pass pf: net.link.bridge.pfil_member=1). */
  async partition(lab: string, a: string[], b: string[]): Promise<void> {
    if (a.length === 0 || b.length === 0) throw usage('partition: give two groups, e.g. vessel partition a,b -- c,d,e');
    const both = a.filter((n) => b.includes(n));
    if (both.length) throw usage(`partition: ${both.join(', ')} cannot be in both groups`);
    const addrs = (names: string[]) => names.map((n) => {
      const j = getJail(this.ctx, lab, n);
      if (!j) throw usage(`partition: no jail named ${n} in lab ${lab}`);
      if (!j.addr) throw usage(`partition: jail ${n} has no address yet`);
      return j.addr;
    });
    const rules = partitionAnchor(addrs(a), addrs(b));
    const anchor = pfAnchors(lab).partition;
    record(this.ctx.db, lab, [{ kind: 'pf-anchor', name: anchor, owner: 'partition' }]);
    await this.ctx.host.run(['pfctl', '-a', anchor, '-f', '-'], { input: rules });
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
    if (ready.kind === 'tcp') return (await this.ctx.host.run(jexec(lab, j.name, ['nc', '-z', '-w', '1', j.addr ?? '127.0.0.1', String(ready.port)]), { allowFail: true })).code === 0;
    if (ready.kind === 'exec') return (await this.ctx.host.run(jexec(lab, j.name, ['/bin/sh', '-c', 'cd "$1" || exit 1; exec /bin/sh -c "$2"', 'vessel-ready', j.wd ?? '/', ready.command]), { allowFail: true })).code === 0;
    if (!this.ctx.host.live) return true;
    return new RegExp(ready.regex, 'm').test((await this.ctx.host.readFile(fbJailPaths(this.ctx.runDir, lab, j.name).hostLog)) ?? '');
  }

  /** The argv prefix that runs a command inside a jail, in `wd` (a fixed script: wd and command are arguments). */
  enterArgv(lab: string, name: string, wd: string): string[] {
    return jexec(lab, name, ['/bin/sh', '-c', 'cd "$1" || exit 1; shift; exec "$@"', 'vessel-exec', wd]);
  }

  /** A jail's service log. */
  async log(lab: string, name: string): Promise<string> {
    return (await this.ctx.host.readFile(fbJailPaths(this.ctx.runDir, lab, name).hostLog)) ?? '';
  }

  /** Re-registers static jails with their routers (after a change). */
  async refreshDns(lab: string, network: string): Promise<void> {
    const r = getJail(this.ctx, lab, `${network}-router`);
    if (r) await registerStatic(this.ctx, lab, r);
  }
}

/** The CIDR of an address and prefix. */
function cidrOf(ip: string, prefix: number): string {
  const size = 2 ** (32 - prefix);
  return `${intToIp(Math.floor(ipToInt(ip) / size) * size)}/${prefix}`;
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
