// FreeBSD jails: an epair leg on the network's bridge, a root of nullfs mounts plus its own /etc, and a vnet jail from a jail.conf fragment.
import type { EngineContext, JailRow, NetworkRow } from '../../core/model.js';
import { failed, usage } from '../../util/errors.js';
import { intToIp, ipToInt, planSubnet, withDhcpRange, type SubnetPlan } from '../../core/ipam.js';
import { assumedLease6, assumedLeases, assumedUplinkLeases, reserveJails, type JailSpec } from '../../core/jails.js';
import { planSubnet6, PREFIX6, type SubnetPlan6 } from '../../core/ipam6.js';
import { macFromSeed } from '../../core/names.js';
import { inPrefix6, normal6 } from '../../util/ipv6.js';
import { waitFor } from '../../util/sleep.js';
import { isUplink } from '../../core/outside.js';
import { UPSTREAM } from '../../core/upstream.js';
import { addr6Members, deleteJails, getJail, setJailAddr, setJailAddr6, setJailState, slotBoundMembers, staticMembers } from '../../state/jails.js';
import { objectNamed, objectsOf } from '../../state/ledger.js';
import { getNetwork } from '../../state/networks.js';
import { getLab, takeLabTag } from '../../state/labs.js';
import { runSteps } from '../../core/steps.js';
import { dhclientConf, dhcpcdConf, jailConf, jailFstab } from './conf.js';
import { applyFbLimits } from './limits.js';
import type { Limits } from '../../core/limits.js';
import { DEVFS_RULESETS, fbJailName, fbJailPaths, legNames, ROOT_DIRS, uplinkLegNames } from './names.js';
import { removeFbObjects } from './remove.js';

/** The FreeBSD backend's context: the shared engine context (its host runs plans live in the VM, or records them). */
export type FbContext = EngineContext;

/** Makes an epair, names its ends and returns them (the created name is what `ifconfig epair create` prints). */
export async function makeEpair(ctx: FbContext, ends: { host: string; jail: string }, mac?: string): Promise<void> {
  const made = (await ctx.host.run(['ifconfig', 'epair', 'create'], { simulated: `${nextName(ctx, 'epair')}a` })).stdout.trim();
  const base = made.replace(/a$/, '');
  await ctx.host.run(['ifconfig', `${base}a`, 'name', ends.host]);
  await ctx.host.run(['ifconfig', `${base}b`, 'name', ends.jail]);
  if (mac) await ctx.host.run(['ifconfig', ends.jail, 'ether', mac]);
}

const counters = new WeakMap<object, Map<string, number>>();
/** What a fresh FreeBSD host would call the next cloned interface of a kind (epair0, bridge0, vlan0, ...). */
export function nextName(ctx: FbContext, kind: string): string {
  const m = counters.get(ctx.host) ?? new Map<string, number>();
  counters.set(ctx.host, m);
  const n = m.get(kind) ?? 0;
  m.set(kind, n + 1);
  return `${kind}${n}`;
}

/** The lab's host-wide tag, which its interface names carry (given when the lab was created). */
export function tagOf(ctx: Pick<FbContext, 'db'>, lab: string): number {
  const l = getLab(ctx.db, lab);
  if (!l) throw usage(`no lab named ${lab}`);
  return l.tag ?? takeLabTag(ctx.db, lab);
}

/** Runs argv inside a jail. */
export function jexec(lab: string, jail: string, argv: string[]): string[] {
  return ['jexec', fbJailName(lab, jail), ...argv];
}

/** The FIB of an IP-aliased jail, from its ledger entry (`N|CIDR|NIC`), or undefined for a vnet jail. */
export function fibOf(ctx: FbContext, lab: string, jail: string): number | undefined {
  const o = objectNamed(ctx.db, lab, 'fib', jail);
  return o === undefined ? undefined : Number(o.split('|')[0]);
}

/**
 * Runs argv inside a jail, in its FIB: `exec.fib` covers only jail(8)'s own exec.* commands, so everything vessel
 * runs in an IP-aliased jail goes through setfib, as Bastille's console does.
 */
export function jexecIn(ctx: FbContext, lab: string, jail: string, argv: string[]): string[] {
  const fib = fibOf(ctx, lab, jail);
  return fib === undefined ? jexec(lab, jail, argv) : ['setfib', String(fib), ...jexec(lab, jail, argv)];
}

/** The ledger objects of new jails, in creation order. */
function objectsFor(ctx: FbContext, lab: string) {
  return (rows: JailRow[], spec: JailSpec) =>
    rows.flatMap((j) => {
      const p = fbJailPaths(ctx.runDir, lab, j.name);
      return [
        { kind: 'dir' as const, name: p.dir, owner: j.name },
        { kind: 'ifnet' as const, name: legNames(tagOf(ctx, lab), j.seq).host, owner: j.name },
        ...(spec.role === 'router' && spec.uplink ? [{ kind: 'ifnet' as const, name: uplinkLegNames(tagOf(ctx, lab), j.seq).host, owner: j.name }] : []),
        // A limited jail's rctl rules go with it (they outlive the jail otherwise: they name it, not hold it).
        { kind: 'jail' as const, name: `${fbJailName(lab, j.name)}|${p.conf}${j.limits ? '|rctl' : ''}`, owner: j.name },
      ];
    });
}

/** Writes a jail's root: its own /etc (a copy of the host's, with its hosts and resolv.conf) and /var, plus mount points. */
export async function makeRoot(ctx: FbContext, lab: string, name: string, hosts: string, resolv: string): Promise<void> {
  const p = fbJailPaths(ctx.runDir, lab, name);
  await ctx.host.run(['mkdir', '-p', ...ROOT_DIRS.map((d) => `${p.root}/${d}`)]);
  await ctx.host.run(['cp', '-Rp', '/etc/', `${p.root}/etc`]);
  // The runtime linker finds /usr/local/lib only through the hints file (include/elf-hints.h); nothing runs ldconfig in
  // a jail, so each root gets the host's (its /usr is the host's, through nullfs).
  await ctx.host.run(['cp', '-p', '/var/run/ld-elf.so.hints', `${p.root}/var/run/ld-elf.so.hints`]);
  await ctx.host.writeFile(`${p.root}/etc/hosts`, hosts);
  await ctx.host.writeFile(`${p.root}/etc/resolv.conf`, resolv);
  await ctx.host.writeFile(p.fstab, jailFstab(p.root));
}

/** Parses `ifconfig IF inet`: the first IPv4 address and its prefix (FreeBSD prints the netmask in hex). */
export function parseInet(text: string): { ip: string; prefix: number } | undefined {
  const m = /inet (\d+\.\d+\.\d+\.\d+) netmask 0x([0-9a-f]{8})/.exec(text);
  if (!m) return undefined;
  const prefix = Number.parseInt(m[2]!, 16).toString(2).replace(/0+$/, '').length;
  return { ip: m[1]!, prefix };
}

/** The simulated `ifconfig IF inet` line for an address. */
export function inetLine(ip: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return `\tinet ${ip} netmask 0x${mask.toString(16).padStart(8, '0')} broadcast ${intToIp((ipToInt(ip) | (~mask >>> 0)) >>> 0)}\n`;
}

/** Parses `ifconfig IF inet6`: each address with its prefix length, and whether it is still tentative (DAD). */
export function parseInet6(text: string): { ip: string; prefix: number; tentative: boolean }[] {
  return [...text.matchAll(/inet6 ([0-9a-f:]+)(?:%\S+)? prefixlen (\d+)([^\n]*)/g)].map((m) => ({
    ip: normal6(m[1]!) ?? m[1]!,
    prefix: Number(m[2]),
    tentative: /\btentative\b/.test(m[3]!),
  }));
}

/** The simulated `ifconfig IF inet6` line for an address. */
export function inet6Line(ip: string, prefix: number, flags = ''): string {
  return `\tinet6 ${ip} prefixlen ${prefix}${flags ? ` ${flags}` : ''}\n`;
}

/** What making one jail works on, step by step. */
interface FbBuild {
  ctx: FbContext;
  lab: string;
  spec: JailSpec;
  net: NetworkRow;
  plan: SubnetPlan;
  router: JailRow | undefined;
  j: JailRow;
  /** The interfaces the jail gets (its leg, and a router's outside leg). */
  ifaces: string[];
}

/** The steps of making one jail, in order: its legs, its root, its jail.conf, the jail, its address. */
const FB_JAIL_STEPS = [
  { name: 'legs', run: makeLegs },
  { name: 'root', run: writeRoot },
  { name: 'jail.conf', run: writeJailConf },
  { name: 'jail', run: startJail },
  { name: 'limits', run: (b: FbBuild) => (b.j.limits ? applyFbLimits(b.ctx, b.lab, b.j, JSON.parse(b.j.limits) as Limits) : undefined) },
  { name: 'address', run: addressJail },
  { name: 'IPv6 address', run: addressJail6 },
  { name: 'created', run: (b: FbBuild) => setJailState(b.ctx.db, [b.j.uuid], 'created') },
];

/** Creates jails on a network (the router too, with role router); on failure, what was made is removed again. */
export async function createFbJails(ctx: FbContext, lab: string, spec: JailSpec): Promise<JailRow[]> {
  const rows = reserveJails(ctx, lab, spec, objectsFor(ctx, lab));
  const net = getNetwork(ctx.db, lab, spec.network)!;
  const plan = withDhcpRange(planSubnet(net.subnet) as SubnetPlan, net.dhcp_first, net.dhcp_last);
  const router = spec.role === 'router' ? undefined : getJail(ctx.db, lab, `${net.name}-router`);
  try {
    // A slotted DHCP jail's lease is bound to its slot before its DHCP client asks.
    if (router && rows.some((j) => j.dhcp && j.slot !== null)) await registerStatic(ctx, lab, router);
    for (const j of rows) await runSteps<FbBuild>({ ctx, lab, spec, net, plan, router, j, ifaces: [] }, FB_JAIL_STEPS);
    // Static jails, and jails with an IPv6 address, get their names in the router's DNS.
    if (router && rows.some((j) => !j.dhcp || getJail(ctx.db, lab, j.name)?.addr6)) await registerStatic(ctx, lab, router);
  } catch (e) {
    await destroyFbJails(
      ctx,
      lab,
      rows.map((j) => j.name),
    );
    throw e;
  }
  return rows.map((j) => getJail(ctx.db, lab, j.name)!);
}

/** An epair from the network's bridge into the jail; a router's second epair on the lab's uplink bridge. */
async function makeLegs(b: FbBuild): Promise<void> {
  const { ctx, lab, spec, j } = b;
  const leg = legNames(tagOf(ctx, lab), j.seq);
  await makeEpair(ctx, leg, j.mac ?? undefined);
  await ctx.host.run(['ifconfig', b.net.bridge, 'addm', leg.host]);
  await ctx.host.run(['ifconfig', leg.host, 'up']);
  b.ifaces.push(leg.jail);
  if (spec.role === 'router' && spec.uplink) {
    const up = uplinkLegNames(tagOf(ctx, lab), j.seq);
    // With IPv6, the outside leg's MAC is fixed, so its SLAAC address on the upstream's /64 is known beforehand.
    await makeEpair(ctx, up, b.net.subnet6 ? macFromSeed(j.uuid, 'uplink') : undefined);
    await ctx.host.run(['ifconfig', upBridgeOf(ctx, lab), 'addm', up.host]);
    await ctx.host.run(['ifconfig', up.host, 'up']);
    b.ifaces.push(up.jail);
  }
}

/** The jail's root: nullfs mounts of the base system, its own /etc with hosts and resolv.conf (and dhclient.conf). */
async function writeRoot(b: FbBuild): Promise<void> {
  const { ctx, lab, spec, net, j } = b;
  const gateway = intToIp(b.plan.gateway);
  const fqdn = net.domain ? `${j.name}.${net.domain} ` : '';
  const hosts = `127.0.0.1\tlocalhost\n${j.addr ? `${j.addr}\t${fqdn}${j.name}\n` : ''}${j.addr6 && j.addr6_mode !== 'dhcp' ? `${j.addr6}\t${fqdn}${j.name}\n` : ''}`;
  // On the outside network the upstream is the DNS server (dhclient-script writes the same from the lease).
  const resolv =
    spec.role === 'router'
      ? ''
      : isUplink(net)
        ? `nameserver ${UPSTREAM.dns}\n`
        : b.router && net.domain
          ? `search ${net.domain}\nnameserver ${gateway}\n`
          : `nameserver ${gateway}\n`;
  await makeRoot(ctx, lab, j.name, hosts, resolv);
  if (j.dhcp) await ctx.host.writeFile(`${fbJailPaths(ctx.runDir, lab, j.name).root}/etc/dhclient.conf`, dhclientConf(j.name));
  if (j.addr6_mode === 'dhcp') await ctx.host.writeFile(`${fbJailPaths(ctx.runDir, lab, j.name).root}/etc/dhcpcd.conf`, dhcpcdConf());
}

/** The jail's jail.conf fragment (a member's file carries its router's definition, so `depend` names a jail jail(8) knows). */
async function writeJailConf(b: FbBuild): Promise<void> {
  const { ctx, lab, spec, router, j } = b;
  const p = fbJailPaths(ctx.runDir, lab, j.name);
  const routerConf = router ? ((await ctx.host.readFile(fbJailPaths(ctx.runDir, lab, router.name).conf)) ?? '') : '';
  await ctx.host.writeFile(
    p.conf,
    routerConf +
      jailConf({
        name: fbJailName(lab, j.name),
        hostname: j.name,
        root: p.root,
        fstab: p.fstab,
        consoleLog: p.consoleLog,
        devfsRuleset: spec.role === 'router' ? DEVFS_RULESETS.router : j.dhcp ? DEVFS_RULESETS.dhcp : DEVFS_RULESETS.jail,
        vnetInterfaces: b.ifaces,
        ...(router ? { depend: [fbJailName(lab, router.name)] } : {}),
        ...(spec.role !== 'router' && j.root === 'shared' && spec.root === 'shared' ? { rootKind: 'shared' as const } : {}),
      }),
  );
}

/** jail -c: the vnet jail, with its interfaces moved in. */
async function startJail(b: FbBuild): Promise<void> {
  await b.ctx.host.run(['jail', '-f', fbJailPaths(b.ctx.runDir, b.lab, b.j.name).conf, '-c', fbJailName(b.lab, b.j.name)]);
}

/** The jail's address: a DHCP lease through dhclient, or its static address and default route. */
async function addressJail(b: FbBuild): Promise<void> {
  const { ctx, lab, spec, net, plan, j } = b;
  const leg = legNames(tagOf(ctx, lab), j.seq);
  if (j.dhcp) {
    await ctx.host.run(jexec(lab, j.name, ['ifconfig', leg.jail, 'up']));
    await ctx.host.run(jexec(lab, j.name, ['dhclient', '-c', '/etc/dhclient.conf', leg.jail]));
    const assumed = j.slot !== null && j.addr ? j.addr : isUplink(net) ? assumedUplinkLeases(ctx, lab, 1)[0]! : assumedLeases(ctx, net, plan, 1)[0]!;
    const got = parseInet((await ctx.host.run(jexec(lab, j.name, ['ifconfig', leg.jail, 'inet']), { simulated: inetLine(assumed, plan.prefix) })).stdout);
    if (!got) throw usage(`jail ${j.name} got no DHCP lease from ${net.name}-router`);
    setJailAddr(ctx.db, j.uuid, got.ip);
  } else {
    await ctx.host.run(jexec(lab, j.name, ['ifconfig', leg.jail, 'inet', `${j.addr}/${plan.prefix}`, 'up']));
    if (spec.role !== 'router') await ctx.host.run(jexec(lab, j.name, ['route', 'add', 'default', intToIp(plan.gateway)]));
  }
}

/**
 * The jail's IPv6 address, on a network with a /64. A new interface in a vnet has IPv6 off (ifdisabled) until an
 * address is added or the flag cleared; addresses here are unique by plan, so none waits on duplicate address
 * detection (no_dad). Static (and a router's ::1): the address, and the router as default route. SLAAC: the jail
 * takes the router's advertisements (accept_rtadv) and asks for one at once (rtsol); the kernel makes the address
 * from the prefix and the leg's MAC and adds the default route. DHCPv6: dhcpcd, which takes its route from the
 * advertisements itself.
 */
async function addressJail6(b: FbBuild): Promise<void> {
  const { ctx, lab, spec, net, j } = b;
  if (!net.subnet6 || !j.addr6_mode) return;
  const plan6 = planSubnet6(net.subnet6) as SubnetPlan6;
  const leg = legNames(tagOf(ctx, lab), j.seq).jail;
  const run = (argv: string[]) => ctx.host.run(jexec(lab, j.name, argv));
  if (j.addr6_mode === 'static') {
    await run(['ifconfig', leg, 'inet6', 'no_dad']);
    await run(['ifconfig', leg, 'inet6', `${j.addr6}/${PREFIX6}`]);
    if (spec.role !== 'router') await run(['route', '-6', 'add', 'default', plan6.gateway]);
    return;
  }
  if (j.addr6_mode === 'slaac') {
    const ok = await slaac6(ctx, lab, j.name, leg, j.addr6!);
    if (ok !== true) throw failed(`${j.name} made no IPv6 address (${j.addr6}) from ${net.name}-router's advertisements; its ${leg} has: ${ok}`);
    return;
  }
  await run(['ifconfig', leg, 'inet6', 'no_dad']);
  await run(dhcpcdArgv(leg));
  const assumed = assumedLease6(ctx, lab, net.name, plan6.cidr) ?? plan6.dhcpFirst;
  const got = parseInet6((await ctx.host.run(jexec(lab, j.name, ['ifconfig', leg, 'inet6']), { simulated: inet6Line(assumed, 128) })).stdout).find(
    (a) => !a.ip.startsWith('fe80:') && inPrefix6(a.ip, plan6.cidr),
  );
  if (!got) throw failed(`jail ${j.name} got no DHCPv6 lease of ${net.subnet6} from ${net.name}-router (see its /var/log/messages for dhcpcd)`);
  setJailAddr6(ctx.db, j.uuid, got.ip);
  j.addr6 = got.ip;
}

/** The DHCPv6 client of a jail's leg (dhcpcd.conf is the jail's): it waits for the lease, 15 s at most, then stays. */
export function dhcpcdArgv(leg: string): string[] {
  return ['/usr/local/sbin/dhcpcd', '-6', '-f', '/etc/dhcpcd.conf', '-w', '-t', '15', leg];
}

/**
 * SLAAC on a jail's interface: it takes advertisements (accept_rtadv) and asks for one at once (rtsol; -R: their DNS
 * options go to no script, since resolvconf(8), the default, would rewrite the jail's resolv.conf). Then waits (5 s
 * at most) until `addr` is on it, usable, with an IPv6 default route: true, or what the interface has instead.
 * `solicit: 'try'` lets rtsol fail (a real NIC's network may have no router advertising) and waits for nothing.
 */
export async function slaac6(ctx: FbContext, lab: string, jail: string, iface: string, addr: string, solicit: 'must' | 'try' = 'must'): Promise<true | string> {
  const run = (argv: string[], allowFail = false) => ctx.host.run(jexec(lab, jail, argv), { allowFail });
  await run(['ifconfig', iface, 'inet6', 'no_dad', 'accept_rtadv', '-ifdisabled']);
  await run(['rtsol', '-R', '/usr/bin/true', iface], solicit === 'try');
  if (solicit === 'try') return true;
  let last = '';
  const ok = await waitFor(
    async () => {
      last = (await ctx.host.run(jexec(lab, jail, ['ifconfig', iface, 'inet6']), { simulated: inet6Line(addr, PREFIX6, 'autoconf') })).stdout;
      if (!parseInet6(last).some((a) => a.ip === addr && !a.tentative)) return false;
      return (await run(['route', '-n', 'get', '-inet6', 'default'], true)).code === 0;
    },
    ctx.host.live ? 5000 : 0,
    100,
  );
  if (ok) return true;
  const have = parseInet6(last).map((a) => `${a.ip}/${a.prefix}${a.tentative ? ' (tentative)' : ''}`);
  return `${have.join(', ') || 'no IPv6 address'}${have.some((a) => a.startsWith(`${addr}/`)) ? ' (or no IPv6 default route)' : ''} after 5 s`;
}

/** The lab's uplink bridge name as recorded. */
export function upBridgeOf(ctx: FbContext, lab: string): string {
  const o = objectNamed(ctx.db, lab, 'ifnet', 'uplink');
  if (!o) throw usage(`lab ${lab} has no uplink bridge`);
  return o;
}

/** Rewrites the router's static jails (served in DNS) and slot bindings (MAC to address), then has dnsmasq re-read them. */
export async function registerStatic(ctx: FbContext, lab: string, router: JailRow): Promise<void> {
  const net = getNetwork(ctx.db, lab, router.network!)!;
  const statics = staticMembers(ctx.db, lab, net.name);
  const bound = slotBoundMembers(ctx.db, lab, net.name);
  const root = fbJailPaths(ctx.runDir, lab, router.name).root;
  // IPv4 names of static jails (DHCP ones are named by their lease), and the IPv6 names of every jail with an IPv6
  // address: dnsmasq names no SLAAC address by itself.
  const names = [...statics.map((s) => ({ name: s.name, addr: s.addr })), ...addr6Members(ctx.db, lab, net.name).map((s) => ({ name: s.name, addr: s.addr6 }))];
  await ctx.host.writeFile(`${root}/etc/vessel-hosts`, names.map((s) => `${s.addr}\t${s.name}.${net.domain} ${s.name}\n`).join(''));
  await ctx.host.writeFile(`${root}/etc/vessel-dhcp-hosts`, bound.map((b) => `${b.mac},${b.addr},${b.name}\n`).join(''));
  if (router.state === 'running') await ctx.host.run(jexec(lab, router.name, ['pkill', '-HUP', '-x', 'dnsmasq']), { allowFail: true });
}

/** Destroys jails: each is removed with jail -r (its processes and mounts go with it), then its epairs and files. */
export async function destroyFbJails(ctx: FbContext, lab: string, names: string[], tellRouters = true): Promise<void> {
  // (when the routers go too, as in a network's or a lab's teardown, there is nothing to give back)
  if (tellRouters) await releaseFbLeases(ctx, lab, names);
  const routersToTell = new Set<string>();
  for (const n of names) {
    const j = getJail(ctx.db, lab, n);
    if (j?.network && j.role === 'jail' && (!j.dhcp || j.slot !== null || j.addr6) && tellRouters) routersToTell.add(`${j.network}-router`);
    await removeFbObjects(ctx.db, ctx.host, objectsOf(ctx.db, lab, n));
    deleteJails(ctx.db, lab, [n]);
  }
  for (const r of routersToTell) {
    const router = getJail(ctx.db, lab, r);
    if (router && !names.includes(r)) await registerStatic(ctx, lab, router);
  }
}

/**
 * Frees the leases of DHCP jails about to go, so their addresses return to the pool and their names leave DNS.
 * dhclient(8) has no release, and dnsmasq reads its lease file only at start: the router stops dnsmasq, drops
 * the jails' lines (by MAC) from its lease file, and starts it again.
 */
async function releaseFbLeases(ctx: FbContext, lab: string, names: string[]): Promise<void> {
  const byRouter = new Map<string, string[]>();
  for (const n of names) {
    const j = getJail(ctx.db, lab, n);
    if (!(j?.dhcp || j?.addr6_mode === 'dhcp') || !j?.network || !j.mac) continue;
    const r = `${j.network}-router`;
    if (names.includes(r) || getJail(ctx.db, lab, r)?.state !== 'running') continue;
    byRouter.set(r, [...(byRouter.get(r) ?? []), j.mac]);
  }
  for (const [r, macs] of byRouter) {
    await ctx.host.run(jexec(lab, r, ['pkill', '-x', 'dnsmasq']), { allowFail: true });
    await ctx.host.run(jexec(lab, r, ['sh', '-c', 'while pgrep -qx dnsmasq; do sleep 0.1; done']));
    // An IPv4 line holds the MAC; a DHCPv6 line ends with the client's DUID-LL, which ends with it.
    await ctx.host.run(jexec(lab, r, ['sed', '-i', '', ...macs.flatMap((m) => ['-e', `/ ${m} /d`, '-e', `/ 00:03:00:01:${m}$/d`]), '/var/db/dnsmasq.leases']), {
      allowFail: true,
    });
    await ctx.host.run(jexec(lab, r, ['/usr/local/sbin/dnsmasq', '--conf-file=/etc/dnsmasq.conf']));
  }
}
