// A network's router jail: `.1` on the bridge, an outside leg on the uplink (DHCP from upstream),
// dnsmasq for DHCP and DNS, nftables masquerade out and nothing new in.
import { waitFor } from '../../util/sleep.js';
import type { JailRow, NetworkRow } from '../../core/model.js';
import { routerDnsmasqConf } from '../../core/dnsmasq.js';
import { intToIp, netmask, networkOf, overlaps, planSubnet, withDhcpRange, type SubnetPlan } from '../../core/ipam.js';
import type { JailSpec } from '../../core/jails.js';
import { getJail, recordProcess, setJailState } from '../../state/jails.js';
import { failed, usage } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { parseLeaseFile, routerNftRules } from './confgen.js';
import { UPSTREAM, UPSTREAM6 } from '../../core/upstream.js';
import { eui64Address, planSubnet6 } from '../../core/ipam6.js';
import { macFromSeed } from '../../core/names.js';
import { startSshd } from './ssh.js';
import { routerPaths, startDhcpClient } from './dhcp.js';
import { cgroupDir } from './facts.js';
import { jailArgv } from './enter.js';
import { createJails } from './jails.js';
import { jailNetns, upstreamNetns } from './names.js';
import { jailPaths } from './paths.js';
import { cleanEnv } from './services.js';

/** Starts the router's dnsmasq (its service) and waits for its pid file. */
export async function startRouterDns(ctx: LinuxContext, r: JailRow): Promise<void> {
  const p = routerPaths(ctx.runDir, r.lab, r.name);
  const argv = jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: r.lab, name: r.name, wd: '/' }, [
    'dnsmasq',
    '--keep-in-foreground',
    `--conf-file=${p.conf}`,
  ]);
  const pid = await ctx.host.start(argv, {
    name: 'dnsmasq',
    cgroup: cgroupDir(ctx.cgroupRoot, r.lab, r.name),
    log: jailPaths(ctx.runDir, r.lab, r.name).log,
    env: cleanEnv(),
    simulated: (pid) => ({ [p.pid]: `${pid}\n` }),
  });
  recordProcess(ctx.db, r.lab, r.name, pid, (await ctx.host.process(pid))?.start ?? null, 'service');
  if (!(await waitFor(() => ctx.host.exists(p.pid), 5000))) throw failed(`dnsmasq did not start in ${r.name} (see \`vessel logs ${r.name}\`)`);
  setJailState(ctx.db, [r.uuid], 'running');
}

/**
 * The router's IPv6 on the simulated uplink: the address its eth1 takes by SLAAC from the upstream's advertisements
 * (made from its MAC), waited for with its default route; then the upstream learns the way to the network's /64
 * through it, as for IPv4: what keeps the outside out is the router's firewall, not a missing route.
 */
async function routeUplink6(ctx: LinuxContext, net: NetworkRow, r: JailRow): Promise<void> {
  const addr = eui64Address(UPSTREAM6.subnet, macFromSeed(r.uuid, 'uplink'));
  const ns = jailNetns(net.lab, r.name);
  const ready = async () => {
    const a = await ctx.host.run(['ip', '-n', ns, '-6', '-o', 'addr', 'show', 'dev', 'eth1', 'scope', 'global'], { allowFail: true });
    const d = await ctx.host.run(['ip', '-n', ns, '-6', 'route', 'show', 'default'], { allowFail: true });
    return a.stdout.includes(`${addr}/64`) && !a.stdout.includes('tentative') && d.stdout.includes('via ');
  };
  if (ctx.host.live && !(await waitFor(ready, 10_000, 50)))
    throw failed(`${r.name} got no IPv6 address (${addr}) or route from the upstream's router advertisements within 10 s`);
  await ctx.host.run(['ip', '-n', upstreamNetns(net.lab), 'route', 'replace', net.subnet6!, 'via', addr]);
}

/** The outside address a recording host assumes a router leases from the simulated upstream (the first of its pool). */
const ASSUMED_UPLINK = { ip: UPSTREAM.dhcpFirst, prefix: 24, router: UPSTREAM.gateway, dns: UPSTREAM.dns };

/** Creates the router of `net` and starts its DHCP/DNS server (and its uplink lease when there is an uplink). */
export async function createRouter(ctx: LinuxContext, net: NetworkRow, leg: JailSpec['uplink'], ssh = false): Promise<JailRow> {
  const uplink = leg !== undefined;
  const base = planSubnet(net.subnet) as SubnetPlan;
  const plan = withDhcpRange(base, net.dhcp_first, net.dhcp_last);
  const [router] = await createJails(
    ctx,
    net.lab,
    { name: `${net.name}-router`, network: net.name, role: 'router', ...(leg ? { uplink: leg } : {}), ...(ssh ? { ssh: true } : {}) },
    async () => undefined,
  );
  const r = router!;
  const p = routerPaths(ctx.runDir, net.lab, r.name);
  await ctx.host.writeFile(p.dhcpHosts, '');
  const plan6 = net.subnet6 ? planSubnet6(net.subnet6) : undefined;
  const six = typeof plan6 === 'object' ? plan6 : undefined;
  await ctx.host.writeFile(
    p.hosts,
    `${intToIp(plan.gateway)}\t${r.name}.${net.domain} ${r.name}\n${six ? `${six.gateway}\t${r.name}.${net.domain} ${r.name}\n` : ''}`,
  );
  await ctx.host.writeFile(
    p.conf,
    routerDnsmasqConf({
      network: net.name,
      domain: net.domain!,
      gateway: intToIp(plan.gateway),
      netmask: netmask(plan.prefix),
      dhcpFirst: intToIp(plan.dhcpFirst),
      dhcpLast: intToIp(plan.dhcpLast),
      hostsFile: p.hosts,
      leaseFile: p.leases,
      pidFile: p.pid,
      dhcpHostsFile: p.dhcpHosts,
      ...(six ? { ipv6: { dhcpFirst: six.dhcpFirst, dhcpLast: six.dhcpLast } } : {}),
      ...(leg?.kind === 'bridge' ? { upstreamDns: UPSTREAM.dns } : {}),
      ...(leg?.kind === 'nic' ? { resolvFile: jailPaths(ctx.runDir, net.lab, r.name).resolv } : {}),
    }),
  );
  // Learned from the uplink's DHCP (the router's own resolv.conf), never a loop back to itself.
  if (leg?.kind === 'nic') await ctx.host.writeFile(jailPaths(ctx.runDir, net.lab, r.name).resolv, '');
  await ctx.host.writeFile(p.nft, routerNftRules({ subnet: net.subnet, nat: Boolean(net.nat), uplink, ssh, subnet6: net.subnet6 ?? null }));
  const ns = `--net=/run/netns/${jailNetns(net.lab, r.name)}`;
  await ctx.host.run(['nsenter', ns, '--', 'sysctl', '-q', '-w', `net.ipv4.ip_forward=${uplink && net.nat ? 1 : 0}`]);
  await ctx.host.run(['nsenter', ns, '--', 'nft', '-f', p.nft]);
  await startRouterDns(ctx, r);
  if (uplink) {
    await startDhcpClient(ctx, r, 'eth1', p.uplinkLease, leg.kind === 'bridge' ? ASSUMED_UPLINK : undefined);
    if (!(await waitFor(() => ctx.host.exists(p.uplinkLease), 10_000))) throw failed(`${r.name} got no address from the uplink's DHCP within 10 s`);
    const lease = parseLeaseFile((await ctx.host.readFile(p.uplinkLease)) ?? '');
    if (!lease.ip) throw failed(`${r.name}'s uplink lease (${p.uplinkLease}) has no address`);
    const outside = networkOf(lease.ip, Number(lease.mask));
    if (overlaps(outside, net.subnet))
      throw usage(`subnet ${net.subnet} overlaps the uplink${leg?.kind === 'nic' ? ` ${leg.nic}` : ''} (${outside}), the lab's outside; choose another`);
    // The simulated outside knows the way in, as a provider's network may: what keeps it out is the router's
    // firewall, not a missing route, so an isolation proof rests on the mechanism the recipes credit.
    if (leg?.kind === 'bridge') await ctx.host.run(['ip', '-n', upstreamNetns(net.lab), 'route', 'replace', net.subnet, 'via', lease.ip]);
    if (six && leg?.kind === 'bridge') await routeUplink6(ctx, net, r);
  }
  // The jump host: sshd in the router, its port open on the uplink (after the lease, so known_hosts has both addresses).
  if (ssh) await startSshd(ctx, net.lab, getJail(ctx.db, net.lab, r.name)!, true);
  return getJail(ctx.db, net.lab, r.name)!;
}
