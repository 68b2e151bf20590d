// Jails: netns + UTS + mount namespaces (persistent by bind mount) + a cgroup, joined to a bridge by a veth.
import { assumedLeases, assumedUplinkLeases, countedNames, MAX_COUNT, pool, reserveJails, type JailObjects, type JailSpec } from '../../core/jails.js';
import type { JailRow, NetworkRow } from '../../core/model.js';
import { intToIp, planSubnet, withDhcpRange, type SubnetPlan } from '../../core/ipam.js';
import { failpoint } from '../../host/failpoint.js';
import { waitFor } from '../../util/sleep.js';
import { macFromSeed } from '../../core/names.js';
import { isUplink } from '../../core/outside.js';
import { UPSTREAM } from '../../core/upstream.js';
import { runSteps } from '../../core/steps.js';
import { processStart } from '../../host/local.js';
import { withBuild } from '../../state/builds.js';
import { deleteJails, getJail, routerOf, setJailState } from '../../state/jails.js';
import { objectsOf, type ObjectKind } from '../../state/ledger.js';
import { getNetwork } from '../../state/networks.js';
import { failed, usage } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { bindSlots, leaseAll, registerStatic, releaseLeases, startDhcpClient, unbindSlots, unregisterStatic } from './dhcp.js';
import { cgroupDir } from './facts.js';
import { killCgroup } from './kill.js';
import { hostNetns, jailNetns, routerUplinkVeth, UPLINK_BRIDGE } from './names.js';
import { jailPaths, labPaths } from './paths.js';
import { removeObjects } from './remove.js';
import { ensureDevTemplate, setupArgv } from './mounts.js';
import { makeLayer } from './rootfs.js';
import { planSubnet6 } from '../../core/ipam6.js';
import { ipv6Routes, ipv6Setup, noIpv6Sysctl, sysctlFile } from './ipv6-conf.js';
import { lease6All, startDhcp6Client } from './dhcp6.js';
import { makeJailNamespaces } from './userns.js';
import { applyLimits } from './limits.js';
import type { Limits } from '../../core/limits.js';

/** The Linux backend's kernel objects of new jails. */
function linuxObjects(ctx: LinuxContext, lab: string): JailObjects {
  return (rows, spec) => {
    const objs: { kind: ObjectKind; name: string; owner: string }[] = [];
    for (const j of rows) {
      const p = jailPaths(ctx.runDir, lab, j.name);
      objs.push(
        { kind: 'netns-jail', name: jailNetns(lab, j.name), owner: j.name },
        { kind: 'nsfile', name: p.user, owner: j.name },
        { kind: 'nsfile', name: p.uts, owner: j.name },
        { kind: 'nsfile', name: p.mnt, owner: j.name },
        ...(j.root === 'thin'
          ? [
              { kind: 'mount' as const, name: p.root, owner: j.name },
              { kind: 'mount' as const, name: p.layer, owner: j.name },
            ]
          : []),
        { kind: 'link', name: `${hostNetns(lab)}/${j.host_if}`, owner: j.name },
        ...(spec.role === 'router' && spec.uplink?.kind === 'bridge'
          ? [{ kind: 'link' as const, name: `${hostNetns(lab)}/${routerUplinkVeth(j.seq)}`, owner: j.name }]
          : []),
        ...(spec.role === 'router' && spec.uplink?.kind === 'nic' ? [{ kind: 'link' as const, name: `${jailNetns(lab, j.name)}/eth1`, owner: j.name }] : []),
        { kind: 'dir', name: p.dir, owner: j.name },
        { kind: 'dir', name: p.priv, owner: j.name },
        { kind: 'cgroup', name: cgroupDir(ctx.cgroupRoot, lab, j.name), owner: j.name },
      );
    }
    return objs;
  };
}

/** What creating jails works on, step by step. */
interface Build {
  ctx: LinuxContext;
  lab: string;
  spec: JailSpec;
  start: (j: JailRow) => Promise<void>;
  rows: JailRow[];
  net: NetworkRow;
  plan: SubnetPlan;
  router: JailRow | undefined;
}

/** Creates and starts jails; on any failure everything made for them is removed again. */
export async function createJails(ctx: LinuxContext, lab: string, spec: JailSpec, start: (j: JailRow) => Promise<void>): Promise<JailRow[]> {
  // Until they are complete (leased, started), the jails are a build of this process: if it dies, the next vessel call removes them.
  const names =
    spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > MAX_COUNT) ? [] : countedNames(spec.name, spec.count);
  const mine = names.filter((n) => !getJail(ctx.db, lab, n));
  return withBuild(ctx.db, lab, 'jail', mine, process.pid, processStart(process.pid), () => buildJails(ctx, lab, spec, start));
}

/** Reserves names, addresses and sequence numbers, and the ledger rows of every object to come. */
function reserve(ctx: LinuxContext, lab: string, spec: JailSpec, start: Build['start']): Build {
  const rows = reserveJails(ctx, lab, spec, linuxObjects(ctx, lab));
  const net = getNetwork(ctx.db, lab, spec.network)!;
  const plan = planSubnet(net.subnet);
  if (typeof plan === 'string') throw usage(plan);
  return { ctx, lab, spec, start, rows, net, plan, router: spec.role === 'router' ? undefined : routerOf(ctx.db, lab, spec.network) };
}

/** The steps of creating jails, in order. */
const JAIL_STEPS = [
  { name: 'namespaces', run: makeNamespaces },
  { name: 'links', run: makeLinks },
  { name: 'files', run: writeJailFiles },
  { name: 'thin roots', run: makeLayers },
  { name: 'limits', run: makeLimits },
  { name: 'setup inside', run: setupInside },
  { name: 'created', run: markCreated },
  { name: 'leases', run: leaseDhcpJails },
  { name: 'IPv6 addresses', run: settleIpv6 },
  { name: 'DNS names', run: registerNames },
  { name: 'services', run: startServices },
];

/** createJails after the build is recorded: reserve, then each step; on failure, everything is removed. */
async function buildJails(ctx: LinuxContext, lab: string, spec: JailSpec, start: Build['start']): Promise<JailRow[]> {
  const b = reserve(ctx, lab, spec, start);
  try {
    await runSteps(b, JAIL_STEPS);
  } catch (e) {
    await destroyJails(
      ctx,
      lab,
      b.rows.map((j) => j.name),
    );
    throw e;
  }
  return b.rows.map((j) => getJail(ctx.db, lab, j.name)!);
}

/** One user namespace per jail, and the network namespace it owns, in one host command. */
async function makeNamespaces(b: Build): Promise<void> {
  await makeJailNamespaces(
    b.ctx,
    b.lab,
    b.rows.map((j) => j.name),
  );
}

/** A veth per jail from the network's bridge into the jail (eth0); a router's outside leg (eth1). */
async function makeLinks(b: Build): Promise<void> {
  const { ctx, lab, spec } = b;
  const hostLines: string[] = [];
  for (const j of b.rows) {
    hostLines.push(
      `link add ${j.host_if} address ${macFromSeed(j.uuid, 'host')} type veth peer name eth0 address ${j.mac} netns ${jailNetns(lab, j.name)}`,
      `link set dev ${j.host_if} addrgenmode none`,
      `link set ${j.host_if} master ${b.net.bridge}`,
      `link set ${j.host_if} up`,
    );
    if (spec.role === 'router' && spec.uplink?.kind === 'bridge') {
      const vr = routerUplinkVeth(j.seq);
      hostLines.push(
        `link add ${vr} address ${macFromSeed(j.uuid, 'uplink-host')} type veth peer name eth1 address ${macFromSeed(j.uuid, 'uplink')} netns ${jailNetns(lab, j.name)}`,
        `link set dev ${vr} addrgenmode none`,
        `link set ${vr} master ${UPLINK_BRIDGE}`,
        `link set ${vr} up`,
      );
    }
  }
  await ctx.host.run(['ip', '-n', hostNetns(lab), '-batch', '-'], { input: hostLines.join('\n') + '\n' });
  if (spec.role === 'router' && spec.uplink?.kind === 'nic') {
    // The outside leg is made straight inside the router's netns: nothing new stays next to the NIC.
    const j = b.rows[0]!;
    await ctx.host.run([
      'ip',
      'link',
      'add',
      'link',
      spec.uplink.nic,
      'name',
      'eth1',
      'address',
      macFromSeed(j.uuid, 'uplink'),
      'netns',
      jailNetns(lab, j.name),
      'type',
      'macvlan',
      'mode',
      'bridge',
    ]);
  }
}

/** Each jail's directory, namespace files, hosts, resolv.conf, hostname, link batch and cgroup. */
async function writeJailFiles(b: Build): Promise<void> {
  const { ctx, lab, spec, plan, net } = b;
  const gateway = intToIp(plan.gateway);
  const p6 = net.subnet6 ? planSubnet6(net.subnet6) : undefined;
  const plan6 = typeof p6 === 'object' ? p6 : undefined;
  // On the outside network the upstream is the DNS server (the DHCP client writes the same from its lease).
  const resolv = isUplink(net)
    ? `nameserver ${UPSTREAM.dns}\n`
    : b.router && net.domain
      ? `search ${net.domain}\nnameserver ${gateway}\n`
      : `nameserver ${gateway}\n`;
  await ctx.host.mkdir(labPaths(ctx.runDir, lab).jailsDir);
  await ensureDevTemplate(ctx, lab);
  for (const j of b.rows) {
    const p = jailPaths(ctx.runDir, lab, j.name);
    await ctx.host.mkdir(p.dir);
    await ctx.host.mkdir(p.priv, 0o700);
    await ctx.host.writeFile(p.uts, '');
    await ctx.host.writeFile(p.mnt, '');
    const fqdn = net.domain ? `${j.name}.${net.domain} ` : '';
    await ctx.host.writeFile(
      p.hosts,
      `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${j.addr ? `${j.addr}\t${fqdn}${j.name}\n` : ''}${j.addr6 ? `${j.addr6}\t${fqdn}${j.name}\n` : ''}`,
    );
    await ctx.host.writeFile(p.resolv, spec.role === 'router' ? 'nameserver 127.0.0.1\n' : resolv);
    await ctx.host.writeFile(p.hostname, `${j.name}\n`);
    const six = plan6 ? ipv6Setup(j, plan6, { uplink: spec.uplink !== undefined, forward: spec.uplink !== undefined && Boolean(net.nat) }) : undefined;
    const lines = ['link set lo up', ...(six ? six.ip.filter((l) => l.includes(' eth0')) : ['link set dev eth0 addrgenmode none'])];
    if (j.addr && !j.dhcp) lines.push(`addr add ${j.addr}/${plan.prefix} dev eth0`);
    lines.push('link set eth0 up');
    if (spec.role === 'router') {
      if (spec.uplink) lines.push(six ? 'link set dev eth1 addrgenmode eui64' : 'link set dev eth1 addrgenmode none', 'link set eth1 up');
    } else if (j.addr && !j.dhcp) lines.push(`route add default via ${gateway} dev eth0 onlink`);
    if (six) lines.push(...ipv6Routes(j, plan6!));
    await ctx.host.writeFile(p.setup, lines.join('\n') + '\n');
    // Without IPv6 on its network, a jail takes no router advertisement either (on the simulated uplink the upstream
    // sends them: a router's outside leg, or a jail on the outside network, would otherwise take an address there).
    await ctx.host.writeFile(p.sysctl, sysctlFile(six ? six.sysctl : noIpv6Sysctl(spec.role === 'router' && spec.uplink !== undefined)));
    await ctx.host.mkdir(cgroupDir(ctx.cgroupRoot, lab, j.name));
  }
}

/** Thin roots: each jail's upper layer on a tmpfs of its own (an overlay's upper cannot live on the root it covers). */
async function makeLayers(b: Build): Promise<void> {
  for (const j of b.rows) if (j.root === 'thin') await makeLayer(b.ctx, b.lab, j.name);
}

/** Limits: each limited jail's cgroups with their limits, before anything runs in it. */
async function makeLimits(b: Build): Promise<void> {
  for (const j of b.rows) if (j.limits) await applyLimits(b.ctx, j, JSON.parse(j.limits) as Limits);
}

/** Inside each new netns: the persistent UTS and mount namespaces, hostname, bind mounts, links (4 at a time). */
async function setupInside(b: Build): Promise<void> {
  const { ctx, lab } = b;
  await pool(b.rows, 4, async (j) => {
    await ctx.host.run(setupArgv(ctx, lab, j));
  });
}

/** The jails exist: state `created`. */
async function markCreated(b: Build): Promise<void> {
  setJailState(
    b.ctx.db,
    b.rows.map((j) => j.uuid),
    'created',
  );
  for (const j of b.rows) j.state = 'created';
  await failpoint('jail');
}

/** DHCP jails: slot bindings in the router, a udhcpc client each, and their leases waited for. */
async function leaseDhcpJails(b: Build): Promise<void> {
  const dhcp = b.rows.filter((j) => j.dhcp);
  if (dhcp.length === 0) return;
  const bound = dhcp.filter((j) => j.slot !== null);
  if (bound.length) await bindSlots(b.ctx, b.lab, b.router!, bound);
  // What a recording host assumes each client leases: its slot's address, else the lowest free of the range (on the
  // outside network, the upstream's next: its routers took the first ones).
  const plan = withDhcpRange(b.plan, b.net.dhcp_first, b.net.dhcp_last);
  const outside = isUplink(b.net);
  const free = outside ? assumedUplinkLeases(b.ctx, b.lab, dhcp.length) : assumedLeases(b.ctx, b.net, plan, dhcp.filter((j) => j.slot === null).length);
  const gateway = outside ? UPSTREAM.gateway : intToIp(plan.gateway);
  for (const j of dhcp) {
    const ip = j.slot !== null && j.addr ? j.addr : free.shift()!;
    await startDhcpClient(b.ctx, j, 'eth0', undefined, {
      ip,
      prefix: plan.prefix,
      router: gateway,
      dns: outside ? UPSTREAM.dns : gateway,
      ...(b.net.domain ? { domain: b.net.domain } : {}),
    });
  }
  await leaseAll(b.ctx, b.lab, dhcp, b.router);
}

/** IPv6 jails: DHCPv6 clients started and their leases taken; then each address in place, usable, with a default route. */
async function settleIpv6(b: Build): Promise<void> {
  const dhcp6 = b.rows.filter((j) => j.addr6_mode === 'dhcp');
  const clients = new Map<string, number>();
  for (const j of dhcp6) clients.set(j.name, await startDhcp6Client(b.ctx, j));
  await lease6All(b.ctx, b.lab, dhcp6, clients);
  const v6 = b.rows.filter((j) => j.role !== 'router' && (j.addr6_mode === 'slaac' || j.addr6_mode === 'dhcp') && j.addr6);
  if (v6.length === 0 || !b.ctx.host.live) return;
  const late: string[] = [];
  await pool(v6, 16, async (j) => {
    if (!(await waitIpv6(b.ctx, b.lab, j.name, j.addr6!, 10_000))) late.push(`${j.name} (${j.addr6})`);
  });
  if (late.length)
    throw failed(
      `no usable IPv6 address and default route from the router's advertisements within 10 s: ${late.join(', ')} (is ${b.net.name}-router's dnsmasq sending them? see \`vessel logs ${b.net.name}-router\`)`,
    );
}

/** True once `addr` is on the jail's eth0, usable (not tentative), and the jail has an IPv6 default route; false after `ms`. */
async function waitIpv6(ctx: LinuxContext, lab: string, jail: string, addr: string, ms: number): Promise<boolean> {
  const ns = jailNetns(lab, jail);
  // Both in one ip per try: the jail's global addresses, then its default route (a line "default via ...").
  return waitFor(
    async () => {
      const r = await ctx.host.run(['ip', '-n', ns, '-6', '-o', '-batch', '-'], {
        input: 'addr show dev eth0 scope global\nroute show default\n',
        allowFail: true,
      });
      return r.stdout.includes(`inet6 ${addr}/`) && !r.stdout.includes('tentative') && /^default via /m.test(r.stdout);
    },
    ms,
    30,
  );
}

/** Static jails get their names in the router's DNS, and every jail with an IPv6 address its AAAA name. */
async function registerNames(b: Build): Promise<void> {
  const statics = b.rows.filter((j) => !j.dhcp || j.addr6);
  if (b.router && statics.length)
    await registerStatic(
      b.ctx,
      b.lab,
      b.router,
      statics.map((j) => getJail(b.ctx.db, b.lab, j.name)!),
    );
}

/** Jails with a command get their service started. */
async function startServices(b: Build): Promise<void> {
  for (const j of b.rows) if (j.command) await b.start(getJail(b.ctx.db, b.lab, j.name)!);
}

/** Destroys jails: gives back names and leases, kills their processes, unmounts their namespaces, deletes their netns and files. */
export async function destroyJails(ctx: LinuxContext, lab: string, names: string[]): Promise<void> {
  const jails = names.map((n) => getJail(ctx.db, lab, n)).filter((j): j is JailRow => j !== undefined);
  const byNet = new Map<string, string[]>();
  for (const j of jails) if (j.network && j.role === 'jail' && (!j.dhcp || j.addr6)) byNet.set(j.network, [...(byNet.get(j.network) ?? []), j.name]);
  for (const [net, ns] of byNet) {
    const router = routerOf(ctx.db, lab, net);
    if (router && !names.includes(router.name)) await unregisterStatic(ctx, lab, router, ns);
  }
  for (const j of jails) {
    const router = j.network && j.dhcp && j.slot !== null ? routerOf(ctx.db, lab, j.network) : undefined;
    if (router && !names.includes(router.name)) await unbindSlots(ctx, lab, router, [j.name]);
  }
  const leased = jails.filter((j) => j.dhcp && j.network);
  const unreleased = leased.length ? await releaseLeases(ctx, lab, leased, names) : [];
  for (const n of names) await killCgroup(ctx.host, cgroupDir(ctx.cgroupRoot, lab, n));
  const objects = names.flatMap((n) => objectsOf(ctx.db, lab, n));
  const order = (k: string) => ['nsfile', 'link', 'netns-jail', 'netns-host', 'mount', 'dir', 'cgroup'].indexOf(k);
  await removeObjects(
    ctx,
    objects.sort((a, b) => order(a.kind) - order(b.kind)),
  );
  deleteJails(
    ctx.db,
    lab,
    names.filter((n) => objectsOf(ctx.db, lab, n).length === 0),
  );
  if (unreleased.length) throw failed(`the jails are gone, but their leases could not be released: ${unreleased.join('; ')}`);
}
