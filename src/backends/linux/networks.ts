// Networks: a bridge in the lab host with the host's address on it, its VLAN leg, its router, its routes; destroy.
import { admitNetwork, admitNetworkDestroy, admitRoute, forgetRoutes, type NetworkOptions } from '../../core/networks.js';
import type { JailSpec } from '../../core/jails.js';
import type { NetworkRow } from '../../core/model.js';
import { failpoint } from '../../host/failpoint.js';
import { networkOf } from '../../util/ipv4.js';
import { usage } from '../../util/errors.js';
import { processStart } from '../../host/local.js';
import { withBuild } from '../../state/builds.js';
import { getLab } from '../../state/labs.js';
import { deleteNetwork, getNetwork, listNetworks, networkMembers } from '../../state/networks.js';
import type { LinuxContext } from './context.js';
import { UPSTREAM, UPSTREAM6 } from '../../core/upstream.js';
import { planSubnet6, type SubnetPlan6 } from '../../core/ipam6.js';
import { parseIpAddr6, prefixesOf6 } from '../../util/ipv6.js';
import { ensureWww6 } from './upstream.js';
import { isUplink } from '../../core/outside.js';
import { destroyJails } from './jails.js';
import { hostNetns, jailNetns, sysctlArgv, upstreamNetns } from './names.js';
import { createRouter } from './router.js';
import { attachVlan, detachVlan, detectVlan, loadRouteRules, routeBetween } from './vlan.js';

/** The IPv4 subnets on a NIC of the machine (read-only: `ip -o -4 addr show dev NIC`). */
async function nicSubnets(ctx: LinuxContext, nic: string): Promise<string[]> {
  const r = await ctx.host.run(['ip', '-o', '-4', 'addr', 'show', 'dev', nic], { allowFail: true });
  return r.code === 0 ? [...r.stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/(\d+)/g)].map((m) => networkOf(m[1]!, Number(m[2]))) : [];
}

/** What lies outside a lab's networks, so no network may overlap it: the simulated outside, or the uplink NIC's subnets. */
async function outsideOf(ctx: LinuxContext, lab: string): Promise<{ cidr: string; what: string }[]> {
  const l = getLab(ctx.db, lab)!;
  if (l.uplink === 'simulated') {
    return [
      { cidr: UPSTREAM.subnet, what: 'the uplink' },
      { cidr: UPSTREAM.internetSubnet, what: 'the simulated internet' },
      { cidr: UPSTREAM.eniSubnet, what: 'the simulated ENI subnet' },
    ];
  }
  return l.inet_nic ? (await nicSubnets(ctx, l.inet_nic)).map((cidr) => ({ cidr, what: `the uplink ${l.inet_nic}` })) : [];
}

/** The IPv6 prefixes outside a lab's networks: the simulated outside's documentation prefix, or the uplink NIC's global prefixes. */
async function outside6Of(ctx: LinuxContext, lab: string): Promise<{ cidr: string; what: string }[]> {
  const l = getLab(ctx.db, lab)!;
  if (l.uplink === 'simulated') return [{ cidr: UPSTREAM6.block, what: 'the simulated outside' }];
  if (!l.inet_nic) return [];
  const r = await ctx.host.run(['ip', '-o', '-6', 'addr', 'show', 'dev', l.inet_nic, 'scope', 'global'], { allowFail: true });
  return r.code === 0 ? prefixesOf6(parseIpAddr6(r.stdout)).map((p) => ({ cidr: p.cidr, what: `the uplink ${l.inet_nic}` })) : [];
}

/**
 * A dual-stack network's bridge in the lab host, made down: with a link-local address (the lab host forwards between
 * routed networks, and Linux sends a neighbour solicitation for a forwarded packet only from a link-local address of
 * the outgoing link), no duplicate address detection (it would keep that address unusable for a second), and no
 * router advertisement taken (the lab host routes by its own table, not through a network's router).
 */
async function ipv6Bridge(ctx: LinuxContext, lab: string, bridge: string): Promise<void> {
  await ctx.host.run(['ip', '-n', hostNetns(lab), '-batch', '-'], { input: `link add ${bridge} type bridge\nlink set dev ${bridge} addrgenmode eui64\n` });
  await ctx.host.run(
    sysctlArgv(hostNetns(lab), [`net.ipv6.conf.${bridge}.accept_dad=0`, `net.ipv6.conf.${bridge}.accept_ra=0`, `net.ipv6.conf.${bridge}.autoconf=0`]),
  );
}

/** Creates network `name` with `subnet` in the lab: a bridge carrying the lab host's address, and its router. */
export async function createNetwork(ctx: LinuxContext, lab: string, name: string, subnet: string, opts: NetworkOptions = {}): Promise<NetworkRow> {
  // Until it is complete, the network is a build of this process: if it dies, the next vessel call removes it.
  return withBuild(ctx.db, lab, 'network', [name], process.pid, processStart(process.pid), () => buildNetwork(ctx, lab, name, subnet, opts));
}

/** The steps of createNetwork: admission, the bridge, its VLAN leg, its router, its routes. */
async function buildNetwork(ctx: LinuxContext, lab: string, name: string, subnet: string, opts: NetworkOptions): Promise<NetworkRow> {
  const l = getLab(ctx.db, lab)!;
  const leg: JailSpec['uplink'] =
    l.uplink === 'simulated' ? { kind: 'bridge' } : l.uplink === 'nic' && l.inet_nic ? { kind: 'nic', nic: l.inet_nic } : undefined;
  const { net, plan } = await admitNetwork(ctx, lab, name, subnet, opts, {
    outside: await outsideOf(ctx, lab),
    ...(opts.ipv6 || opts.subnet6 !== undefined ? { outside6: await outside6Of(ctx, lab) } : {}),
    uplink: l.uplink !== null,
    vlanMode: async () => (await detectVlan(ctx, lab)).mode,
  });
  try {
    if (net.subnet6) await ipv6Bridge(ctx, lab, net.bridge);
    await ctx.host.run(['ip', '-n', hostNetns(lab), '-batch', '-'], {
      input:
        [
          ...(net.subnet6 ? [] : [`link add ${net.bridge} type bridge`, `link set dev ${net.bridge} addrgenmode none`]),
          `addr add ${net.host_addr}/${plan.prefix} dev ${net.bridge}`,
          // The lab host's IPv6 leg: ::ffff of the /64.
          ...(net.subnet6 ? [`addr add ${(planSubnet6(net.subnet6) as SubnetPlan6).host}/64 dev ${net.bridge} nodad`] : []),
          `link set ${net.bridge} up`,
        ].join('\n') + '\n',
    });
    await failpoint('network');
    await attachVlan(ctx, lab, net);
    await createRouter(ctx, net, leg, Boolean(opts.ssh));
    if (net.subnet6 && l.uplink === 'simulated') await ensureWww6(ctx, lab);
    if (opts.routeTo !== undefined)
      await routeBetween(ctx, lab, getNetwork(ctx.db, lab, name)!, getNetwork(ctx.db, lab, opts.routeTo)!, listNetworks(ctx.db, lab));
  } catch (e) {
    const members = networkMembers(ctx.db, lab, name).map((j) => j.name);
    if (members.length) await destroyJails(ctx, lab, members);
    await ctx.host.run(['ip', '-n', hostNetns(lab), 'link', 'del', net.bridge], { allowFail: true });
    deleteNetwork(ctx.db, lab, name);
    throw e;
  }
  return getNetwork(ctx.db, lab, name)!;
}

/** Destroys a network; refused while jails are attached unless `force` (which destroys them too). */
export async function destroyNetwork(ctx: LinuxContext, lab: string, name: string, force: boolean): Promise<void> {
  const net = getNetwork(ctx.db, lab, name);
  if (!net) throw usage(`no network named ${name} in lab ${lab}`);
  const all = networkMembers(ctx.db, lab, name);
  const { members, routers } = admitNetworkDestroy(all, name, force);
  // Members and routers go in one call: with their routers going too, members' leases and names need no giving back.
  if (members.length + routers.length > 0)
    await destroyJails(
      ctx,
      lab,
      [...members, ...routers].map((j) => j.name),
    );
  // Its routes go with it: the peers' routers forget its subnet, and the lab host forwards only pairs still routed.
  const peers = forgetRoutes(ctx, lab, name);
  for (const p of peers) {
    await ctx.host.run(['ip', '-n', jailNetns(lab, `${p.name}-router`), 'route', 'del', net.subnet], { allowFail: true });
    if (net.subnet6) await ctx.host.run(['ip', '-n', jailNetns(lab, `${p.name}-router`), 'route', 'del', net.subnet6], { allowFail: true });
  }
  if (peers.length)
    await loadRouteRules(
      ctx,
      lab,
      listNetworks(ctx.db, lab).filter((n) => n.name !== name),
    );
  // The outside network is the lab's uplink bridge: it stays with the lab; only its jails go.
  if (!isUplink(net)) {
    await ctx.host.run(['ip', '-n', hostNetns(lab), 'link', 'del', net.bridge], { allowFail: true });
    if (getLab(ctx.db, lab)?.uplink === 'simulated') {
      await ctx.host.run(['ip', '-n', upstreamNetns(lab), 'route', 'del', net.subnet], { allowFail: true });
      if (net.subnet6) await ctx.host.run(['ip', '-n', upstreamNetns(lab), 'route', 'del', net.subnet6], { allowFail: true });
    }
    await detachVlan(ctx, lab, net, listNetworks(ctx.db, lab));
  }
  deleteNetwork(ctx.db, lab, name);
}

/** Routes an existing network to another (`vessel network --route --name=A --route-to=B`). */
export async function routeNetworks(ctx: LinuxContext, lab: string, name: string, to: string): Promise<void> {
  const { a, b } = admitRoute(ctx, lab, name, to);
  await routeBetween(ctx, lab, a, b, listNetworks(ctx.db, lab));
}
