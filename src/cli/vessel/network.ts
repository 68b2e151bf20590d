// `vessel network`: create, list, route or destroy networks.
import type { Command } from 'commander';
import { exposedPorts, exposedText } from '../../core/expose.js';
import { isUplink } from '../../core/outside.js';
import { planSubnet6 } from '../../core/ipam6.js';
import { usage } from '../../util/errors.js';
import { EXIT_HELP, networkOptions, table, vlanModeText, type VesselCli } from './common.js';

/** A network's IPv6 plan in words: its /64, the router's and the lab host's addresses, the DHCPv6 range. */
function ipv6Text(subnet6: string): string {
  const p = planSubnet6(subnet6);
  return typeof p === 'string' ? subnet6 : `${p.cidr}, router ${p.gateway}, host ${p.host}, SLAAC, DHCPv6 ${p.dhcpFirst}-${p.dhcpLast}`;
}

/** Adds `vessel network` to the program. */
export function addNetwork(p: Command, { out, withLab }: VesselCli): void {
  p.command('network')
    .description('create, list or destroy networks: a bridge with the lab host on it, and a router jail (DHCP, DNS, NAT)')
    .option('--create', 'create a network (needs --name and --subnet)')
    .option('--list', 'list networks with their members')
    .option('--destroy', 'destroy a network (needs --name)')
    .option('--name <name>', 'network name (at most 15 characters)')
    .option('--subnet <cidr>', 'IPv4 subnet, e.g. 192.168.1.0/24')
    .option('--ipv6', 'give the network an IPv6 /64 too: a unique local prefix (fd00::/8) made from the lab id; router ::1, lab host ::ffff')
    .option('--subnet6 <prefix>', 'the IPv6 /64 to use instead (implies --ipv6), e.g. fd12:3456:789a:1::/64')
    .option('--domain <domain>', 'DNS domain of the network (default NAME.test)')
    .option('--dhcp-range <first-last>', 'DHCP range inside the subnet (default: upper half minus the host address)')
    .option('--no-nat', 'router without NAT: jails reach nothing outside')
    .option('--vlan <id>', 'carry the network as VLAN ID (1-4094) on a trunk')
    .option('--trunk <name>', 'the trunk of --vlan (default trunk0; made on first use)')
    .option('--route-to <net>', 'route to another network (with --create, or with --route --name=N); addresses only: names stay in each network')
    .option('--route', 'route an existing network (--name) to another (--route-to)')
    .option('--ssh', "with --create: run sshd in the router, the network's jump host from the outside (ssh -J)")
    .option('--force', 'with --destroy: also destroy attached jails')
    .option('--json', 'with --list: print JSON')
    .addHelpText(
      'after',
      `\nExamples:\n  vessel network --create --name=lan --subnet=192.168.1.0/24\n  vessel network --list\n  vessel network --destroy --name=lan --force\n${EXIT_HELP}`,
    )
    .action(
      async (
        o: {
          create?: boolean;
          list?: boolean;
          destroy?: boolean;
          route?: boolean;
          name?: string;
          subnet?: string;
          force?: boolean;
          json?: boolean;
          domain?: string;
          dhcpRange?: string;
          nat?: boolean;
          vlan?: string;
          trunk?: string;
          routeTo?: string;
          ssh?: boolean;
          ipv6?: boolean;
          subnet6?: string;
        },
        cmd: Command,
      ) => {
        const modes = [o.create, o.list, o.destroy, o.route].filter(Boolean).length;
        if (modes !== 1) throw usage('network: give exactly one of --create, --list, --destroy or --route');
        await withLab(
          cmd,
          async (e, lab) => {
            if (o.route) {
              if (!o.name || !o.routeTo) throw usage('network --route needs --name=NAME and --route-to=OTHER');
              await e.route(lab, o.name, o.routeTo);
              out(`network ${o.name} is routed to ${o.routeTo} (both ways, through the lab host)\n`);
              return;
            }
            if (o.create) {
              if (o.ssh && e.getLab(lab)?.uplink == null)
                throw usage('--ssh makes the router a jump host from the outside, and lab ' + lab + ' has no uplink (no outside)');
              if (o.vlan !== undefined && !/^\d+$/.test(o.vlan)) throw usage(`--vlan=${o.vlan}: a VLAN id is from 1 to 4094`);
              if (!o.name || !o.subnet) throw usage('network --create needs --name=NAME and --subnet=CIDR');
              const n = await e.createNetwork(lab, o.name, o.subnet, {
                ...networkOptions(o),
                ...(o.vlan !== undefined ? { vlan: Number(o.vlan) } : {}),
                ...(o.trunk !== undefined ? { trunk: o.trunk } : {}),
                ...(o.routeTo !== undefined ? { routeTo: o.routeTo } : {}),
              });
              const hasUplink = e.getLab(lab)!.uplink !== null;
              if (n.vlan !== null) out(`network ${n.name}: VLAN ${n.vlan} on trunk ${n.trunk}, ${vlanModeText(n.vlan_mode)}\n`);
              out(
                `network ${n.name}: bridge ${n.bridge}, subnet ${n.subnet}, host ${n.host_addr}, router ${n.name}-router, domain ${n.domain}, DHCP ${n.dhcp_first}-${n.dhcp_last}, ${n.nat ? 'NAT out through the uplink' : hasUplink ? 'no NAT (--no-nat)' : 'no NAT: the lab has no uplink'}\n`,
              );
              if (n.subnet6) out(`network ${n.name}: IPv6 ${ipv6Text(n.subnet6)}\n`);
            } else if (o.destroy) {
              if (!o.name) throw usage('network --destroy needs --name=NAME');
              await e.destroyNetwork(lab, o.name, Boolean(o.force));
              out(`network ${o.name} destroyed\n`);
            } else {
              const nets = e.networks(lab);
              const leases = new Map(await Promise.all(nets.map(async (n) => [n.name, await e.leases(lab, n.name)] as const)));
              const leaseOf = (n: (typeof nets)[number], j: (typeof nets)[number]['members'][number]) => {
                const slot = j.slot !== null ? `slot ${j.slot}, ` : '';
                if (!j.dhcp) return j.role === 'router' ? 'router' : `${slot}static`;
                const l = leases.get(n.name)?.find((x) => x.mac === j.mac);
                return `${slot}${l ? `dhcp until ${new Date(l.expiry * 1000).toISOString().replace(/\.000Z$/, 'Z')}` : 'dhcp (no lease)'}`;
              };
              if (o.json) {
                out(
                  JSON.stringify(
                    nets.map((n) => ({
                      name: n.name,
                      bridge: n.bridge,
                      subnet: n.subnet,
                      host: n.host_addr,
                      domain: n.domain,
                      dhcpRange: `${n.dhcp_first}-${n.dhcp_last}`,
                      ...(n.subnet6 ? { subnet6: n.subnet6 } : {}),
                      nat: Boolean(n.nat),
                      exposes: exposedPorts(n.members),
                      members: n.members.map((j) => ({
                        jail: j.name,
                        role: j.role,
                        interface: e.legName(j),
                        mac: j.mac,
                        ip: j.addr,
                        ...(j.addr6_mode ? { ip6: j.addr6 ?? null, ip6From: j.addr6_mode } : {}),
                        state: j.state,
                        lease: leaseOf(n, j),
                      })),
                    })),
                    null,
                    2,
                  ) + '\n',
                );
                return;
              }
              if (nets.length === 0) out(`no networks in lab ${lab}\n`);
              for (const n of nets) {
                out(
                  isUplink(n)
                    ? `${n.name}  bridge ${n.bridge}  subnet ${n.subnet}  the lab's outside: addresses from the upstream's DHCP (${n.dhcp_first}-${n.dhcp_last}), no router\n`
                    : `${n.name}  bridge ${n.bridge}  subnet ${n.subnet}  host ${n.host_addr}  domain ${n.domain}  dhcp ${n.dhcp_first}-${n.dhcp_last}  ${n.nat ? 'nat' : 'no-nat'}${n.vlan !== null ? `  vlan ${n.vlan} on ${n.trunk} (${vlanModeText(n.vlan_mode)})` : ''}${n.route_to ? `  routed to ${n.route_to}` : ''}${n.subnet6 ? `  ipv6 ${n.subnet6}` : ''}\n`,
                );
                out(
                  table([
                    ['  JAIL', 'INTERFACE', 'MAC', 'IP', ...(n.subnet6 ? ['IPV6'] : []), 'STATE', 'ADDRESS'],
                    ...n.members.map((j) => [
                      `  ${j.name}`,
                      e.legName(j),
                      j.mac ?? '',
                      j.addr ?? '',
                      ...(n.subnet6 ? [j.addr6 ? `${j.addr6} (${j.addr6_mode})` : `(${j.addr6_mode ?? 'none'})`] : []),
                      j.state,
                      leaseOf(n, j),
                    ]),
                  ]),
                );
                // What the router forwards from its outside address, and to whom (round-robin).
                for (const x of exposedPorts(n.members)) out(`  expose ${exposedText(x)}\n`);
              }
            }
          },
          undefined,
          Boolean(o.list),
        );
      },
    );
}
