// IP-aliased jails (the EC2 case): jails sharing one NIC of the lab host (an "ENI"), each with an extra
// address on it. On Linux each is a macvlan child (bridge mode) of the NIC, with a routing table and a rule.
import { admitAlias, type NicSubnet } from '../../core/alias.js';
import type { JailRow } from '../../core/model.js';
import { getJail, setJailState } from '../../state/jails.js';
import { networkOf } from '../../util/ipv4.js';
import type { LinuxContext } from './context.js';
import { UPSTREAM, UPSTREAM6 } from '../../core/upstream.js';
import { parseIpAddr6, prefixesOf6 } from '../../util/ipv6.js';
import { cgroupDir } from './facts.js';
import { destroyJails } from './jails.js';
import { ensureDevTemplate, setupArgv } from './mounts.js';
import { hostNetns, jailNetns } from './names.js';
import { jailPaths } from './paths.js';
import { makeJailNamespaces } from './userns.js';
import { ensureWww6 } from './upstream.js';
import { getLab } from '../../state/labs.js';

/** The routing table each aliased jail's rule points at. */
export const ALIAS_TABLE = 100;

/** The IPv4 subnets on a NIC of the lab host, with its own addresses. */
async function nicAddrs(ctx: LinuxContext, lab: string, nic: string): Promise<NicSubnet[] | undefined> {
  // What the simulated ENI shows (a recording host answers with it; the lab host is the run's own).
  const simulated = nic === 'eni0' ? `3: eni0    inet ${UPSTREAM.eniHost}/20 scope global eni0` : undefined;
  // A run's lab host has no other NIC: a recording host answers for any other as ip would, with a failure.
  const r = await ctx.host.run(['ip', '-n', hostNetns(lab), '-o', '-4', 'addr', 'show', 'dev', nic], {
    allowFail: true,
    ...(simulated ? { simulated } : { simulatedExit: 1 }),
  });
  if (r.code !== 0) return undefined;
  return [...r.stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/(\d+)/g)].map((m) => ({ own: m[1]!, prefix: Number(m[2]), cidr: networkOf(m[1]!, Number(m[2])) }));
}

/** The global IPv6 prefixes on a NIC of the lab host, with its own addresses. */
async function nicAddrs6(ctx: LinuxContext, lab: string, nic: string): Promise<NicSubnet[]> {
  const simulated = nic === 'eni0' ? `3: eni0    inet6 ${UPSTREAM6.eniHost}/64 scope global \n` : '';
  const r = await ctx.host.run(['ip', '-n', hostNetns(lab), '-o', '-6', 'addr', 'show', 'dev', nic, 'scope', 'global'], { allowFail: true, simulated });
  return prefixesOf6(parseIpAddr6(r.stdout));
}

/** Creates one aliased jail: netns + UTS + mount namespaces + cgroup, with a macvlan child of NIC carrying IP (and IP6). */
export async function createAliasJail(ctx: LinuxContext, lab: string, name: string, nic: string, ip: string, ip6?: string): Promise<JailRow> {
  const jp = jailPaths(ctx.runDir, lab, name);
  const six = ip6 === undefined ? undefined : { ip6, prefixes: await nicAddrs6(ctx, lab, nic) };
  const {
    row,
    subnet: s,
    gateway,
    v6,
  } = admitAlias(
    ctx,
    lab,
    name,
    nic,
    ip,
    await nicAddrs(ctx, lab, nic),
    [
      { kind: 'netns-jail', name: jailNetns(lab, name) },
      { kind: 'nsfile', name: jp.user },
      { kind: 'nsfile', name: jp.uts },
      { kind: 'nsfile', name: jp.mnt },
      { kind: 'link', name: `${jailNetns(lab, name)}/eth0` },
      { kind: 'dir', name: jp.dir },
      { kind: 'dir', name: jp.priv },
      { kind: 'cgroup', name: cgroupDir(ctx.cgroupRoot, lab, name) },
    ],
    six,
  );
  const uuid = row.uuid;
  try {
    const p = jailPaths(ctx.runDir, lab, name);
    await ctx.host.mkdir(p.dir);
    await ctx.host.mkdir(p.priv, 0o700);
    await ctx.host.mkdir(cgroupDir(ctx.cgroupRoot, lab, name));
    for (const f of [p.uts, p.mnt]) await ctx.host.writeFile(f, '');
    await ctx.host.writeFile(
      p.hosts,
      `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${ip}\t${name}\n${row.addr6 ? `${row.addr6}\t${name}\n` : ''}`,
    );
    await ctx.host.writeFile(p.resolv, `nameserver ${UPSTREAM.dns}\n`);
    await ctx.host.writeFile(p.hostname, `${name}\n`);
    // The rule and table keep the jail's traffic on its own NIC, as on an EC2 instance with a second ENI.
    await ctx.host.writeFile(
      p.setup,
      [
        'link set lo up',
        `addr add ${ip}/${s.prefix} dev eth0`,
        'link set eth0 up',
        `route add default via ${gateway} dev eth0`,
        `route add default via ${gateway} dev eth0 table ${ALIAS_TABLE}`,
        `rule add from ${ip} table ${ALIAS_TABLE} priority 1000`,
        // Its IPv6 address the same way: on eth0 (unique by admission: no duplicate detection), routed by the VPC router.
        ...(row.addr6 && v6
          ? [
              `addr add ${row.addr6}/${v6.subnet.prefix} dev eth0 nodad`,
              `route add default via ${v6.gateway} dev eth0`,
              `route add default via ${v6.gateway} dev eth0 table ${ALIAS_TABLE}`,
            ]
          : []),
      ].join('\n') + '\n',
    );
    await makeJailNamespaces(ctx, lab, [name]);
    await ctx.host.run([
      'ip',
      '-n',
      hostNetns(lab),
      'link',
      'add',
      'link',
      nic,
      'name',
      'eth0',
      'address',
      row.mac!,
      'netns',
      jailNetns(lab, name),
      'type',
      'macvlan',
      'mode',
      'bridge',
    ]);
    await ensureDevTemplate(ctx, lab);
    await ctx.host.run(setupArgv(ctx, lab, row));
    // An IPv6 rule needs `ip -6` (a batch line takes no options, and a rule is IPv4 unless told): the engine adds it.
    if (row.addr6)
      await ctx.host.run(['ip', '-n', jailNetns(lab, name), '-6', 'rule', 'add', 'from', row.addr6, 'table', String(ALIAS_TABLE), 'priority', '1000']);
    // www.example answers on IPv6 from the lab's first jail or network with IPv6 on.
    if (row.addr6 && getLab(ctx.db, lab)?.uplink === 'simulated') await ensureWww6(ctx, lab);
    setJailState(ctx.db, [uuid], 'created');
  } catch (e) {
    await destroyJails(ctx, lab, [name]);
    throw e;
  }
  return getJail(ctx.db, lab, name)!;
}
