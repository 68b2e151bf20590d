// The simulated outside of a run's lab, the same on every backend: a VirtualBox-style NAT network, an "internet" with
// www.example on it, and an EC2-style ENI subnet whose router is the upstream (pure).

/** The simulated VirtualBox NAT network and the "internet" behind it. */
export const UPSTREAM = {
  subnet: '10.0.2.0/24',
  gateway: '10.0.2.2',
  dns: '10.0.2.3',
  dhcpFirst: '10.0.2.15',
  dhcpLast: '10.0.2.254',
  internetSubnet: '198.51.100.0/24',
  internetGateway: '198.51.100.1',
  www: '198.51.100.80',
  wwwName: 'www.example',
  /** The simulated EC2 ENI's VPC subnet: the lab host's `eni0` is the ENI, the upstream is the VPC router. */
  eniSubnet: '172.31.32.0/20',
  eniGateway: '172.31.32.1',
  eniHost: '172.31.32.10',
} as const;

/** The simulated outside's DHCP and DNS server, as dnsmasq options after `--interface`: the same on every backend. */
export function upstreamDnsmasqArgs(o: { leaseFile: string; pidFile: string }): string[] {
  return [
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--no-ping',
    '--dhcp-sequential-ip',
    `--dhcp-range=${UPSTREAM.dhcpFirst},${UPSTREAM.dhcpLast},255.255.255.0,1h`,
    `--dhcp-option=option:router,${UPSTREAM.gateway}`,
    `--dhcp-option=option:dns-server,${UPSTREAM.dns}`,
    `--host-record=${UPSTREAM.wwwName},${UPSTREAM.www}`,
    `--dhcp-leasefile=${o.leaseFile}`,
    `--pid-file=${o.pidFile}`,
  ];
}
