// IPv4 arithmetic (pure), on ipaddr.js: the one place addresses, prefixes and subnets are computed.
import ipaddr from 'ipaddr.js';

/** IPv4 text → 32-bit number. */
export function ipToInt(ip: string): number {
  return ipaddr.IPv4.parse(ip)
    .toByteArray()
    .reduce((a, b) => a * 256 + b, 0);
}

/** 32-bit number → IPv4 text. */
export function intToIp(n: number): string {
  return ipaddr.fromByteArray([24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256)).toString();
}

/** Why `text` is not a valid IPv4 CIDR (with no host bits set), or undefined. */
export function cidrProblem(text: string): string | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m) return `bad CIDR "${text}" (expected ADDRESS/PREFIX, e.g. 192.168.1.0/24)`;
  if (!ipaddr.IPv4.isValidFourPartDecimal(m[1]!)) return `bad CIDR "${text}": "${m[1]}" is not an IPv4 address`;
  const prefix = Number(m[2]);
  if (prefix > 32) return `bad CIDR "${text}": prefix /${prefix} is longer than 32`;
  const net = ipaddr.IPv4.networkAddressFromCIDR(text).toString();
  if (net !== m[1]) return `bad CIDR "${text}": host bits are set (did you mean "${net}/${prefix}"?)`;
  return undefined;
}

/** The first and last address of an IPv4 CIDR of any prefix length (host bits allowed), as numbers; undefined when it is not one. */
export function cidrRange(cidr: string): [number, number] | undefined {
  try {
    const [addr, bits] = ipaddr.IPv4.parseCIDR(cidr);
    const first = ipToInt(ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${bits}`).toString());
    return [first, first + 2 ** (32 - bits) - 1];
  } catch {
    return undefined;
  }
}

/** The subnet an address lies in, as a CIDR (10.0.2.15, 24 → 10.0.2.0/24). */
export function networkOf(ip: string, prefix: number): string {
  return `${ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString()}/${prefix}`;
}

/** True when an IPv4 address lies in a CIDR. */
export function inCidr(ip: string, cidr: string): boolean {
  try {
    return ipaddr.IPv4.parse(ip).match(ipaddr.IPv4.parseCIDR(cidr));
  } catch {
    return false;
  }
}

/** True when an address is a usable host address of a CIDR (inside it, neither its network nor its broadcast address). */
export function hostIn(ip: string, cidr: string): boolean {
  const r = cidrRange(cidr);
  if (!r || !ipaddr.IPv4.isValidFourPartDecimal(ip)) return false;
  const n = ipToInt(ip);
  return n > r[0] && n < r[1];
}

/** True when two CIDRs share any address. */
export function overlaps(a: string, b: string): boolean {
  const ra = cidrRange(a);
  const rb = cidrRange(b);
  if (!ra || !rb) return false;
  return ra[0] <= rb[1] && rb[0] <= ra[1];
}

/** The netmask of a prefix length, dotted. */
export function netmask(prefix: number): string {
  return ipaddr.IPv4.subnetMaskFromPrefixLength(prefix).toString();
}
