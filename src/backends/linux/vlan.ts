// VLANs: detect whether the kernel can tag (802.1Q), attach VLAN networks to a trunk, and route between networks.
import type { NetworkRow } from '../../core/model.js';
import { setRouteTo } from '../../state/networks.js';
import type { LinuxContext } from './context.js';
import { at64, PLAN6 } from '../../util/ipv6.js';
import { hostNetns, jailNetns, sysctlArgv } from './names.js';

/** How VLAN tags are carried in a lab. */
export interface VlanCapability {
  mode: 'tagged' | 'bridge-per-vlan';
  /** Why tagging is not available (the kernel's own words). */
  reason?: string;
}

/** The trunk bridge of a trunk name (fits 15 characters). */
export function trunkBridge(trunk: string): string {
  return `tk-${trunk.slice(0, 12)}`;
}

/** The 802.1Q sub-interface of a trunk for one VLAN (fits 15 characters). */
export function vlanInterface(trunk: string, vlan: number): string {
  return `${trunk.slice(0, 8)}.${vlan}`;
}

/** Tries to make an 802.1Q interface in the lab host; tells which mode this kernel allows. */
export async function detectVlan(ctx: LinuxContext, lab: string): Promise<VlanCapability> {
  const ns = hostNetns(lab);
  await ctx.host.run(['ip', '-n', ns, 'link', 'add', 'vcq0', 'type', 'veth', 'peer', 'name', 'vcq1']);
  try {
    const r = await ctx.host.run(['ip', '-n', ns, 'link', 'add', 'link', 'vcq0', 'name', 'vcq0.7', 'type', 'vlan', 'id', '7'], { allowFail: true });
    if (r.code === 0) return { mode: 'tagged' };
    return { mode: 'bridge-per-vlan', reason: (r.stderr.trim().split('\n').pop() ?? 'vlan links are not supported').replace(/\.$/, '') };
  } finally {
    await ctx.host.run(['ip', '-n', ns, 'link', 'del', 'vcq0'], { allowFail: true });
  }
}

/** Attaches a VLAN network's bridge to its trunk (tagged mode); the trunk bridge is made on first use. */
export async function attachVlan(ctx: LinuxContext, lab: string, net: NetworkRow): Promise<void> {
  if (net.vlan_mode !== 'tagged' || !net.trunk || !net.vlan) return;
  const ns = hostNetns(lab);
  const tk = trunkBridge(net.trunk);
  const exists = (await ctx.host.run(['ip', '-n', ns, 'link', 'show', tk], { allowFail: true })).code === 0;
  const lines = exists ? [] : [`link add ${tk} type bridge`, `link set dev ${tk} addrgenmode none`, `link set ${tk} up`];
  const sub = vlanInterface(net.trunk, net.vlan);
  lines.push(`link add link ${tk} name ${sub} type vlan id ${net.vlan}`, `link set ${sub} master ${net.bridge}`, `link set ${sub} up`);
  await ctx.host.run(['ip', '-n', ns, '-batch', '-'], { input: lines.join('\n') + '\n' });
}

/** Removes the trunk bridge once its last VLAN network is gone. */
export async function detachVlan(ctx: LinuxContext, lab: string, net: NetworkRow, others: NetworkRow[]): Promise<void> {
  if (net.vlan_mode !== 'tagged' || !net.trunk) return;
  if (others.some((o) => o.trunk === net.trunk && o.name !== net.name)) return;
  await ctx.host.run(['ip', '-n', hostNetns(lab), 'link', 'del', trunkBridge(net.trunk)], { allowFail: true });
}

/** The lab host's forward rules: only between networks that were routed to each other. */
export function routeRules(pairs: [string, string][]): string {
  const lines = ['table inet vessel_routes {', '  chain forward {', '    type filter hook forward priority 0; policy drop;'];
  for (const [a, b] of pairs) lines.push(`    iifname "${a}" oifname "${b}" accept`, `    iifname "${b}" oifname "${a}" accept`);
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** Loads the lab host's forward rules for the networks routed to each other (and `extra`), replacing the old ones. */
export async function loadRouteRules(ctx: LinuxContext, lab: string, all: NetworkRow[], extra?: [NetworkRow, NetworkRow]): Promise<void> {
  const ns = hostNetns(lab);
  const pairs: [string, string][] = [];
  for (const n of all)
    for (const t of (n.route_to ?? '').split(',').filter(Boolean)) {
      const other = all.find((x) => x.name === t);
      if (other) pairs.push([n.bridge, other.bridge]);
    }
  if (extra) pairs.push([extra[0].bridge, extra[1].bridge]);
  await ctx.host.run(['nsenter', `--net=/run/netns/${ns}`, '--', 'nft', 'delete', 'table', 'inet', 'vessel_routes'], { allowFail: true });
  await ctx.host.run(['nsenter', `--net=/run/netns/${ns}`, '--', 'nft', '-f', '-'], { input: routeRules(pairs) });
}

/** Routes between two networks: each router sends the other's subnet to the lab host, which forwards only that pair. */
export async function routeBetween(ctx: LinuxContext, lab: string, a: NetworkRow, b: NetworkRow, all: NetworkRow[]): Promise<void> {
  const ns = hostNetns(lab);
  await loadRouteRules(ctx, lab, all, [a, b]);
  // With br_netfilter loaded, bridged frames would pass this forward chain too and meet its drop policy:
  // in the lab host (ours alone) bridging stays out of the IP hooks.
  await ctx.host.run(
    ['nsenter', `--net=/run/netns/${ns}`, '--', 'sysctl', '-q', '-w', 'net.bridge.bridge-nf-call-iptables=0', 'net.bridge.bridge-nf-call-ip6tables=0'],
    { allowFail: true },
  );
  // IPv6 too when both networks have it: the same path, through the lab host's ::ffff on each bridge.
  const six = Boolean(a.subnet6 && b.subnet6);
  const forward = ['net.ipv4.ip_forward=1', ...(six ? ['net.ipv6.conf.all.forwarding=1'] : [])];
  await ctx.host.run(sysctlArgv(ns, forward));
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const router = jailNetns(lab, `${from.name}-router`);
    await ctx.host.run(sysctlArgv(router, forward));
    await ctx.host.run(['ip', '-n', router, 'route', 'replace', to.subnet, 'via', from.host_addr]);
    if (six) await ctx.host.run(['ip', '-n', router, 'route', 'replace', to.subnet6!, 'via', at64(from.subnet6!, PLAN6.host)]);
  }
  const list = new Set((a.route_to ?? '').split(',').filter(Boolean));
  list.add(b.name);
  setRouteTo(ctx.db, lab, a.name, [...list]);
}
