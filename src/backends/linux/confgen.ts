// Linux configuration text (pure): router nftables, the udhcpc event script and its lease file.
import type { ExposedPort } from '../../core/expose.js';

/**
 * nftables rules inside a router: masquerade out of eth1 (unless no NAT), nothing new accepted from eth1 but the
 * exposed ports (TCP to the router's proxy; UDP forwarded round-robin by DNAT). The text replaces the table whole
 * (`nft -f` of it works again after a change, or after `nft flush ruleset`).
 */
export function routerNftRules(o: { subnet: string; nat: boolean; uplink: boolean; exposed?: ExposedPort[]; ssh?: boolean; subnet6?: string | null }): string {
  const tcp = (o.exposed ?? []).filter((p) => p.proto === 'tcp' && p.members.length);
  const udp = (o.exposed ?? []).filter((p) => p.proto === 'udp' && p.members.length);
  const lines = [
    'table inet vessel_router',
    'delete table inet vessel_router',
    'table inet vessel_router {',
    '  chain input {',
    '    type filter hook input priority 0; policy accept;',
  ];
  if (o.uplink) {
    lines.push('    iifname "eth1" ct state established,related accept', '    iifname "eth1" udp sport 67 udp dport 68 accept');
    // IPv6 on the uplink needs neighbour discovery and the upstream's advertisements (the address and route come from them).
    if (o.subnet6) lines.push('    iifname "eth1" icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept');
    // The router's own sshd (a jump host), then the exposed TCP ports (its haproxy).
    const open = [...(o.ssh ? [22] : []), ...tcp.map((p) => p.port)];
    if (open.length) lines.push(`    iifname "eth1" tcp dport { ${open.join(', ')} } accept`);
    lines.push('    iifname "eth1" drop');
  }
  lines.push('  }', '  chain forward {', '    type filter hook forward priority 0; policy accept;');
  if (o.uplink) {
    lines.push('    iifname "eth1" ct state established,related accept');
    if (udp.length) lines.push('    iifname "eth1" ct status dnat accept');
    lines.push('    iifname "eth1" drop');
    if (!o.nat) lines.push('    oifname "eth1" drop');
  }
  lines.push('  }');
  if (o.uplink && udp.length) {
    lines.push('  chain prerouting {', '    type nat hook prerouting priority -100;');
    for (const p of udp) {
      const map = p.members.map((m, i) => `${i} : ${m.addr} . ${m.jailPort}`).join(', ');
      lines.push(`    iifname "eth1" udp dport ${p.port} dnat ip to numgen inc mod ${p.members.length} map { ${map} }`);
    }
    lines.push('  }');
  }
  if (o.uplink && o.nat) {
    lines.push('  chain postrouting {', '    type nat hook postrouting priority 100;', `    oifname "eth1" ip saddr ${o.subnet} masquerade`);
    // NAT66: the network's unique local /64 is not routed outside (RFC 4193 4.1), so it leaves as the router's uplink address.
    if (o.subnet6) lines.push(`    oifname "eth1" ip6 saddr ${o.subnet6} masquerade`);
    lines.push('  }');
  }
  lines.push('}', '');
  return lines.join('\n');
}

/**
 * busybox udhcpc event script (Debian ships none). Installs the lease's address and route, writes the
 * jail's resolv.conf with the search domain, and records the lease in $VESSEL_LEASE_FILE.
 */
export const UDHCPC_SCRIPT = `#!/bin/sh
# udhcpc event script written by vessel: $1 is the event, the lease comes in the environment.
# Kept to two execs per lease (one ip batch, one mv): a hundred jails lease at once.
umask 077
event=$1
case "$event" in
  deconfig)
    ip -4 addr flush dev "$interface"
    ip link set "$interface" up
    ;;
  bound|renew)
    if [ "$event" = bound ] || [ "$(sed -n 's/^ip=//p' "$VESSEL_LEASE_FILE" 2>/dev/null)" != "$ip" ]; then
      set -- $router
      {
        [ "$event" = renew ] && echo "addr flush dev $interface"
        echo "addr replace $ip/$mask dev $interface"
        [ -n "$1" ] && [ "$VESSEL_DHCP_ROUTE" != "no" ] && echo "route replace default via $1 dev $interface"
      } | ip -batch -
    fi
    if [ "$VESSEL_DHCP_RESOLV" != "no" ]; then
      {
        if [ -n "$search" ]; then echo "search $search"; elif [ -n "$domain" ]; then echo "search $domain"; fi
        for d in $dns; do echo "nameserver $d"; done
      } > "\${VESSEL_RESOLV_FILE:-/etc/resolv.conf}"
    fi
    printf 'ip=%s\\nmask=%s\\nrouter=%s\\ndns=%s\\ndomain=%s\\nlease=%s\\nserver=%s\\n' "$ip" "$mask" "$router" "$dns" "$domain" "$lease" "$serverid" > "$VESSEL_LEASE_FILE.tmp"
    mv "$VESSEL_LEASE_FILE.tmp" "$VESSEL_LEASE_FILE"
    ;;
  leasefail|nak)
    echo "$event" >> "$VESSEL_LEASE_FILE.events"
    ;;
esac
exit 0
`;

/** Reads a lease file written by the udhcpc script. */
export function parseLeaseFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
