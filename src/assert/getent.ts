// What getent prints (pure): the same on Linux and FreeBSD.
import ipaddr from 'ipaddr.js';

/** Reads `getent ahostsv4` (or `ahostsv6`) output into unique addresses, IPv6 ones in their shortest form. */
export function parseGetent(stdout: string): string[] {
  return [
    ...new Set(
      stdout
        .split('\n')
        .map((l) => l.split(/\s+/)[0]!)
        .flatMap((a) => (/^\d+\.\d+\.\d+\.\d+$/.test(a) ? [a] : a.includes(':') && ipaddr.IPv6.isValid(a) ? [ipaddr.IPv6.parse(a).toString()] : [])),
    ),
  ];
}
