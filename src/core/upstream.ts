// The simulated outside of a run's lab, the same on every backend: a VirtualBox-style NAT network, an "internet" with
// www.example on it, and an EC2-style ENI subnet whose router is the upstream (pure).

/** The simulated VirtualBox NAT network and the "internet" behind it. */
export const UPSTREAM = {
  subnet: '10.0.2.0/24',
  gateway: '10.0.2.2',
  dns: '10.0.2.3',
  dhcpFirst: '10.0.2.15',
  dhcpLast: '10.0.2.254',
  broadcast: '10.0.2.255',
  internetSubnet: '198.51.100.0/24',
  internetGateway: '198.51.100.1',
  www: '198.51.100.80',
  wwwName: 'www.example',
  /** The simulated EC2 ENI's VPC subnet: the lab host's `eni0` is the ENI, the upstream is the VPC router. */
  eniSubnet: '172.31.32.0/20',
  eniGateway: '172.31.32.1',
  eniHost: '172.31.32.10',
} as const;

/**
 * The simulated outside's IPv6, all inside the documentation prefix 2001:db8::/32 (RFC 3849): the NAT network's /64
 * (the upstream advertises it; routers take an address by SLAAC), the internet's /64 with www.example on it, and the
 * ENI's VPC /64 (aliased jails).
 */
export const UPSTREAM6 = {
  block: '2001:db8::/32',
  subnet: '2001:db8:0:2::/64',
  gateway: '2001:db8:0:2::2',
  dns: '2001:db8:0:2::3',
  internetSubnet: '2001:db8:0:100::/64',
  internetGateway: '2001:db8:0:100::1',
  www: '2001:db8:0:100::80',
  /** The ENI's VPC subnet on IPv6 (routed, as its IPv4 one: the upstream is its router, ::1; the lab host's eni0 is ::10). */
  eniSubnet: '2001:db8:0:20::/64',
  eniGateway: '2001:db8:0:20::1',
  eniHost: '2001:db8:0:20::10',
} as const;

/** The simulated outside's DHCP and DNS server, as dnsmasq options after `--interface`: the same on every backend. */
export function upstreamDnsmasqArgs(o: { leaseFile: string; pidFile: string; ipv6?: boolean }): string[] {
  return [
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--no-ping',
    '--dhcp-sequential-ip',
    // The broadcast address said outright: dnsmasq takes the last interface address in the range's subnet for it
    // (dhcp.c complete_context), which on FreeBSD is the DNS server's /32 alias, 10.0.2.3.
    `--dhcp-range=${UPSTREAM.dhcpFirst},${UPSTREAM.dhcpLast},255.255.255.0,${UPSTREAM.broadcast},1h`,
    `--dhcp-option=option:router,${UPSTREAM.gateway}`,
    `--dhcp-option=option:dns-server,${UPSTREAM.dns}`,
    `--host-record=${UPSTREAM.wwwName},${UPSTREAM.www}${o.ipv6 ? `,${UPSTREAM6.www}` : ''}`,
    // Router advertisements of the NAT network's /64, no DHCPv6: a router's uplink takes its address by SLAAC.
    ...(o.ipv6 ? ['--enable-ra', `--dhcp-range=${UPSTREAM6.subnet.replace('/64', '')},ra-only,64,1h`] : []),
    `--dhcp-leasefile=${o.leaseFile}`,
    `--pid-file=${o.pidFile}`,
  ];
}
