// A FreeBSD network's router jail: .1 inside, dhclient on its outside leg, pf NAT out, and dnsmasq for DHCP and DNS.
import type { JailRow, NetworkRow } from '../../core/model.js';
import { routerDnsmasqConf } from '../../core/dnsmasq.js';
import { intToIp, netmask, planSubnet, withDhcpRange, type SubnetPlan } from '../../core/ipam.js';
import { routerPfConf, routerRcConf } from './conf.js';
import { createFbJails, inetLine, jexec, parseInet, slaac6, tagOf, type FbContext } from './jails.js';
import { eui64Address, planSubnet6, type SubnetPlan6 } from '../../core/ipam6.js';
import { macFromSeed } from '../../core/names.js';
import { getLab } from '../../state/labs.js';
import { getNetwork } from '../../state/networks.js';
import { UPSTREAM, UPSTREAM6 } from '../../core/upstream.js';
import { failed, usage } from '../../util/errors.js';
import { startFbSshd } from './ssh.js';
import { getJail } from '../../state/jails.js';
import { setJailState } from '../../state/jails.js';
import { fbJailPaths, legNames, UPSTREAM_JAIL, uplinkLegNames } from './names.js';

/** Starts (or restarts) what runs in a router: its outside lease, pf, and dnsmasq. */
export async function startRouter(ctx: FbContext, r: JailRow, uplink: boolean): Promise<void> {
  if (uplink) {
    const ext = uplinkLegNames(tagOf(ctx, r.lab), r.seq).jail;
    await ctx.host.run(jexec(r.lab, r.name, ['ifconfig', ext, 'up']));
    await ctx.host.run(jexec(r.lab, r.name, ['dhclient', ext]));
    const simulated = getLab(ctx.db, r.lab)?.uplink === 'simulated';
    if (simulated) await routeFromUpstream(ctx, r, ext);
    if (getNetwork(ctx.db, r.lab, r.network!)?.subnet6) await uplink6(ctx, r, ext, simulated);
    await ctx.host.run(jexec(r.lab, r.name, ['pfctl', '-f', '/etc/pf.conf']));
    await ctx.host.run(jexec(r.lab, r.name, ['pfctl', '-e']), { allowFail: true });
  }
  await ctx.host.run(jexec(r.lab, r.name, ['/usr/local/sbin/dnsmasq', '--conf-file=/etc/dnsmasq.conf']));
  setJailState(ctx.db, [r.uuid], 'running');
}

/**
 * The simulated outside knows the way to the network through its router's lease, as on Linux: what keeps it out is
 * the router's pf, not a missing route, so an isolation proof rests on the mechanism the recipes credit.
 */
async function routeFromUpstream(ctx: FbContext, r: JailRow, ext: string): Promise<void> {
  const got = parseInet((await ctx.host.run(jexec(r.lab, r.name, ['ifconfig', ext, 'inet']), { simulated: inetLine(UPSTREAM.dhcpFirst, 24) })).stdout);
  if (!got) throw usage(`router ${r.name} got no lease from the simulated upstream on ${ext}`);
  const subnet = getNetwork(ctx.db, r.lab, r.network!)!.subnet;
  // A fixed script: a route left by an earlier router of the same subnet is replaced.
  await ctx.host.run(
    jexec(r.lab, UPSTREAM_JAIL, ['/bin/sh', '-c', 'route -q delete -net "$1" >/dev/null 2>&1; route -q add -net "$1" "$2"', 'vessel-route', subnet, got.ip]),
  );
}

/**
 * The router's IPv6 outside: its outside leg takes the upstream's advertisements (accept_rtadv) and asks for one at
 * once (rtsol). A forwarding node keeps no default router from them unless net.inet6.ip6.rfc6204w3 is set
 * (nd6_rtr.c), so the router sets it. On the simulated outside, the address the leg's fixed MAC makes is awaited, and
 * the upstream routes the network's /64 to it (what keeps the outside out is the router's pf, as for IPv4).
 */
async function uplink6(ctx: FbContext, r: JailRow, ext: string, simulated: boolean): Promise<void> {
  const run = (argv: string[], allowFail = false) => ctx.host.run(jexec(r.lab, r.name, argv), { allowFail });
  await run(['sysctl', 'net.inet6.ip6.rfc6204w3=1']);
  // On a real NIC's network there may be no router advertising: then the network has no IPv6 way out.
  const addr = eui64Address(UPSTREAM6.subnet, macFromSeed(r.uuid, 'uplink'));
  const ok = await slaac6(ctx, r.lab, r.name, ext, addr, simulated ? 'must' : 'try');
  if (!simulated) return;
  if (ok !== true) throw failed(`${r.name} got no IPv6 address (${addr}) or default route from the upstream's router advertisements: its ${ext} has ${ok}`);
  const subnet6 = getNetwork(ctx.db, r.lab, r.network!)!.subnet6!;
  await ctx.host.run(
    jexec(r.lab, UPSTREAM_JAIL, [
      '/bin/sh',
      '-c',
      'route -q -6 delete -net "$1" >/dev/null 2>&1; route -q -6 add -net "$1" "$2"',
      'vessel-route6',
      subnet6,
      addr,
    ]),
  );
}

/** Creates the router of `net`: two epairs (inside, and outside on the uplink bridge when the lab has one). */
export async function createFbRouter(ctx: FbContext, net: NetworkRow, uplink: boolean, ssh = false): Promise<JailRow> {
  const plan = withDhcpRange(planSubnet(net.subnet) as SubnetPlan, net.dhcp_first, net.dhcp_last);
  const [r] = await createFbJails(ctx, net.lab, {
    name: `${net.name}-router`,
    network: net.name,
    role: 'router',
    ...(uplink ? { uplink: { kind: 'bridge' as const } } : {}),
    ...(ssh ? { ssh: true } : {}),
  });
  const plan6 = net.subnet6 ? (planSubnet6(net.subnet6) as SubnetPlan6) : undefined;
  const root = fbJailPaths(ctx.runDir, net.lab, r!.name).root;
  const intIf = legNames(tagOf(ctx, net.lab), r!.seq).jail;
  await ctx.host.writeFile(
    `${root}/etc/dnsmasq.conf`,
    routerDnsmasqConf({
      network: net.name,
      domain: net.domain!,
      gateway: intToIp(plan.gateway),
      netmask: netmask(plan.prefix),
      subnet: net.subnet,
      dhcpFirst: intToIp(plan.dhcpFirst),
      dhcpLast: intToIp(plan.dhcpLast),
      iface: intIf,
      hostsFile: '/etc/vessel-hosts',
      dhcpHostsFile: '/etc/vessel-dhcp-hosts',
      leaseFile: '/var/db/dnsmasq.leases',
      pidFile: '/var/run/dnsmasq.pid',
      // dhclient-script writes the uplink's DNS server here; without an uplink the router answers only for its domain.
      ...(uplink ? { resolvFile: '/etc/resolv.conf' } : {}),
      ...(plan6 ? { ipv6: { dhcpFirst: plan6.dhcpFirst, dhcpLast: plan6.dhcpLast } } : {}),
    }),
  );
  await ctx.host.writeFile(`${root}/etc/vessel-hosts`, '');
  await ctx.host.writeFile(`${root}/etc/vessel-dhcp-hosts`, '');
  await ctx.host.writeFile(`${root}/etc/rc.conf`, routerRcConf());
  if (uplink)
    await ctx.host.writeFile(
      `${root}/etc/pf.conf`,
      routerPfConf({
        extIf: uplinkLegNames(tagOf(ctx, net.lab), r!.seq).jail,
        intIf,
        subnet: net.subnet,
        nat: Boolean(net.nat),
        ssh,
        subnet6: net.subnet6 ?? null,
      }),
    );
  await ctx.host.run(
    jexec(net.lab, r!.name, ['sysctl', `net.inet.ip.forwarding=${net.nat ? 1 : 0}`, ...(plan6 ? [`net.inet6.ip6.forwarding=${net.nat ? 1 : 0}`] : [])]),
  );
  await startRouter(ctx, r!, uplink);
  // The jump host: sshd in the router (pf lets port 22 in on its outside leg).
  if (ssh) await startFbSshd(ctx, net.lab, getJail(ctx.db, net.lab, r!.name)!, true);
  return r!;
}
