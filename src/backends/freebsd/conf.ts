// FreeBSD configuration text (pure): jail.conf fragments, the jail fstab, pf.conf for routers, pf anchors, devfs rules.
import { NULLFS_RO, NULLFS_RW } from './names.js';
import type { ExposedPort } from '../../core/expose.js';

/** One jail's parameters, as the engine decides them. */
export interface JailConfSpec {
  /** jail(8) name (no dots). */
  name: string;
  hostname: string;
  root: string;
  fstab: string;
  consoleLog: string;
  devfsRuleset: number;
  /** vnet jail: the interfaces moved into it at creation. */
  vnetInterfaces?: string[];
  /** Non-vnet (IP-aliased) jail: `NIC|IP/PREFIX` and the FIB its processes use. */
  ip4?: { nic: string; ip: string; prefix: number };
  /** Its IPv6 address on the same NIC: `ip6.addr = "NIC|IP/PREFIX"`. */
  ip6?: { nic: string; ip: string; prefix: number };
  fib?: number;
  /** Jails that must exist first (a network's router). */
  depend?: string[];
  /** The root kind asked for (vessel run --root); every FreeBSD jail gets the thin layout. */
  rootKind?: 'shared' | 'thin';
}

const q = (v: string) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** A jail.conf fragment for one jail (read with `jail -f FILE -c NAME`, removed with `jail -f FILE -r NAME`). */
export function jailConf(s: JailConfSpec): string {
  const lines = [
    `# ${s.name}: written by vessel`,
    // A FreeBSD jail always has a root of its own: the thin layout of iocage and Bastille (own /etc, /var and /root,
    // the host's base read-only through nullfs). A shared root (the host's files, writable) exists only on Linux.
    ...(s.rootKind === 'shared' ? ['# root = shared was asked: FreeBSD jails always get the thin layout (own /etc, /var, /root; base read-only)'] : []),
    `${s.name} {`,
    `  host.hostname = ${q(s.hostname)};`,
    `  path = ${q(s.root)};`,
    '  persist;',
    '  mount.devfs;',
    `  devfs_ruleset = ${s.devfsRuleset};`,
    `  mount.fstab = ${q(s.fstab)};`,
    '  allow.raw_sockets;',
    // System V IPC in a namespace of the jail's own, as iocage's defaults have it: PostgreSQL needs a small SysV
    // shared memory segment, and no jail sees another's objects (jail(8): sysvmsg, sysvsem, sysvshm).
    '  sysvmsg = new;',
    '  sysvsem = new;',
    '  sysvshm = new;',
    '  enforce_statfs = 2;',
    '  exec.clean;',
    `  exec.consolelog = ${q(s.consoleLog)};`,
  ];
  if (s.vnetInterfaces) {
    // Only a vnet jail owns a loopback to configure: outside one, ifconfig is refused (EPERM) and jail -c fails.
    lines.push('  exec.start = "/sbin/ifconfig lo0 inet 127.0.0.1/8 up";', '  vnet;');
    for (const i of s.vnetInterfaces) lines.push(`  vnet.interface += ${q(i)};`);
  }
  if (s.ip4) lines.push(`  ip4.addr = ${q(`${s.ip4.nic}|${s.ip4.ip}/${s.ip4.prefix}`)};`);
  if (s.ip6) lines.push(`  ip6.addr = ${q(`${s.ip6.nic}|${s.ip6.ip}/${s.ip6.prefix}`)};`);
  if (s.fib !== undefined) lines.push(`  exec.fib = ${s.fib};`);
  for (const d of s.depend ?? []) lines.push(`  depend = ${q(d)};`);
  lines.push('}', '');
  return lines.join('\n');
}

/** The jail's fstab: host directories through nullfs (system read-only, /tmp shared so run work dirs are seen). */
export function jailFstab(root: string): string {
  return [...NULLFS_RO.map((d) => `${d}\t${root}${d}\tnullfs\tro\t0\t0`), ...NULLFS_RW.map((d) => `${d}\t${root}${d}\tnullfs\trw\t0\t0`), ''].join('\n');
}

/**
 * pf.conf inside a router jail: NAT out of its outside leg, nothing new accepted from outside but the exposed ports:
 * TCP to the router's own haproxy, UDP redirected round-robin to the jails (`rdr pass ... round-robin`). With an IPv6
 * /64 (`subnet6`) the same policy holds for inet6: NAT66 out (`($ext_if:0)` skips link-local addresses), nothing new
 * in, and the neighbour discovery and router advertisements the outside leg lives on let in.
 */
export function routerPfConf(o: {
  extIf: string;
  intIf: string;
  subnet: string;
  nat: boolean;
  exposed?: ExposedPort[];
  ssh?: boolean;
  subnet6?: string | null;
}): string {
  // The router's own sshd (a jump host), then the exposed TCP ports (its haproxy).
  const tcp = [...(o.ssh ? [22] : []), ...(o.exposed ?? []).filter((p) => p.proto === 'tcp' && p.members.length).map((p) => p.port)];
  const udp = (o.exposed ?? []).filter((p) => p.proto === 'udp' && p.members.length);
  const six = (lines: string[]) => (o.subnet6 ? lines : []);
  return [
    '# router pf.conf: written by vessel',
    `ext_if = "${o.extIf}"`,
    `int_if = "${o.intIf}"`,
    'set skip on lo0',
    ...(o.nat ? ['nat on $ext_if inet from !($ext_if) -> ($ext_if:0)', ...six([`nat on $ext_if inet6 from ${o.subnet6} -> ($ext_if:0)`])] : []),
    ...udp.map(
      (p) =>
        `rdr pass on $ext_if inet proto udp to ($ext_if) port ${p.port} -> { ${p.members.map((m) => m.addr).join(', ')} } port ${p.members[0]!.jailPort} round-robin`,
    ),
    'block in log on $ext_if all',
    // IPv6 on the outside leg: its neighbours, and the upstream's advertisements (its address and route), no state.
    ...six(['pass in quick on $ext_if inet6 proto icmp6 icmp6-type { neighbrsol, neighbradv, routeradv } no state']),
    ...(tcp.length ? [`pass in on $ext_if inet proto tcp to ($ext_if) port { ${tcp.join(' ')} } keep state`] : []),
    // DHCP replies reach dhclient through bpf(4), before pf.
    ...(o.nat
      ? ['pass out on $ext_if inet all keep state', ...six(['pass out on $ext_if inet6 all keep state'])]
      : [
          `block out on $ext_if inet from ${o.subnet} to any`,
          'pass out on $ext_if inet from ($ext_if) to any keep state',
          ...six([`block out on $ext_if inet6 from ${o.subnet6} to any`, 'pass out on $ext_if inet6 from ($ext_if) to any keep state']),
        ]),
    'pass on $int_if all',
    '',
  ].join('\n');
}

/** The rc.conf a router jail carries: what its plan turns on, for anyone who runs rc inside it. */
export function routerRcConf(): string {
  return [
    '# written by vessel: the plan applies these directly (sysctl, pfctl)',
    'gateway_enable="YES"',
    'pf_enable="YES"',
    'pf_rules="/etc/pf.conf"',
    '',
  ].join('\n');
}

/** pf's list syntax, `{ a b }`: with `pfctl -o none` it expands to one rule per address, never to a table (see anchorLoad). */
function pfList(items: string[]): string {
  return `{ ${items.join(' ')} }`;
}

/**
 * The argv that loads an anchor's rules from stdin. `-o none` turns the optimizer off: it would merge 6 or more
 * addresses into `<__automatic_…>` tables, and a table keeps its anchor listed after `-F all` until pf's purge thread
 * frees the unlinked rules (seen on 13.2; docs/freebsd.md, round 4). An anchor of rules alone goes at once.
 */
export function anchorLoad(anchor: string): string[] {
  return ['pfctl', '-o', 'none', '-a', anchor, '-f', '-'];
}

/** Rules for the partition anchor: both directions between the groups are refused at once, on each family the groups have. */
export function partitionAnchor(a: string[], b: string[], a6: string[] = [], b6: string[] = []): string {
  const lines = [`block return quick inet from ${pfList(a)} to ${pfList(b)}`, `block return quick inet from ${pfList(b)} to ${pfList(a)}`];
  // A partition that holds on IPv4 only is no partition: the groups' IPv6 addresses (link-local ones too) are cut as well.
  if (a6.length && b6.length)
    lines.push(`block return quick inet6 from ${pfList(a6)} to ${pfList(b6)}`, `block return quick inet6 from ${pfList(b6)} to ${pfList(a6)}`);
  lines.push('');
  return lines.join('\n');
}

/** Rules for the routes anchor: traffic between the lab's networks passes only for routed pairs (IPv4 subnets, or IPv6 /64s). */
export function routesAnchor(pairs: [string, string][], allSubnets: string[]): string {
  const lines: string[] = [];
  const fam = (s: string) => (s.includes(':') ? 'inet6' : 'inet');
  // With net.link.bridge.pfil_member=1 the host's pf also sees frames bridged inside one network: those always pass.
  for (const s of allSubnets) lines.push(`pass quick ${fam(s)} from ${s} to ${s}`);
  for (const [a, b] of pairs) lines.push(`pass quick ${fam(a)} from ${a} to ${b} keep state`, `pass quick ${fam(a)} from ${b} to ${a} keep state`);
  // pf has no empty list: with no networks left there is nothing to block.
  for (const f of ['inet', 'inet6']) {
    const of = allSubnets.filter((s) => fam(s) === f);
    if (of.length) lines.push(`block drop quick ${f} from ${pfList(of)} to ${pfList(of)}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** `devfs rule` argument lists that define a ruleset: hide everything, unhide the basics, then what the kind needs. */
export function devfsRuleset(n: number, kind: 'jail' | 'dhcp' | 'router'): string[][] {
  const rules: string[][] = [
    ['delset'],
    // The stock rulesets of /etc/defaults/devfs.rules: 1 hide all, 2 unhide basic, 3 unhide login.
    ['add', 'include', '1'],
    ['add', 'include', '2'],
    ['add', 'include', '3'],
  ];
  if (kind !== 'jail') rules.push(['add', 'path', 'bpf*', 'unhide']);
  if (kind === 'router') rules.push(['add', 'path', 'pf', 'unhide']);
  return rules.map((r) => ['devfs', 'rule', '-s', String(n), ...r]);
}

/**
 * dhcpcd.conf for a DHCPv6 jail (dhclient(8) of the base system speaks DHCPv4 only): IPv6 alone, an address asked
 * for at once (`ia_na`), the default route from the router's advertisements but no SLAAC address from them, a
 * DUID-LL (the MAC, as the lease check reads it), and the jail's resolv.conf left as the engine wrote it.
 */
export function dhcpcdConf(): string {
  return ['# written by vessel', 'ipv6only', 'duid ll', 'ia_na', 'ipv6ra_noautoconf', 'nohook resolv.conf', ''].join('\n');
}

/** dhclient.conf for a DHCP jail: it sends its name, which dnsmasq then serves in DNS. */
export function dhclientConf(hostname: string): string {
  return `# written by vessel\nsend host-name "${hostname}";\n`;
}
