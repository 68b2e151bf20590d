// IPv6 addresses (pure), on ipaddr.js: normal form, prefix membership and overlap, IPv4-mapped addresses, and where
// the fixed addresses of a network's /64 are.
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

/** Where the parts of a /64 go: each is the last 16 bits of an address in the prefix. */
export const PLAN6 = { gateway: 0x1, autoFirst: 0x2, autoLast: 0x7fff, dhcpFirst: 0x8000, dhcpLast: 0xfffe, host: 0xffff } as const;

/** The address at offset `n` (0-0xffff) of a /64: its last 16 bits set to n. */
export function at64(prefix: string, n: number): string {
  const a = ipaddr.IPv6.parse(prefix.split('/')[0]!);
  const parts = [...a.parts];
  parts[7] = n;
  return new ipaddr.IPv6(parts).toString();
}

/**
 * The global prefixes an interface's addresses make, each once, with the first address in it as the interface's own
 * (an IP-aliased jail's address sits in its NIC's prefix too). Link-local addresses are left out.
 */
export function prefixesOf6(addrs: { ip: string; prefix: number }[]): { own: string; prefix: number; cidr: string }[] {
  const out: { own: string; prefix: number; cidr: string }[] = [];
  for (const a of addrs) {
    if (!ipaddr.IPv6.isValid(a.ip) || ipaddr.IPv6.parse(a.ip).range() === 'linkLocal') continue;
    const cidr = `${ipaddr.IPv6.networkAddressFromCIDR(`${a.ip}/${a.prefix}`).toString()}/${a.prefix}`;
    if (!out.some((o) => o.cidr === cidr)) out.push({ own: normal6(a.ip) ?? a.ip, prefix: a.prefix, cidr });
  }
  return out;
}

/** The addresses of `ip -o -6 addr show` output (iproute2), with their prefix lengths. */
export function parseIpAddr6(text: string): { ip: string; prefix: number }[] {
  return [...text.matchAll(/inet6 ([0-9a-f:]+)\/(\d+)/g)].map((m) => ({ ip: m[1]!, prefix: Number(m[2]) }));
}
