// DHCPv6 jails on Linux: ISC dhclient -6 in the jail's netns, its script, its leases waited for and checked.
import { join } from 'node:path';
import type { JailRow } from '../../core/model.js';
import { planSubnet6 } from '../../core/ipam6.js';
import { assumedLease6 } from '../../core/jails.js';
import { getNetwork } from '../../state/networks.js';
import { recordProcess, setJailAddr6 } from '../../state/jails.js';
import { failed } from '../../util/errors.js';
import { inPrefix6, normal6 } from '../../util/ipv6.js';
import { waitFor } from '../../util/sleep.js';
import type { LinuxContext } from './context.js';
import { parseLeaseFile } from './confgen.js';
import { jailEngineArgv } from './enter.js';
import { cgroupDir } from './facts.js';
import { DHCLIENT6_SCRIPT } from './ipv6-conf.js';
import { alive } from './kill.js';
import { jailPaths, labPaths } from './paths.js';
import { cleanEnv } from './services.js';

/** A DHCPv6 jail's files: the address its client's script records, dhclient's own lease database and pid file, its log. */
export function dhcp6Paths(runDir: string, lab: string, jail: string) {
  const dir = jailPaths(runDir, lab, jail).dir;
  return { lease: join(dir, 'lease6'), db: join(dir, 'dhclient6.leases'), pid: join(dir, 'dhclient6.pid'), log: join(dir, 'dhcp6.log') };
}

/**
 * Starts dhclient -6 for a jail, in its netns and cgroup, in the foreground: a DUID made from its MAC (-D LL), one
 * address (-N), the /64 on the address, no configuration file but its script. On SIGTERM it ends without releasing;
 * the router's lease expires with the network.
 */
export async function startDhcp6Client(ctx: LinuxContext, j: JailRow): Promise<number> {
  const script = join(labPaths(ctx.runDir, j.lab).lib, 'dhclient6.script');
  if (!(await ctx.host.exists(script))) await ctx.host.writeFile(script, DHCLIENT6_SCRIPT, 0o755);
  const p = dhcp6Paths(ctx.runDir, j.lab, j.name);
  const argv = jailEngineArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: j.lab, name: j.name, wd: '/' }, [
    'dhclient',
    '-6',
    '-d',
    '-N',
    '-D',
    'LL',
    '--address-prefix-len',
    '64',
    '-cf',
    '/dev/null',
    '-lf',
    p.db,
    '-pf',
    p.pid,
    '-sf',
    script,
    '-e',
    `VESSEL_LEASE6_FILE=${p.lease}`,
    'eth0',
  ]);
  const pid = await ctx.host.start(argv, {
    name: 'dhclient',
    cgroup: cgroupDir(ctx.cgroupRoot, j.lab, j.name),
    log: p.log,
    env: cleanEnv(),
    simulated: (x) => ({ [p.pid]: `${x}\n` }),
  });
  recordProcess(ctx.db, j.lab, j.name, pid, (await ctx.host.process(pid))?.start ?? null, 'dhcp');
  return pid;
}

/**
 * Waits until each DHCPv6 jail's client recorded a lease, and records its address. The record is in the jail's own
 * folder, which a shared-root jail can write: an address is taken only when it is an IPv6 address of the jail's
 * network's /64; anything else fails the jail.
 */
export async function lease6All(ctx: LinuxContext, lab: string, jails: JailRow[], clients: Map<string, number>): Promise<void> {
  if (jails.length === 0) return;
  if (!ctx.host.live) return assumeLeases6(ctx, lab, jails);
  const have = new Map<string, string>();
  let died: string | undefined;
  const ok = await waitFor(
    async () => {
      for (const j of jails) {
        if (have.has(j.name)) continue;
        const text = await ctx.host.readFile(dhcp6Paths(ctx.runDir, lab, j.name).lease);
        if (text !== undefined) have.set(j.name, text);
        else if (!(await alive(ctx.host, clients.get(j.name)!))) {
          const log = (await ctx.host.readFile(dhcp6Paths(ctx.runDir, lab, j.name).log))?.trim().split('\n').pop() ?? '';
          died = `the DHCPv6 client of jail ${j.name} (dhclient -6) exited before it got a lease${log ? `; its log ends: ${log}` : ''}`;
          return true;
        }
      }
      return have.size === jails.length;
    },
    15_000,
    50,
  );
  if (died) throw failed(died);
  if (!ok)
    throw failed(
      `no DHCPv6 lease within 15 s for ${jails
        .filter((j) => !have.has(j.name))
        .map((j) => j.name)
        .join(', ')} (see dhcp6.log in each jail's folder, and \`vessel logs ${jails[0]!.network}-router\`)`,
    );
  for (const j of jails) {
    const net = getNetwork(ctx.db, lab, j.network!)!;
    const plan = planSubnet6(net.subnet6!);
    const ip = normal6(parseLeaseFile(have.get(j.name)!).ip6 ?? '');
    if (typeof plan === 'string' || !ip || !inPrefix6(ip, plan.cidr))
      throw failed(`jail ${j.name}'s DHCPv6 lease record (${dhcp6Paths(ctx.runDir, lab, j.name).lease}) holds no address of ${net.subnet6}`);
    setJailAddr6(ctx.db, j.uuid, ip);
    j.addr6 = ip;
  }
}

/** What a recording host assumes DHCPv6 clients lease (plans; dnsmasq picks others). */
function assumeLeases6(ctx: LinuxContext, lab: string, jails: JailRow[]): void {
  for (const j of jails) {
    const plan = planSubnet6(getNetwork(ctx.db, lab, j.network!)!.subnet6!);
    const ip = typeof plan === 'string' ? undefined : assumedLease6(ctx, lab, j.network!, plan.cidr);
    if (!ip) continue;
    setJailAddr6(ctx.db, j.uuid, ip);
    j.addr6 = ip;
  }
}
