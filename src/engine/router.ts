// A network's router jail: `.1` on the bridge, an outside leg on the uplink (DHCP from upstream),
// dnsmasq for DHCP and DNS, nftables masquerade out and nothing new in.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { EngineContext, JailRow, NetworkRow } from './context.js';
import { parseLeaseFile, routerDnsmasqConf, routerNftRules, UPSTREAM } from './confgen.js';
import { routerPaths, startDhcpClient } from './dhcp.js';
import { failed, usage } from './errors.js';
import { cgroupDir, processStart } from './host.js';
import { jailArgv } from './enter.js';
import { intToIp, ipToInt, netmask, overlaps, planSubnet, withDhcpRange, type SubnetPlan } from './ipam.js';
import { createJails, getJail, type JailSpec } from './jails.js';
import { jailPaths } from './paths.js';
import { upstreamNetns } from './ifnames.js';
import { cleanEnv, spawnDetached, waitFor } from './services.js';

/** Starts the router's dnsmasq (its service) and waits for its pid file. */
export async function startRouterDns(ctx: EngineContext, r: JailRow): Promise<void> {
  const p = routerPaths(ctx.runDir, r.lab, r.name);
  const argv = jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: r.lab, name: r.name, wd: '/' }, ['dnsmasq', '--keep-in-foreground', `--conf-file=${p.conf}`]);
  const pid = spawnDetached(argv, cgroupDir(ctx.cgroupRoot, r.lab, r.name), jailPaths(ctx.runDir, r.lab, r.name).log, cleanEnv());
  ctx.db.prepare('INSERT OR REPLACE INTO processes (lab, jail, pid, start_time, role, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(r.lab, r.name, pid, processStart(pid) ?? null, 'service', new Date().toISOString());
  if (!(await waitFor(() => existsSync(p.pid), 5000))) throw failed(`dnsmasq did not start in ${r.name} (see \`vessel logs ${r.name}\`)`);
  ctx.db.prepare("UPDATE jails SET state = 'running' WHERE uuid = ?").run(r.uuid);
}

/** Creates the router of `net` and starts its DHCP/DNS server (and its uplink lease when there is an uplink). */
export async function createRouter(ctx: EngineContext, net: NetworkRow, leg: JailSpec['uplink']): Promise<JailRow> {
  const uplink = leg !== undefined;
  const base = planSubnet(net.subnet) as SubnetPlan;
  const plan = withDhcpRange(base, net.dhcp_first, net.dhcp_last);
  const [router] = await createJails(ctx, net.lab, { name: `${net.name}-router`, network: net.name, role: 'router', ...(leg ? { uplink: leg } : {}) }, async () => undefined);
  const r = router!;
  const p = routerPaths(ctx.runDir, net.lab, r.name);
  writeFileSync(p.dhcpHosts, '');
  writeFileSync(p.hosts, `${intToIp(plan.gateway)}\t${r.name}.${net.domain} ${r.name}\n`);
  writeFileSync(p.conf, routerDnsmasqConf({
    network: net.name, domain: net.domain!, gateway: intToIp(plan.gateway), netmask: netmask(plan.prefix),
    dhcpFirst: intToIp(plan.dhcpFirst), dhcpLast: intToIp(plan.dhcpLast), hostsFile: p.hosts, leaseFile: p.leases, pidFile: p.pid, dhcpHostsFile: p.dhcpHosts,
    ...(leg?.kind === 'bridge' ? { upstreamDns: UPSTREAM.dns } : {}),
    ...(leg?.kind === 'nic' ? { resolvFile: jailPaths(ctx.runDir, net.lab, r.name).resolv } : {}),
  }));
  // Learned from the uplink's DHCP (the router's own resolv.conf), never a loop back to itself.
  if (leg?.kind === 'nic') writeFileSync(jailPaths(ctx.runDir, net.lab, r.name).resolv, '');
  writeFileSync(p.nft, routerNftRules({ subnet: net.subnet, nat: Boolean(net.nat), uplink }));
  const ns = `--net=/run/netns/vc-${net.lab}-${r.name}`;
  await ctx.cmd.run(['nsenter', ns, '--', 'sysctl', '-q', '-w', `net.ipv4.ip_forward=${uplink && net.nat ? 1 : 0}`]);
  await ctx.cmd.run(['nsenter', ns, '--', 'nft', '-f', p.nft]);
  await startRouterDns(ctx, r);
  if (uplink) {
    startDhcpClient(ctx, r, 'eth1', p.uplinkLease);
    if (!(await waitFor(() => existsSync(p.uplinkLease), 10_000))) throw failed(`${r.name} got no address from the uplink's DHCP within 10 s`);
    const lease = parseLeaseFile(readFileSync(p.uplinkLease, 'utf8'));
    const prefix = Number(lease.mask);
    const outside = `${intToIp(Math.floor(ipToInt(lease.ip!) / 2 ** (32 - prefix)) * 2 ** (32 - prefix))}/${prefix}`;
    if (overlaps(outside, net.subnet)) throw usage(`subnet ${net.subnet} overlaps the uplink${leg?.kind === 'nic' ? ` ${leg.nic}` : ''} (${outside}), the lab's outside; choose another`);
    // The simulated outside knows the way in, as a provider's network may: what keeps it out is the router's
    // firewall, not a missing route, so an isolation proof rests on the mechanism the recipes credit.
    if (leg?.kind === 'bridge') await ctx.cmd.run(['ip', '-n', upstreamNetns(net.lab), 'route', 'replace', net.subnet, 'via', lease.ip!]);
  }
  return getJail(ctx, net.lab, r.name)!;
}
