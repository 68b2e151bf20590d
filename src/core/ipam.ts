// Address plan of a network (pure): gateway .1, host at the last usable address, auto pool, DHCP range.
import ipaddr from 'ipaddr.js';
import { cidrProblem, intToIp, ipToInt, overlaps } from '../util/ipv4.js';

export { intToIp, ipToInt, netmask, networkOf, overlaps } from '../util/ipv4.js';

/** The reserved and allocatable addresses of one subnet. */
export interface SubnetPlan {
  cidr: string;
  prefix: number;
  network: number;
  broadcast: number;
  /** `.1`: the router's address (kept free before routers exist). */
  gateway: number;
  /** The last usable address: the lab host's leg on the bridge. */
  host: number;
  /** `auto` and slots: from .2 up to the end of the lower half. */
  autoFirst: number;
  autoLast: number;
  /** Default DHCP range: the upper half minus the host address. */
  dhcpFirst: number;
  dhcpLast: number;
}

/** The smallest subnet the plan supports (/29 leaves two auto and two DHCP addresses). */
export const MAX_PREFIX = 29;

/** The plan for `cidr`, or a problem message. */
export function planSubnet(cidr: string): SubnetPlan | string {
  const p = cidrProblem(cidr);
  if (p) return p;
  const [addr, bits] = cidr.split('/') as [string, string];
  const prefix = Number(bits);
  if (prefix > MAX_PREFIX) return `subnet ${cidr} is too small: use /${MAX_PREFIX} or larger`;
  if (prefix < 8) return `subnet ${cidr} is too large: use /8 or smaller`;
  const network = ipToInt(addr);
  const size = 2 ** (32 - prefix);
  const broadcast = network + size - 1;
  const host = broadcast - 1;
  return {
    cidr,
    prefix,
    network,
    broadcast,
    gateway: network + 1,
    host,
    autoFirst: network + 2,
    autoLast: network + size / 2 - 1,
    dhcpFirst: network + size / 2,
    dhcpLast: host - 1,
  };
}

/** Address blocks no lab network may use: they are not unicast addresses a jail could own. */
export const RESERVED_BLOCKS: readonly { cidr: string; what: string }[] = [
  { cidr: '0.0.0.0/8', what: '"this network" (0.0.0.0/8)' },
  { cidr: '127.0.0.0/8', what: 'loopback (127.0.0.0/8)' },
  { cidr: '169.254.0.0/16', what: 'link-local (169.254.0.0/16)' },
  { cidr: '224.0.0.0/4', what: 'multicast (224.0.0.0/4)' },
  { cidr: '240.0.0.0/4', what: 'reserved (240.0.0.0/4)' },
];

/** Why `cidr` may not be a lab network: it overlaps a reserved block or the lab's outside; undefined when it may. */
export function outsideOverlapProblem(cidr: string, outside: readonly { cidr: string; what: string }[]): string | undefined {
  for (const b of RESERVED_BLOCKS)
    if (overlaps(cidr, b.cidr)) return `subnet ${cidr} overlaps ${b.what}, which is not for jails; choose a private range such as 10.x or 192.168.x`;
  for (const o of outside) if (overlaps(cidr, o.cidr)) return `subnet ${cidr} overlaps ${o.what} (${o.cidr}), the lab's outside; choose another`;
  return undefined;
}

/** Why `ip` cannot be given to a jail statically, or undefined. */
export function staticAddrProblem(plan: SubnetPlan, ip: string, taken: ReadonlySet<string>): string | undefined {
  // (the plan's DHCP range may be a network's own --dhcp-range)
  if (!ipaddr.IPv4.isValidFourPartDecimal(ip)) return `--addr=${ip} is not an IPv4 address`;
  const n = ipToInt(ip);
  if (n < plan.network || n > plan.broadcast) return `${ip} is outside the subnet ${plan.cidr}`;
  if (n === plan.network) return `${ip} is the network address of ${plan.cidr}`;
  if (n === plan.broadcast) return `${ip} is the broadcast address of ${plan.cidr}`;
  if (n === plan.gateway) return `${ip} is reserved for the network's router (.1)`;
  if (n === plan.host) return `${ip} is reserved for the lab host (the last usable address)`;
  if (n >= plan.dhcpFirst && n <= plan.dhcpLast) {
    return `${ip} is inside the DHCP range ${intToIp(plan.dhcpFirst)}-${intToIp(plan.dhcpLast)}; use an address from ${intToIp(plan.autoFirst)}-${intToIp(plan.autoLast)}, or create the network with a --dhcp-range that leaves room`;
  }
  if (taken.has(ip)) return `${ip} is already taken in ${plan.cidr}`;
  return undefined;
}

/** Why slot K (the subnet's K-th address) cannot be used, or undefined: it must lie in the auto range, outside DHCP. */
export function slotProblem(plan: SubnetPlan, k: number): string | undefined {
  const n = plan.network + k;
  if (!Number.isInteger(k) || k < 1 || n >= plan.broadcast) return `slot ${k} is outside the subnet ${plan.cidr}`;
  if (n === plan.gateway) return `slot ${k} is ${intToIp(n)}, reserved for the network's router`;
  if (n === plan.host) return `slot ${k} is ${intToIp(n)}, reserved for the lab host`;
  if (n < plan.autoFirst || n > plan.autoLast || (n >= plan.dhcpFirst && n <= plan.dhcpLast)) {
    return `slot ${k} is ${intToIp(n)}, outside the slot range ${plan.autoFirst - plan.network}-${plan.autoLast - plan.network} (${intToIp(plan.autoFirst)}-${intToIp(plan.autoLast)})`;
  }
  return undefined;
}

/** The lowest `count` free auto addresses, or a problem message when the pool runs out. */
export function allocateAuto(plan: SubnetPlan, taken: ReadonlySet<string>, count: number): string[] | string {
  const out: string[] = [];
  for (let n = plan.autoFirst; n <= plan.autoLast && out.length < count; n++) {
    const ip = intToIp(n);
    if (!taken.has(ip) && !(n >= plan.dhcpFirst && n <= plan.dhcpLast)) out.push(ip);
  }
  if (out.length < count) {
    const size = plan.autoLast - plan.autoFirst + 1;
    return `the auto pool of ${plan.cidr} (${intToIp(plan.autoFirst)}-${intToIp(plan.autoLast)}, ${size} addresses) has ${out.length} free, ${count} needed`;
  }
  return out;
}

/** The plan with a network's own DHCP range, when it has one. */
export function withDhcpRange(plan: SubnetPlan, first: string | null, last: string | null): SubnetPlan {
  return first && last ? { ...plan, dhcpFirst: ipToInt(first), dhcpLast: ipToInt(last) } : plan;
}

/** Parses and checks `--dhcp-range=A-B` against the plan; returns [first, last] or a problem. */
export function parseDhcpRange(plan: SubnetPlan, text: string): [number, number] | string {
  const m = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (!m || !ipaddr.IPv4.isValidFourPartDecimal(m[1]!) || !ipaddr.IPv4.isValidFourPartDecimal(m[2]!))
    return `--dhcp-range=${text} must look like FIRST-LAST, e.g. 192.168.1.100-192.168.1.200`;
  const a = ipToInt(m[1]!);
  const b = ipToInt(m[2]!);
  if (a > b) return `--dhcp-range=${text} ends before it starts`;
  if (a <= plan.network || b >= plan.broadcast)
    return `--dhcp-range=${text} is not inside the subnet ${plan.cidr} (usable ${intToIp(plan.network + 1)}-${intToIp(plan.broadcast - 1)})`;
  if (a <= plan.gateway && plan.gateway <= b) return `--dhcp-range=${text} includes the router's address ${intToIp(plan.gateway)}`;
  if (a <= plan.host && plan.host <= b) return `--dhcp-range=${text} includes the lab host's address ${intToIp(plan.host)}`;
  return [a, b];
}
