// IP-aliased jails (the EC2 case): jails sharing one NIC of the lab host (an "ENI"), each with an extra
// address on it. On Linux each is a macvlan child (bridge mode) of the NIC, with a routing table and a rule.
import { admitAlias, type NicSubnet } from '../../core/alias.js';
import type { JailRow } from '../../core/model.js';
import { getJail, setJailState } from '../../state/jails.js';
import { networkOf } from '../../util/ipv4.js';
import type { LinuxContext } from './context.js';
import { UPSTREAM } from '../../core/upstream.js';
import { cgroupDir } from './facts.js';
import { destroyJails } from './jails.js';
import { ensureDevTemplate, setupArgv } from './mounts.js';
import { hostNetns, jailNetns } from './names.js';
import { jailPaths } from './paths.js';
import { makeJailNamespaces } from './userns.js';

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

/** Creates one aliased jail: netns + UTS + mount namespaces + cgroup, with a macvlan child of NIC carrying IP. */
export async function createAliasJail(ctx: LinuxContext, lab: string, name: string, nic: string, ip: string): Promise<JailRow> {
  const jp = jailPaths(ctx.runDir, lab, name);
  const {
    row,
    subnet: s,
    gateway,
  } = admitAlias(ctx, lab, name, nic, ip, await nicAddrs(ctx, lab, nic), [
    { kind: 'netns-jail', name: jailNetns(lab, name) },
    { kind: 'nsfile', name: jp.user },
    { kind: 'nsfile', name: jp.uts },
    { kind: 'nsfile', name: jp.mnt },
    { kind: 'link', name: `${jailNetns(lab, name)}/eth0` },
    { kind: 'dir', name: jp.dir },
    { kind: 'dir', name: jp.priv },
    { kind: 'cgroup', name: cgroupDir(ctx.cgroupRoot, lab, name) },
  ]);
  const uuid = row.uuid;
  try {
    const p = jailPaths(ctx.runDir, lab, name);
    await ctx.host.mkdir(p.dir);
    await ctx.host.mkdir(p.priv, 0o700);
    await ctx.host.mkdir(cgroupDir(ctx.cgroupRoot, lab, name));
    for (const f of [p.uts, p.mnt]) await ctx.host.writeFile(f, '');
    await ctx.host.writeFile(p.hosts, `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${ip}\t${name}\n`);
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
    setJailState(ctx.db, [uuid], 'created');
  } catch (e) {
    await destroyJails(ctx, lab, [name]);
    throw e;
  }
  return getJail(ctx.db, lab, name)!;
}
