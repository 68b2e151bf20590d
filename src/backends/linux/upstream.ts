// The simulated outside of a run's lab: a VirtualBox-style NAT network (10.0.2.0/24) with its own dnsmasq,
// and an "internet" host www.example (198.51.100.80) with an HTTP listener. All in the lab's namespaces.
import { waitListening } from '../../core/listen.js';
import { bashConnect } from './listen.js';
import { join } from 'node:path';
import { waitFor } from '../../util/sleep.js';
import { record } from '../../state/ledger.js';
import { failed } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { UPSTREAM, UPSTREAM6, upstreamDnsmasqArgs } from '../../core/upstream.js';
import { cgroupDir } from './facts.js';
import { hostNetns, sysctlArgv, UPLINK_BRIDGE, upstreamNetns, wwwNetns } from './names.js';
import { labPaths } from './paths.js';
import { cleanEnv } from './services.js';

/** The lab host's simulated ENI. */
export const ENI = 'eni0';

/** Files of a lab's upstream. */
export function upstreamPaths(runDir: string, lab: string) {
  const dir = join(labPaths(runDir, lab).root, 'upstream');
  return {
    dir,
    www: join(dir, 'www'),
    wwwLog: join(dir, 'www.log'),
    dnsmasqLog: join(dir, 'dnsmasq.log'),
    leases: join(dir, 'leases'),
    pid: join(dir, 'dnsmasq.pid'),
    /** www.example's own hosts and resolv.conf (its listeners' mount namespace shows them over the host's). */
    wwwHosts: join(dir, 'www.hosts'),
    wwwResolv: join(dir, 'www.resolv.conf'),
    /** Made once www.example listens on IPv6 too (started with the lab's first IPv6 network). */
    www6: join(dir, 'www6.started'),
  };
}

/**
 * www.example's HTTP listener on one of its addresses, in its netns and in a mount namespace of its own that shows
 * its own hosts file and resolv.conf. Python's http.server looks its address up by name when it starts
 * (socket.getfqdn); with the machine's files, that query went to the machine's name server, from inside the lab,
 * where nothing answers it: the listener started only when the lookup timed out (about 5 s, when the kernel had
 * just refused to send another "unreachable" for it). Its own hosts file answers at once, and its resolv.conf names
 * the upstream's DNS, inside the lab.
 */
function wwwArgv(ctx: LinuxContext, lab: string, bind: string): string[] {
  const p = upstreamPaths(ctx.runDir, lab);
  return [
    'nsenter',
    `--net=/run/netns/${wwwNetns(lab)}`,
    '--',
    'unshare',
    '--mount',
    '--',
    'sh',
    '-c',
    'mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/resolv.conf && shift 2 && exec "$@"',
    'vessel-www',
    p.wwwHosts,
    p.wwwResolv,
    'python3',
    '-m',
    'http.server',
    '80',
    '--bind',
    bind,
    '--directory',
    p.www,
  ];
}

/** The cgroup of the upstream's processes (a name no jail can have). */
export function upstreamCgroup(root: string, lab: string): string {
  return join(cgroupDir(root, lab), '_upstream');
}

/** Builds the uplink bridge, the upstream and the www.example host, and starts their services. */
export async function createUpstream(ctx: LinuxContext, lab: string): Promise<void> {
  const up = upstreamNetns(lab);
  const www = wwwNetns(lab);
  const p = upstreamPaths(ctx.runDir, lab);
  const cg = upstreamCgroup(ctx.cgroupRoot, lab);
  record(ctx.db, lab, [
    { kind: 'netns-jail', name: up, owner: '_upstream' },
    { kind: 'netns-jail', name: www, owner: '_upstream' },
    { kind: 'cgroup', name: cg, owner: '_upstream' },
  ]);
  await ctx.host.mkdir(p.www);
  await ctx.host.mkdir(cg);
  await ctx.host.writeFile(join(p.www, 'index.html'), '<!doctype html><title>www.example</title><p>Hello from www.example, the simulated internet.</p>\n');
  await ctx.host.run(['ip', '-batch', '-'], { input: `netns add ${up}\nnetns add ${www}\n` });
  // IPv6 in both before their links exist (links take a namespace's defaults when made): no duplicate address
  // detection, whose second of waiting keeps a new address from use (the addresses here are unique by plan).
  for (const ns of [up, www]) await ctx.host.run(sysctlArgv(ns, ['net.ipv6.conf.default.accept_dad=0', 'net.ipv6.conf.all.accept_dad=0']));
  // The lab host takes no router advertisement on any link (the upstream's would give it an address and a route on
  // the uplink, where it has no leg; a network's router's, a route out through it): links made from now on inherit it.
  await ctx.host.run(sysctlArgv(hostNetns(lab), ['net.ipv6.conf.default.accept_ra=0', 'net.ipv6.conf.default.autoconf=0']));
  await ctx.host.run(['ip', '-n', hostNetns(lab), '-batch', '-'], {
    input:
      [
        `link add ${UPLINK_BRIDGE} type bridge`,
        `link set dev ${UPLINK_BRIDGE} addrgenmode none`,
        `link set ${UPLINK_BRIDGE} up`,
        `link add vup type veth peer name up0 netns ${up}`,
        'link set dev vup addrgenmode none',
        `link set vup master ${UPLINK_BRIDGE}`,
        'link set vup up',
        // The "ENI": a second NIC of the lab host on the VPC subnet, whose router is the upstream.
        `link add ${ENI} type veth peer name vpc0 netns ${up}`,
        `link set dev ${ENI} addrgenmode none`,
        `addr add ${UPSTREAM.eniHost}/20 dev ${ENI}`,
        `addr add ${UPSTREAM6.eniHost}/64 dev ${ENI} nodad`,
        `link set ${ENI} up`,
      ].join('\n') + '\n',
  });
  await ctx.host.run(['ip', '-n', up, '-batch', '-'], {
    input:
      [
        'link set lo up',
        `addr add ${UPSTREAM.gateway}/24 dev up0`,
        `addr add ${UPSTREAM.dns}/24 dev up0`,
        `addr add ${UPSTREAM6.gateway}/64 dev up0 nodad`,
        `addr add ${UPSTREAM6.dns}/64 dev up0 nodad`,
        'link set up0 up',
        `link add in0 type veth peer name eth0 netns ${www}`,
        `addr add ${UPSTREAM.internetGateway}/24 dev in0`,
        `addr add ${UPSTREAM6.internetGateway}/64 dev in0 nodad`,
        'link set in0 up',
        `addr add ${UPSTREAM.eniGateway}/20 dev vpc0`,
        `addr add ${UPSTREAM6.eniGateway}/64 dev vpc0 nodad`,
        'link set vpc0 up',
      ].join('\n') + '\n',
  });
  await ctx.host.run(['ip', '-n', www, '-batch', '-'], {
    input:
      [
        'link set lo up',
        `addr add ${UPSTREAM.www}/24 dev eth0`,
        `addr add ${UPSTREAM6.www}/64 dev eth0 nodad`,
        'link set eth0 up',
        `route add default via ${UPSTREAM.internetGateway}`,
        `route add default via ${UPSTREAM6.internetGateway}`,
      ].join('\n') + '\n',
  });
  await ctx.host.run(sysctlArgv(up, ['net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1']));
  await ctx.host.start(
    [
      'nsenter',
      `--net=/run/netns/${up}`,
      '--',
      'dnsmasq',
      '--keep-in-foreground',
      '--conf-file=/dev/null',
      '--user=root',
      '--interface=up0',
      ...upstreamDnsmasqArgs({ leaseFile: p.leases, pidFile: p.pid, ipv6: true }),
    ],
    { name: 'dnsmasq', cgroup: cg, log: p.dnsmasqLog, env: cleanEnv(), simulated: (pid) => ({ [p.pid]: `${pid}\n` }) },
  );
  await ctx.host.writeFile(p.wwwHosts, `127.0.0.1\tlocalhost\n::1\tlocalhost\n${UPSTREAM.www}\t${UPSTREAM.wwwName}\n${UPSTREAM6.www}\t${UPSTREAM.wwwName}\n`);
  await ctx.host.writeFile(p.wwwResolv, `nameserver ${UPSTREAM.dns}\n`);
  await ctx.host.start(wwwArgv(ctx, lab, UPSTREAM.www), {
    name: 'python3',
    cgroup: cg,
    log: p.wwwLog,
    env: cleanEnv({ PYTHONUNBUFFERED: '1' }),
  });
  const ok = await waitFor(() => ctx.host.exists(p.pid), 5000);
  if (!ok) throw failed(`the upstream's dnsmasq did not start (see ${p.dnsmasqLog})`);
  if (!(await waitListening(ctx.host, bashConnect(`/run/netns/${www}`, UPSTREAM.www, 80))))
    throw failed(`the www.example listener did not start (see ${p.wwwLog})`);
}

/**
 * www.example's listener on its IPv6 address, started with the lab's first IPv6 network (a second http.server: one
 * bound to both families would log IPv4 clients as ::ffff:a.b.c.d, and recipes read the log). Its log is the same file.
 */
export async function ensureWww6(ctx: LinuxContext, lab: string): Promise<void> {
  const p = upstreamPaths(ctx.runDir, lab);
  if (await ctx.host.exists(p.www6)) return;
  const www = wwwNetns(lab);
  await ctx.host.start(wwwArgv(ctx, lab, UPSTREAM6.www), {
    name: 'python3',
    cgroup: upstreamCgroup(ctx.cgroupRoot, lab),
    log: p.wwwLog,
    env: cleanEnv({ PYTHONUNBUFFERED: '1' }),
  });
  if (!(await waitListening(ctx.host, bashConnect(`/run/netns/${www}`, UPSTREAM6.www, 80))))
    throw failed(`the www.example listener on ${UPSTREAM6.www} did not start (see ${p.wwwLog})`);
  await ctx.host.writeFile(p.www6, '');
}
