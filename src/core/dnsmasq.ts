// dnsmasq for every backend's routers (pure): its configuration and its lease file.
import { usage } from '../util/errors.js';
import { hostIn, ipToInt } from '../util/ipv4.js';

/** Why a DHCP range is not inside one subnet (both ends in it, in order, neither the network nor broadcast address), or undefined. */
export function dhcpRangeProblem(subnet: string, first: string, last: string): string | undefined {
  if (!hostIn(first, subnet) || !hostIn(last, subnet)) return `DHCP range ${first}-${last} is not inside the subnet ${subnet}`;
  if (ipToInt(first) > ipToInt(last)) return `DHCP range ${first}-${last} ends before it starts`;
  return undefined;
}

/** dnsmasq.conf for a network's router. With `subnet`, refuses a DHCP range that is not inside it. */
export function routerDnsmasqConf(o: {
  network: string;
  domain: string;
  gateway: string;
  netmask: string;
  dhcpFirst: string;
  dhcpLast: string;
  hostsFile: string;
  leaseFile: string;
  pidFile: string;
  upstreamDns?: string;
  resolvFile?: string;
  dhcpHostsFile?: string;
  iface?: string;
  subnet?: string;
  /** The network's IPv6 plan: router advertisements (SLAAC) and DHCPv6 from its range, both on the /64. */
  ipv6?: { dhcpFirst: string; dhcpLast: string };
}): string {
  const rp = o.subnet ? dhcpRangeProblem(o.subnet, o.dhcpFirst, o.dhcpLast) : undefined;
  if (rp) throw usage(rp);
  return [
    `# dnsmasq for network ${o.network}, written by vessel`,
    `interface=${o.iface ?? 'eth0'}`,
    'bind-interfaces',
    `domain=${o.domain}`,
    `local=/${o.domain}/`,
    'expand-hosts',
    'no-hosts',
    `addn-hosts=${o.hostsFile}`,
    `dhcp-range=${o.dhcpFirst},${o.dhcpLast},${o.netmask},1h`,
    `dhcp-option=option:router,${o.gateway}`,
    `dhcp-option=option:dns-server,${o.gateway}`,
    `dhcp-option=option:domain-search,${o.domain}`,
    `dhcp-leasefile=${o.leaseFile}`,
    // IPv6: advertisements with the prefix for SLAAC (the A flag, `slaac`) that also say DHCPv6 answers (the M flag,
    // since a range is given), and this router as the DNS server (RDNSS and the DHCPv6 option; [::] is its own address).
    ...(o.ipv6
      ? [
          'enable-ra',
          `dhcp-range=${o.ipv6.dhcpFirst},${o.ipv6.dhcpLast},slaac,64,1h`,
          'dhcp-option=option6:dns-server,[::]',
          `dhcp-option=option6:domain-search,${o.domain}`,
        ]
      : []),
    // MAC-to-address bindings for slotted jails (re-read on SIGHUP).
    ...(o.dhcpHostsFile ? [`dhcp-hostsfile=${o.dhcpHostsFile}`] : []),
    'dhcp-authoritative',
    // Skips the ~3 s ping before each offer.
    'no-ping',
    ...(o.resolvFile ? [`resolv-file=${o.resolvFile}`] : ['no-resolv']),
    ...(o.upstreamDns ? [`server=${o.upstreamDns}`] : []),
    `pid-file=${o.pidFile}`,
    'user=root',
    '',
  ].join('\n');
}

/** One line of dnsmasq's lease file: `expiry mac ip hostname clientid`. */
export interface DnsmasqLease {
  expiry: number;
  mac: string;
  ip: string;
  hostname: string;
  /** The client identifier the client sent (`*` for none). */
  clientId: string;
}

/** Reads dnsmasq's lease file. */
export function parseDnsmasqLeases(text: string): DnsmasqLease[] {
  // With DHCPv6 the file also holds the server's own DUID (`duid ...`) before its IPv6 leases, whose lines hold the
  // client's IAID where IPv4 ones hold the MAC, and its DUID as the client identifier.
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('duid '))
    .map((l) => {
      const [expiry, mac, ip, hostname, clientId] = l.split(' ');
      return { expiry: Number(expiry), mac: mac ?? '', ip: ip ?? '', hostname: hostname ?? '*', clientId: clientId ?? '*' };
    });
}
