// A jail's IPv6 on Linux (pure): the sysctls its setup writes before its links come up, and its ip batch lines.
import type { JailRow } from '../../core/model.js';
import { PREFIX6, type SubnetPlan6 } from '../../core/ipam6.js';

/** What a jail's setup does for IPv6: `/proc/sys` keys (under /proc/sys, with their values) and `ip -batch` lines. */
export interface Ipv6Setup {
  sysctl: [string, string][];
  ip: string[];
}

/**
 * The IPv6 of a jail on a network with a /64. Its eth0 makes a link-local address from its MAC (EUI-64), and no
 * address waits on duplicate address detection (the addresses are unique by plan; detection would hold each back a
 * second). A SLAAC jail takes its address and default route from the router's advertisements, which it asks for at
 * once; a DHCPv6 jail takes only the route from them (its client installs the address); a static one, and the
 * router, take nothing from them. A router forwards when it routes out, and its uplink takes an address and a route
 * from the upstream's advertisements although it forwards (accept_ra 2).
 */
export function ipv6Setup(j: Pick<JailRow, 'role' | 'addr6' | 'addr6_mode'>, plan: SubnetPlan6, o: { uplink: boolean; forward: boolean }): Ipv6Setup {
  const eth0 = (k: string, v: string): [string, string] => [`net/ipv6/conf/eth0/${k}`, v];
  const sysctl: [string, string][] = [eth0('accept_dad', '0'), eth0('router_solicitation_delay', '0')];
  const ip = ['link set dev eth0 addrgenmode eui64'];
  if (j.role === 'router') {
    sysctl.push(eth0('accept_ra', '0'), eth0('autoconf', '0'));
    ip.push(`addr add ${plan.gateway}/${PREFIX6} dev eth0 nodad`);
    if (o.forward) sysctl.push(['net/ipv6/conf/all/forwarding', '1']);
    if (o.uplink) {
      const eth1 = (k: string, v: string): [string, string] => [`net/ipv6/conf/eth1/${k}`, v];
      sysctl.push(eth1('accept_dad', '0'), eth1('router_solicitation_delay', '0'), eth1('accept_ra', '2'), eth1('autoconf', '1'));
      ip.push('link set dev eth1 addrgenmode eui64');
    }
    return { sysctl, ip };
  }
  if (j.addr6_mode === 'static') {
    sysctl.push(eth0('accept_ra', '0'), eth0('autoconf', '0'));
    ip.push(`addr add ${j.addr6}/${PREFIX6} dev eth0 nodad`);
    return { sysctl, ip };
  }
  sysctl.push(eth0('accept_ra', '1'), eth0('autoconf', j.addr6_mode === 'dhcp' ? '0' : '1'));
  return { sysctl, ip };
}

/** The sysctls of a jail on an IPv4-only network: no router advertisement taken, no address made from one, on eth0 (and a router's eth1). */
export function noIpv6Sysctl(uplink: boolean): [string, string][] {
  return (uplink ? ['eth0', 'eth1'] : ['eth0']).flatMap((i): [string, string][] => [
    [`net/ipv6/conf/${i}/accept_ra`, '0'],
    [`net/ipv6/conf/${i}/autoconf`, '0'],
  ]);
}

/** The routes a static jail adds once its link is up (a router's ::1 is its default gateway). */
export function ipv6Routes(j: Pick<JailRow, 'role' | 'addr6_mode'>, plan: SubnetPlan6): string[] {
  return j.role !== 'router' && j.addr6_mode === 'static' ? [`route add default via ${plan.gateway} dev eth0`] : [];
}

/** The sysctl file the setup reads: `KEY VALUE` per line (KEY under /proc/sys). */
export function sysctlFile(s: [string, string][]): string {
  return s.map(([k, v]) => `${k} ${v}\n`).join('');
}

/**
 * ISC dhclient -6's script (Debian's own would write the host's resolv.conf): installs the lease's address with its
 * lifetimes and no duplicate detection, and records it in $VESSEL_LEASE6_FILE; takes it away when the lease ends.
 */
export const DHCLIENT6_SCRIPT = `#!/bin/sh
# dhclient -6 script written by vessel: $reason is the event, the lease comes in the environment.
case "$reason" in
  PREINIT6)
    ip link set dev "$interface" up
    ;;
  BOUND6|RENEW6|REBIND6|REBOOT6)
    if [ -n "$old_ip6_address" ] && [ "$old_ip6_address" != "$new_ip6_address" ]; then
      ip -6 addr del "$old_ip6_address/$old_ip6_prefixlen" dev "$interface" 2>/dev/null
    fi
    ip -6 addr replace "$new_ip6_address/$new_ip6_prefixlen" dev "$interface" nodad valid_lft "$new_max_life" preferred_lft "$new_preferred_life" || exit 1
    printf 'ip6=%s\\nprefixlen=%s\\nlife=%s\\n' "$new_ip6_address" "$new_ip6_prefixlen" "$new_max_life" > "$VESSEL_LEASE6_FILE.tmp"
    mv "$VESSEL_LEASE6_FILE.tmp" "$VESSEL_LEASE6_FILE"
    ;;
  EXPIRE6|RELEASE6|STOP6)
    [ -z "$old_ip6_address" ] || ip -6 addr del "$old_ip6_address/$old_ip6_prefixlen" dev "$interface" 2>/dev/null
    rm -f "$VESSEL_LEASE6_FILE"
    ;;
esac
exit 0
`;
