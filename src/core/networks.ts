// Network admission, the same for every backend: names, subnet, overlaps, DHCP range, VLAN, recorded.
import { dnsNameProblem, networkNameProblem } from '../util/names.js';
import { getNetwork, insertNetwork, listNetworks, setRouteTo } from '../state/networks.js';
import { usage } from '../util/errors.js';
import type { EngineContext, JailRow, NetworkRow } from './model.js';
import { intToIp, outsideOverlapProblem, overlaps, parseDhcpRange, planSubnet, type SubnetPlan } from './ipam.js';
import { bridgeName } from './names.js';
import { overlaps6, planSubnet6, ulaPrefix } from './ipam6.js';
import { vlanProblem } from './vlan-names.js';
import { UPLINK_NETWORK } from './outside.js';

/** Options of a new network. */
export interface NetworkOptions {
  /** DNS domain (default `NAME.test`). */
  domain?: string;
  /** NAT out through the uplink (default on; only with an uplink). */
  nat?: boolean;
  /** `FIRST-LAST` inside the subnet (default: the upper half minus the host address). */
  dhcpRange?: string;
  /** A VLAN id (1-4094) on a trunk (default trunk `trunk0`). */
  vlan?: number;
  trunk?: string;
  /** Route to this existing network once created. */
  routeTo?: string;
  /** Run sshd in the router: the network's jump host from the outside. */
  ssh?: boolean;
  /** Give the network an IPv6 /64 too: a unique local one made from the lab id, unless `subnet6` names one. */
  ipv6?: boolean;
  /** The network's IPv6 /64 (implies `ipv6`). */
  subnet6?: string;
}

/** What a backend tells network admission: the lab's outside subnets, how a VLAN tag is carried, whether there is an uplink. */
export interface NetworkHost {
  /** Every subnet outside the lab's networks that a jail could collide with: uplink, internet, ENI. */
  outside: { cidr: string; what: string }[];
  /** The same for IPv6 prefixes. */
  outside6?: { cidr: string; what: string }[];
  vlanMode: () => Promise<string>;
  uplink: boolean;
  /** The network's bridge name, when the backend names bridges its own way (default `bridgeName`). */
  bridgeName?: (network: string) => string;
}

/** Validates a new network (names, subnet, overlaps, DHCP range, VLAN) and records it: shared by every backend. */
export async function admitNetwork(
  ctx: EngineContext,
  lab: string,
  name: string,
  subnet: string,
  opts: NetworkOptions,
  host: NetworkHost,
): Promise<{ net: NetworkRow; plan: SubnetPlan }> {
  const np = networkNameProblem(name);
  if (np) throw usage(`network name "${name}" ${np}`);
  if (name === UPLINK_NETWORK) throw usage(`network name "${name}" is reserved for the lab's outside (vessel run --addr=dhcp without --network joins it)`);
  const plan = planSubnet(subnet);
  if (typeof plan === 'string') throw usage(plan);
  if (getNetwork(ctx.db, lab, name)) throw usage(`network ${name} already exists in lab ${lab}`);
  const domain = opts.domain ?? `${name}.test`;
  const dp = dnsNameProblem(domain);
  if (dp) throw usage(`--domain=${domain} is not a valid DNS name: it ${dp}`);
  let range: [number, number] = [plan.dhcpFirst, plan.dhcpLast];
  if (opts.dhcpRange !== undefined) {
    const r = parseDhcpRange(plan, opts.dhcpRange);
    if (typeof r === 'string') throw usage(r);
    range = r;
  }
  const op = outsideOverlapProblem(subnet, host.outside);
  if (op) throw usage(op);
  for (const other of listNetworks(ctx.db, lab)) {
    if (overlaps(other.subnet, subnet)) throw usage(`subnet ${subnet} overlaps network ${other.name} (${other.subnet}) in lab ${lab}`);
  }
  let vlanMode: string | null = null;
  let trunk: string | null = null;
  if (opts.vlan !== undefined) {
    trunk = opts.trunk ?? 'trunk0';
    const vp = vlanProblem(opts.vlan, trunk);
    if (vp) throw usage(vp);
    const dup = listNetworks(ctx.db, lab).find((n) => n.trunk === trunk && n.vlan === opts.vlan);
    if (dup) throw usage(`VLAN ${opts.vlan} is already used on trunk ${trunk} by network ${dup.name}`);
  } else if (opts.trunk !== undefined) throw usage('--trunk needs --vlan=ID');
  const subnet6 = admitSubnet6(lab, opts, host.outside6 ?? [], listNetworks(ctx.db, lab));
  if (opts.routeTo !== undefined && !getNetwork(ctx.db, lab, opts.routeTo))
    throw usage(`--route-to=${opts.routeTo}: no network named ${opts.routeTo} in lab ${lab}`);
  if (opts.vlan !== undefined) vlanMode = await host.vlanMode();
  const bridge = (host.bridgeName ?? bridgeName)(name);
  if (listNetworks(ctx.db, lab).some((n) => n.bridge === bridge)) throw usage(`network ${name} would reuse bridge ${bridge}; choose another name`);
  const hostAddr = intToIp(plan.host);
  const nat = host.uplink && opts.nat !== false ? 1 : 0;
  insertNetwork(ctx.db, {
    lab,
    name,
    subnet,
    bridge,
    host_addr: hostAddr,
    domain,
    dhcp_first: intToIp(range[0]),
    dhcp_last: intToIp(range[1]),
    nat,
    vlan: opts.vlan ?? null,
    trunk,
    vlan_mode: vlanMode,
    subnet6,
  });
  return { net: getNetwork(ctx.db, lab, name)!, plan };
}

/** The /64 a new network gets (null: none asked for), or a refusal: not a /64, not for jails, overlapping. */
function admitSubnet6(lab: string, opts: NetworkOptions, outside: { cidr: string; what: string }[], others: NetworkRow[]): string | null {
  if (!opts.ipv6 && opts.subnet6 === undefined) return null;
  const taken = others.flatMap((n) => (n.subnet6 ? [n.subnet6] : []));
  if (opts.subnet6 === undefined) return ulaPrefix(lab, [...taken, ...outside.map((o) => o.cidr)]);
  const plan = planSubnet6(opts.subnet6);
  if (typeof plan === 'string') throw usage(`--subnet6=${opts.subnet6}: ${plan}`);
  for (const o of outside)
    if (overlaps6(plan.cidr, o.cidr)) throw usage(`--subnet6=${opts.subnet6} overlaps ${o.what} (${o.cidr}), the lab's outside; choose another`);
  for (const n of others)
    if (n.subnet6 && overlaps6(plan.cidr, n.subnet6)) throw usage(`--subnet6=${opts.subnet6} overlaps network ${n.name} (${n.subnet6}) in lab ${lab}`);
  return plan.cidr;
}

/** Splits a network's jails into members and routers; refuses, with the same words on every backend, while members remain without `force`. */
export function admitNetworkDestroy(all: JailRow[], name: string, force: boolean): { members: JailRow[]; routers: JailRow[] } {
  const members = all.filter((j) => j.role !== 'router');
  if (members.length > 0 && !force) {
    throw usage(
      `network ${name} still has ${members.length} jail(s) attached (${members
        .map((j) => j.name)
        .slice(0, 5)
        .join(', ')}${members.length > 5 ? ', ...' : ''}); destroy them first or use --force`,
    );
  }
  return { members, routers: all.filter((j) => j.role === 'router') };
}

/** The two networks of `vessel network --route --name=A --route-to=B`, refused with one line when either is missing or they are one. */
export function admitRoute(ctx: EngineContext, lab: string, name: string, to: string): { a: NetworkRow; b: NetworkRow } {
  const a = getNetwork(ctx.db, lab, name);
  const b = getNetwork(ctx.db, lab, to);
  if (!a) throw usage(`no network named ${name} in lab ${lab}`);
  if (!b) throw usage(`--route-to=${to}: no network named ${to} in lab ${lab}`);
  if (a.name === b.name) throw usage(`--route-to=${to}: a network cannot be routed to itself`);
  if (a.name === UPLINK_NETWORK || b.name === UPLINK_NETWORK) throw usage("the lab's outside network is reached through each network's router, not routed to");
  return { a, b };
}

/** True when two networks are routed to each other already (either was routed to the other). */
export function alreadyRouted(a: Pick<NetworkRow, 'name' | 'route_to'>, b: Pick<NetworkRow, 'name' | 'route_to'>): boolean {
  const has = (n: Pick<NetworkRow, 'route_to'>, x: string) => (n.route_to ?? '').split(',').includes(x);
  return has(a, b.name) || has(b, a.name);
}

/**
 * Forgets every route of a network that is going: its name leaves every other network's routes, so a network made
 * later with its name or subnet is routed to nobody. Returns the networks that were routed to it (their routers
 * still hold a route to its subnet, which the backend deletes).
 */
export function forgetRoutes(ctx: EngineContext, lab: string, name: string): NetworkRow[] {
  const gone = getNetwork(ctx.db, lab, name);
  const peers: NetworkRow[] = [];
  for (const n of listNetworks(ctx.db, lab)) {
    if (n.name === name) continue;
    const list = (n.route_to ?? '').split(',').filter(Boolean);
    const routed = list.includes(name) || (gone?.route_to ?? '').split(',').includes(n.name);
    if (list.includes(name))
      setRouteTo(
        ctx.db,
        lab,
        n.name,
        list.filter((x) => x !== name),
      );
    if (routed) peers.push(n);
  }
  if (gone) setRouteTo(ctx.db, lab, name, []);
  return peers;
}
