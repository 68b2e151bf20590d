// IPv6 address plan of a network (pure, on ipaddr.js): a /64 with the router at ::1, the lab host at ::ffff, static
// addresses and slots from ::2 to ::7fff, DHCPv6 from ::8000 to ::fffe, and SLAAC addresses made from a MAC (EUI-64).
import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { at64, inPrefix6, overlaps6, PLAN6 } from '../util/ipv6.js';

export { at64, inPrefix6, isV4Mapped, normal6, overlaps6, PLAN6 } from '../util/ipv6.js';

/** The one prefix length a network's IPv6 subnet may have: SLAAC makes interface identifiers of 64 bits (RFC 4862 5.5.3, RFC 4291 2.5.1). */
export const PREFIX6 = 64;

/** A network's IPv6 plan: its prefix and its fixed addresses. */
export interface SubnetPlan6 {
  cidr: string;
  gateway: string;
  host: string;
  dhcpFirst: string;
  dhcpLast: string;
}

/** Address kinds that a lab network's prefix may not be, with the words a refusal uses (ipaddr.js's range names). */
const REFUSED_RANGES: Record<string, string> = {
  unspecified: 'the unspecified address (::/128)',
  loopback: 'loopback (::1/128)',
  linkLocal: 'link-local (fe80::/10): every interface has its own there already',
  multicast: 'multicast (ff00::/8)',
  ipv4Mapped: 'IPv4-mapped (::ffff:0:0/96)',
  rfc6145: 'IPv4-translated (::ffff:0:0:0/96)',
  rfc6052: 'NAT64 (64:ff9b::/96)',
  '6to4': '6to4 (2002::/16)',
  teredo: 'Teredo (2001::/32)',
  discard: 'discard-only (100::/64)',
};

/** The plan of `cidr`, or why it cannot be a network's IPv6 subnet. */
export function planSubnet6(cidr: string): SubnetPlan6 | string {
  if (!ipaddr.IPv6.isValidCIDR(cidr)) return `bad IPv6 prefix "${cidr}" (expected PREFIX/64, e.g. fd12:3456:789a:1::/64)`;
  const [addr, bits] = ipaddr.IPv6.parseCIDR(cidr);
  const range = addr.range();
  const refused = REFUSED_RANGES[range];
  if (refused) return `IPv6 prefix ${cidr} is ${refused}, not for jails; use a unique local prefix (fd00::/8) or leave it out for one made from the lab id`;
  if (bits !== PREFIX6) return `IPv6 prefix ${cidr} is a /${bits}: a network's IPv6 subnet is a /64, the only length SLAAC works with (RFC 4862)`;
  const net = ipaddr.IPv6.networkAddressFromCIDR(cidr).toString();
  if (net !== addr.toString()) return `IPv6 prefix ${cidr} has host bits set (did you mean ${net}/64?)`;
  const c = `${net}/64`;
  return { cidr: c, gateway: at64(c, PLAN6.gateway), host: at64(c, PLAN6.host), dhcpFirst: at64(c, PLAN6.dhcpFirst), dhcpLast: at64(c, PLAN6.dhcpLast) };
}

/**
 * The unique local /64 of a lab's network when none is given (RFC 4193 3.2): fd, then a 40-bit global ID from the
 * SHA-256 of the lab id, then the first 16-bit subnet ID from 1 up that no other network of the lab has.
 */
export function ulaPrefix(labId: string, taken: readonly string[]): string {
  const g = createHash('sha256').update(`vessel-ula:${labId}`).digest();
  const head = [0xfd00 | g[0]!, (g[1]! << 8) | g[2]!, (g[3]! << 8) | g[4]!];
  for (let sub = 1; sub <= 0xffff; sub++) {
    const c = `${new ipaddr.IPv6([...head, sub, 0, 0, 0, 0]).toString()}/64`;
    if (!taken.some((t) => overlaps6(t, c))) return c;
  }
  throw new Error(`lab ${labId} has no free /64 left in its unique local prefix`);
}

/** The SLAAC address a MAC makes in a /64 with a modified EUI-64 interface identifier (RFC 4291 2.5.1, appendix A). */
export function eui64Address(prefix: string, mac: string): string {
  const m = mac.split(':').map((x) => Number.parseInt(x, 16));
  if (m.length !== 6 || m.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) throw new Error(`not a MAC address: ${mac}`);
  const parts = [...ipaddr.IPv6.parse(prefix.split('/')[0]!).parts];
  parts[4] = ((m[0]! ^ 0x02) << 8) | m[1]!;
  parts[5] = (m[2]! << 8) | 0xff;
  parts[6] = (0xfe << 8) | m[3]!;
  parts[7] = (m[4]! << 8) | m[5]!;
  return new ipaddr.IPv6(parts).toString();
}

/** Why `ip` cannot be a jail's static IPv6 address in the plan, or undefined. */
export function staticAddr6Problem(plan: SubnetPlan6, ip: string, taken: ReadonlySet<string>): string | undefined {
  if (!ipaddr.IPv6.isValid(ip) || ip.includes('%')) return `--addr6=${ip} is not an IPv6 address`;
  const norm = ipaddr.IPv6.parse(ip).toString();
  if (!inPrefix6(norm, plan.cidr)) return `${ip} is outside the IPv6 subnet ${plan.cidr}`;
  const parts = ipaddr.IPv6.parse(norm).parts;
  const low = parts[7]!;
  const upper = parts[4]! | parts[5]! | parts[6]!;
  if (upper !== 0 || low < PLAN6.autoFirst || low > PLAN6.autoLast)
    return `${ip} is not in the static range ${at64(plan.cidr, PLAN6.autoFirst)}-${at64(plan.cidr, PLAN6.autoLast)} of ${plan.cidr} (the router has ::1, the lab host ::ffff, DHCPv6 ::8000-::fffe, SLAAC the addresses made from MACs)`;
  if (taken.has(norm)) return `${norm} is already taken in ${plan.cidr}`;
  return undefined;
}

/** The lowest `count` free static IPv6 addresses, or why the range has too few. */
export function allocateAuto6(plan: SubnetPlan6, taken: ReadonlySet<string>, count: number): string[] | string {
  const out: string[] = [];
  for (let n = PLAN6.autoFirst; n <= PLAN6.autoLast && out.length < count; n++) {
    const ip = at64(plan.cidr, n);
    if (!taken.has(ip)) out.push(ip);
  }
  if (out.length < count) return `the static IPv6 range of ${plan.cidr} has ${out.length} free, ${count} needed`;
  return out;
}

/** The address of slot K in a /64 (the same K as the IPv4 slot: ::K), or why K has none. */
export function slotAddr6(plan: SubnetPlan6, k: number): string | { problem: string } {
  if (!Number.isInteger(k) || k < PLAN6.autoFirst || k > PLAN6.autoLast)
    return { problem: `slot ${k} has no IPv6 address: slots ${PLAN6.autoFirst}-${PLAN6.autoLast} do` };
  return at64(plan.cidr, k);
}
