// IPv6 address checks (pure), on ipaddr.js: normal form, prefix membership and overlap, IPv4-mapped addresses.
import ipaddr from 'ipaddr.js';

/** True when two IPv6 prefixes share an address (one contains the other). */
export function overlaps6(a: string, b: string): boolean {
  const [aa, ab] = ipaddr.IPv6.parseCIDR(a);
  const [ba, bb] = ipaddr.IPv6.parseCIDR(b);
  return aa.match(ba, Math.min(ab, bb));
}

/** True when an IPv6 address lies in a prefix. */
export function inPrefix6(ip: string, cidr: string): boolean {
  if (!ipaddr.IPv6.isValid(ip)) return false;
  return ipaddr.IPv6.parse(ip).match(ipaddr.IPv6.parseCIDR(cidr));
}

/** Normalises an IPv6 address to its shortest text (RFC 5952), or undefined when it is not one. */
export function normal6(ip: string): string | undefined {
  return ipaddr.IPv6.isValid(ip) && !ip.includes('%') ? ipaddr.IPv6.parse(ip).toString() : undefined;
}

/** True for an IPv4-mapped IPv6 address (::ffff:a.b.c.d), which getent ahostsv6 returns for names that have only A records. */
export function isV4Mapped(ip: string): boolean {
  return ipaddr.IPv6.isValid(ip) && ipaddr.IPv6.parse(ip).isIPv4MappedAddress();
}
