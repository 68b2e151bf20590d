// DHCP and DNS membership: udhcpc in jails, the router's hosts file for static jails, lease and server state.
import { join } from 'node:path';
import { waitFor } from '../../util/sleep.js';
import type { JailRow } from '../../core/model.js';
import { parseDnsmasqLeases, type DnsmasqLease } from '../../core/dnsmasq.js';
import { getNetwork } from '../../state/networks.js';
import { recordProcess, routerOf, setJailAddr } from '../../state/jails.js';
import { failed } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { parseLeaseFile } from './confgen.js';
import { cgroupDir } from './facts.js';
import { jailEngineArgv } from './enter.js';
import { alive, hostPidOf } from './kill.js';
import { jailNetns } from './names.js';
import { jailPaths, labPaths } from './paths.js';
import { cleanEnv } from './services.js';
import { upstreamPaths } from './upstream.js';

/** Files of a router jail. */
export function routerPaths(runDir: string, lab: string, router: string) {
  const dir = jailPaths(runDir, lab, router).dir;
  return {
    conf: join(dir, 'dnsmasq.conf'),
    hosts: join(dir, 'dns-hosts'),
    leases: join(dir, 'dhcp-leases'),
    pid: join(dir, 'dnsmasq.pid'),
    nft: join(dir, 'router.nft'),
    uplinkLease: join(dir, 'uplink.lease'),
    dhcpHosts: join(dir, 'dhcp-hosts'),
    /** The exposed ports' proxy: its config, its PID (written by vessel) and its log. */
    haproxyCfg: join(dir, 'haproxy.cfg'),
    haproxyPid: join(dir, 'haproxy.pid'),
    haproxyLog: join(dir, 'haproxy.log'),
  };
}

/** The udhcpc event script of a lab (written when the lab is made). */
export function udhcpcScript(runDir: string, lab: string): string {
  return join(labPaths(runDir, lab).lib, 'udhcpc.script');
}

/** A jail's lease record (written by the udhcpc script). */
export function jailLeaseFile(runDir: string, lab: string, jail: string): string {
  return join(jailPaths(runDir, lab, jail).dir, 'lease');
}

/** The host pid of a router's dnsmasq when it is running (its pid file holds the pid in the router's process space). */
export async function dnsmasqPid(ctx: LinuxContext, lab: string, router: string): Promise<number | undefined> {
  const nsPid = Number((await ctx.host.readFile(routerPaths(ctx.runDir, lab, router).pid))?.trim());
  if (!nsPid) return undefined;
  // A recording host has no /proc to search: the pid it simulated is the one.
  const pid = ctx.host.live ? await hostPidOf(ctx.host, cgroupDir(ctx.cgroupRoot, lab, router), nsPid) : nsPid;
  if (!pid) return undefined;
  const p = await ctx.host.process(pid);
  return p && !p.zombie && p.name === 'dnsmasq' ? pid : undefined;
}

/** The leases dnsmasq has recorded for a network. */
export async function networkLeases(ctx: LinuxContext, lab: string, router: string): Promise<DnsmasqLease[]> {
  const text = await ctx.host.readFile(routerPaths(ctx.runDir, lab, router).leases);
  return text === undefined ? [] : parseDnsmasqLeases(text);
}

/** What a recording host assumes a jail's DHCP client writes: a lease of the address the plan gives it. */
export type AssumedLease = { ip: string; prefix: number; router: string; dns: string; domain?: string };

/**
 * Starts the udhcpc client of a jail in its cgroup, sending its hostname. -R: on SIGTERM (destroy) it releases
 * its lease, so the router frees the address and forgets the name.
 */
export async function startDhcpClient(
  ctx: LinuxContext,
  j: JailRow,
  iface = 'eth0',
  leaseFile = jailLeaseFile(ctx.runDir, j.lab, j.name),
  assumed?: AssumedLease,
): Promise<number> {
  const pidFile = join(jailPaths(ctx.runDir, j.lab, j.name).dir, iface === 'eth0' ? 'udhcpc.pid' : `udhcpc-${iface}.pid`);
  const argv = jailEngineArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: j.lab, name: j.name, wd: '/' }, [
    'busybox',
    'udhcpc',
    '-f',
    '-R',
    '-i',
    iface,
    '-s',
    udhcpcScript(ctx.runDir, j.lab),
    '-x',
    `hostname:${j.name}`,
    '-t',
    '20',
    '-T',
    '1',
    '-A',
    '1',
    '-O',
    'search',
    '-p',
    pidFile,
  ]);
  const pid = await ctx.host.start(argv, {
    name: 'busybox',
    cgroup: cgroupDir(ctx.cgroupRoot, j.lab, j.name),
    log: join(jailPaths(ctx.runDir, j.lab, j.name).dir, 'dhcp.log'),
    env: cleanEnv({ VESSEL_LEASE_FILE: leaseFile, VESSEL_RESOLV_FILE: jailPaths(ctx.runDir, j.lab, j.name).resolv }),
    simulated: (p) => ({ [pidFile]: `${p}\n`, ...(assumed ? { [leaseFile]: assumedLeaseText(assumed) } : {}) }),
  });
  recordProcess(ctx.db, j.lab, j.name, pid, (await ctx.host.process(pid))?.start ?? null, 'dhcp');
  return pid;
}

/** The lease file the udhcpc script would write for an assumed lease (plans). */
function assumedLeaseText(l: AssumedLease): string {
  return `ip=${l.ip}\nmask=${l.prefix}\nrouter=${l.router}\ndns=${l.dns}\n${l.domain ? `domain=${l.domain}\n` : ''}`;
}

/** Waits until every jail's udhcpc holds a lease (from its router, or from the upstream on the outside network); records addresses. */
export async function leaseAll(ctx: LinuxContext, lab: string, jails: JailRow[], router: JailRow | undefined): Promise<void> {
  const server = router
    ? {
        name: router.name,
        what: `the DHCP server of network ${router.network} (dnsmasq in ${router.name})`,
        up: async () => Boolean(await dnsmasqPid(ctx, lab, router.name)),
      }
    : { name: 'the upstream', what: "the simulated upstream's DHCP server (dnsmasq)", up: () => upstreamDnsmasqUp(ctx, lab) };
  if (!(await server.up())) throw failed(`${server.what} is not running`);
  const files = jails.map((j) => jailLeaseFile(ctx.runDir, lab, j.name));
  // While waiting, a client or server that died is a precise failure at once, not a 15 s timeout.
  let died: string | undefined;
  const clientGone = async (j: JailRow): Promise<boolean> => {
    const pid = await clientPid(ctx, lab, j.name);
    return pid !== undefined && !(await alive(ctx.host, pid));
  };
  const have = new Set<number>();
  // Leases are looked for every poll; dead clients and servers only every 250 ms (it reads /proc per jail).
  let nextDeathCheck = 0;
  const ok = await waitFor(async () => {
    for (let i = 0; i < files.length; i++) if (!have.has(i) && (await ctx.host.exists(files[i]!))) have.add(i);
    if (have.size === files.length) return true;
    if (Date.now() < nextDeathCheck) return false;
    nextDeathCheck = Date.now() + 250;
    for (let i = 0; i < jails.length; i++) {
      if (have.has(i) || !(await clientGone(jails[i]!))) continue;
      const gone = jails[i]!;
      const log = await ctx.host.readFile(join(jailPaths(ctx.runDir, lab, gone.name).dir, 'dhcp.log'));
      const last = log?.trim().split('\n').pop() ?? '';
      died = `the DHCP client of jail ${gone.name} (busybox udhcpc) exited before it got a lease from ${server.name}${last ? `; its log ends: ${last}` : ''}`;
      return true;
    }
    if (!(await server.up())) {
      died = `${server.what} stopped while jails were waiting for leases`;
      return true;
    }
    return false;
  }, 15_000);
  if (died) throw failed(died);
  if (!ok) {
    const missing = jails.filter((_, i) => !have.has(i)).map((j) => j.name);
    throw failed(
      `no DHCP lease from ${server.name} within 15 s for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
    );
  }
  const leased: { j: JailRow; ip: string | null }[] = [];
  for (let i = 0; i < jails.length; i++) leased.push({ j: jails[i]!, ip: parseLeaseFile((await ctx.host.readFile(files[i]!)) ?? '').ip ?? null });
  ctx.db.transaction(() => {
    for (const { j, ip } of leased) {
      setJailAddr(ctx.db, j.uuid, ip);
      j.addr = ip;
    }
  })();
}

/** True while the simulated upstream's dnsmasq (the outside network's DHCP server) runs. */
export async function upstreamDnsmasqUp(ctx: LinuxContext, lab: string): Promise<boolean> {
  const pid = Number((await ctx.host.readFile(upstreamPaths(ctx.runDir, lab).pid))?.trim());
  if (!pid) return false;
  const p = await ctx.host.process(pid);
  return Boolean(p && !p.zombie && p.name === 'dnsmasq');
}

/** The leases the simulated upstream's dnsmasq holds (the outside network's jails, and the routers' outside legs). */
export async function upstreamLeases(ctx: LinuxContext, lab: string): Promise<DnsmasqLease[]> {
  return parseDnsmasqLeases((await ctx.host.readFile(upstreamPaths(ctx.runDir, lab).leases)) ?? '');
}

/** Tells the router's dnsmasq to re-read its files. */
async function reloadDns(ctx: LinuxContext, lab: string, router: JailRow): Promise<void> {
  const pid = await dnsmasqPid(ctx, lab, router.name);
  if (pid) await ctx.host.signal(pid, 'SIGHUP');
}

/** Adds static jails, and jails' IPv6 addresses, to the router's DNS (`name` and `name.domain`) and reloads dnsmasq. */
export async function registerStatic(ctx: LinuxContext, lab: string, router: JailRow, jails: JailRow[]): Promise<void> {
  const net = getNetwork(ctx.db, lab, router.network!)!;
  const p = routerPaths(ctx.runDir, lab, router.name);
  // IPv4 names of static jails (DHCP ones are named by their lease), and the IPv6 names of every jail that has an
  // IPv6 address: dnsmasq names no SLAAC address by itself, so the engine does.
  const lines = jails
    .flatMap((j) => [...(j.addr && !j.dhcp ? [j.addr] : []), ...(j.addr6 ? [j.addr6] : [])].map((a) => `${a}\t${j.name}.${net.domain} ${j.name}\n`))
    .join('');
  if (!lines) return;
  await ctx.host.appendFile(p.hosts, lines);
  await reloadDns(ctx, lab, router);
}

/** Rewrites a router file without the lines `drop` picks; false when there is no such file. */
async function dropLines(ctx: LinuxContext, path: string, drop: (line: string) => boolean): Promise<boolean> {
  const text = await ctx.host.readFile(path);
  if (text === undefined) return false;
  const keep = text.split('\n').filter((l) => l && !drop(l));
  await ctx.host.writeFile(path, keep.map((l) => `${l}\n`).join(''));
  return true;
}

/** Removes static jails from the router's DNS. */
export async function unregisterStatic(ctx: LinuxContext, lab: string, router: JailRow, names: string[]): Promise<void> {
  if (await dropLines(ctx, routerPaths(ctx.runDir, lab, router.name).hosts, (l) => names.includes(l.split(/\s+/).pop() ?? '')))
    await reloadDns(ctx, lab, router);
}

/** Binds slotted DHCP jails' MACs to their slot addresses in the router (dnsmasq dhcp-hostsfile), so their leases are fixed. */
export async function bindSlots(ctx: LinuxContext, lab: string, router: JailRow, jails: JailRow[]): Promise<void> {
  await ctx.host.appendFile(routerPaths(ctx.runDir, lab, router.name).dhcpHosts, jails.map((j) => `${j.mac},${j.addr},${j.name}\n`).join(''));
  await reloadDns(ctx, lab, router);
}

/** Removes jails' slot bindings from the router. */
export async function unbindSlots(ctx: LinuxContext, lab: string, router: JailRow, names: string[]): Promise<void> {
  if (await dropLines(ctx, routerPaths(ctx.runDir, lab, router.name).dhcpHosts, (l) => names.includes(l.split(',')[2] ?? '')))
    await reloadDns(ctx, lab, router);
}

/** The pid in a jail's udhcpc pid file (the client may have died since), or undefined when there is none. */
async function clientPid(ctx: LinuxContext, lab: string, jail: string): Promise<number | undefined> {
  const pid = Number((await ctx.host.readFile(join(jailPaths(ctx.runDir, lab, jail).dir, 'udhcpc.pid')))?.trim());
  return pid > 0 ? pid : undefined;
}

/**
 * Gives back the leases of jails about to be destroyed, so their addresses return to the pool and their
 * names leave the router's DNS. Each live client releases its own (udhcpc -R sends DHCPRELEASE on SIGTERM);
 * a lease still held after that (its client was dead) is released from the router's side with dhcp_release.
 * Returns what could not be released.
 */
export async function releaseLeases(ctx: LinuxContext, lab: string, jails: JailRow[], dying: string[]): Promise<string[]> {
  const still: string[] = [];
  const pids: number[] = [];
  for (const j of jails) {
    const pid = await clientPid(ctx, lab, j.name);
    if (pid !== undefined && (await alive(ctx.host, pid))) pids.push(pid);
  }
  if (pids.length) {
    for (const pid of pids) await ctx.host.signal(pid, 'SIGTERM');
    await waitFor(async () => {
      for (const pid of pids) if (await alive(ctx.host, pid)) return false;
      return true;
    }, 2000);
  }
  const byRouter = new Map<string, JailRow[]>();
  for (const j of jails) {
    const r = routerOf(ctx.db, lab, j.network!);
    if (r && !dying.includes(r.name)) byRouter.set(r.name, [...(byRouter.get(r.name) ?? []), j]);
  }
  for (const [router, js] of byRouter) {
    if (!(await dnsmasqPid(ctx, lab, router))) continue;
    const macs = new Set(js.map((j) => j.mac));
    // dnsmasq rewrites its lease file as it handles each release.
    const held = async () => (await networkLeases(ctx, lab, router)).filter((l) => macs.has(l.mac));
    if (pids.length) await waitFor(async () => (await held()).length === 0, 1000);
    for (const l of await held()) {
      await ctx.host.run(
        ['nsenter', `--net=/run/netns/${jailNetns(lab, router)}`, '--', 'dhcp_release', 'eth0', l.ip, l.mac, ...(l.clientId !== '*' ? [l.clientId] : [])],
        { allowFail: true },
      );
    }
    if (!(await waitFor(async () => (await held()).length === 0, 1000))) still.push(`${router} still leases ${(await held()).map((l) => l.ip).join(', ')}`);
  }
  return still;
}
