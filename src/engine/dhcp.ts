// DHCP and DNS membership: udhcpc in jails, the router's hosts file for static jails, lease and server state.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineContext, JailRow, NetworkRow } from './context.js';
import { parseDnsmasqLeases, parseLeaseFile, type DnsmasqLease } from './confgen.js';
import { failed } from './errors.js';
import { cgroupDir, processStart } from './host.js';
import { jailArgv } from './enter.js';
import { jailNetns } from './ifnames.js';
import { jailPaths, labPaths } from './paths.js';
import { cleanEnv, spawnDetached, waitFor } from './services.js';

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
  };
}

/** The udhcpc event script of a lab (written when the lab is made). */
export function udhcpcScript(runDir: string, lab: string): string {
  return join(labPaths(runDir, lab).root, 'udhcpc.script');
}

/** A jail's lease record (written by the udhcpc script). */
export function jailLeaseFile(runDir: string, lab: string, jail: string): string {
  return join(jailPaths(runDir, lab, jail).dir, 'lease');
}

/** The router jail of a network, if it has one. */
export function routerOf(ctx: EngineContext, lab: string, network: string): JailRow | undefined {
  return ctx.db.prepare("SELECT * FROM jails WHERE lab = ? AND network = ? AND role = 'router'").get(lab, network) as JailRow | undefined;
}

/** The pid of a router's dnsmasq when it is running. */
export function dnsmasqPid(ctx: EngineContext, lab: string, router: string): number | undefined {
  try {
    const pid = Number(readFileSync(routerPaths(ctx.runDir, lab, router).pid, 'utf8').trim());
    if (!pid || !existsSync(`/proc/${pid}`)) return undefined;
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return comm === 'dnsmasq' ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The leases dnsmasq has recorded for a network. */
export function networkLeases(ctx: EngineContext, lab: string, router: string): DnsmasqLease[] {
  try {
    return parseDnsmasqLeases(readFileSync(routerPaths(ctx.runDir, lab, router).leases, 'utf8'));
  } catch {
    return [];
  }
}

/** Starts the udhcpc client of a jail (in its cgroup, sending its hostname). */
export function startDhcpClient(ctx: EngineContext, j: JailRow, iface = 'eth0', leaseFile = jailLeaseFile(ctx.runDir, j.lab, j.name), extraEnv: Record<string, string> = {}): number {
  const argv = jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: j.lab, name: j.name, wd: '/' }, [
    'busybox', 'udhcpc', '-f', '-R', '-i', iface, '-s', udhcpcScript(ctx.runDir, j.lab), '-x', `hostname:${j.name}`,
    '-t', '20', '-T', '1', '-A', '1', '-O', 'search',
  ]);
  const pid = spawnDetached(argv, cgroupDir(ctx.cgroupRoot, j.lab, j.name), join(jailPaths(ctx.runDir, j.lab, j.name).dir, 'dhcp.log'), cleanEnv({ VESSEL_LEASE_FILE: leaseFile, ...extraEnv }));
  ctx.db.prepare('INSERT OR REPLACE INTO processes (lab, jail, pid, start_time, role, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(j.lab, j.name, pid, processStart(pid) ?? null, 'dhcp', new Date().toISOString());
  return pid;
}

/** Waits until every jail's udhcpc (started by the jail's setup) holds a lease; records addresses and client pids. */
export async function leaseAll(ctx: EngineContext, lab: string, jails: JailRow[], router: JailRow): Promise<void> {
  if (!dnsmasqPid(ctx, lab, router.name)) throw failed(`the DHCP server of network ${router.network} (dnsmasq in ${router.name}) is not running`);
  const files = jails.map((j) => jailLeaseFile(ctx.runDir, lab, j.name));
  // While waiting, a client or server that died is a precise failure at once, not a 15 s timeout.
  let died: string | undefined;
  const clientGone = (j: JailRow): boolean => {
    const pid = clientPidFile(ctx, lab, j.name);
    return pid !== undefined && processStart(pid) === undefined;
  };
  // Leases are looked for every poll; dead clients and servers only every 250 ms (it reads /proc per jail).
  let nextDeathCheck = 0;
  const ok = await waitFor(() => {
    if (files.every((f) => existsSync(f))) return true;
    if (Date.now() < nextDeathCheck) return false;
    nextDeathCheck = Date.now() + 250;
    const gone = jails.find((j, i) => !existsSync(files[i]!) && clientGone(j));
    if (gone) {
      const log = join(jailPaths(ctx.runDir, lab, gone.name).dir, 'dhcp.log');
      const last = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').pop() ?? '' : '';
      died = `the DHCP client of jail ${gone.name} (busybox udhcpc) exited before it got a lease from ${router.name}${last ? `; its log ends: ${last}` : ''}`;
      return true;
    }
    if (!dnsmasqPid(ctx, lab, router.name)) {
      died = `the DHCP server of network ${router.network} (dnsmasq in ${router.name}) stopped while jails were waiting for leases`;
      return true;
    }
    return false;
  }, 15_000);
  if (died) throw failed(died);
  if (!ok) {
    const missing = jails.filter((j, i) => !existsSync(files[i]!)).map((j) => j.name);
    throw failed(`no DHCP lease from ${router.name} within 15 s for ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
  }
  const upd = ctx.db.prepare('UPDATE jails SET addr = ? WHERE uuid = ?');
  const proc = ctx.db.prepare('INSERT OR REPLACE INTO processes (lab, jail, pid, start_time, role, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  ctx.db.transaction(() => {
    jails.forEach((j, i) => {
      const ip = parseLeaseFile(readFileSync(files[i]!, 'utf8')).ip ?? null;
      upd.run(ip, j.uuid);
      j.addr = ip;
      const pid = clientPidFile(ctx, lab, j.name);
      if (pid) proc.run(lab, j.name, pid, processStart(pid) ?? null, 'dhcp', now);
    });
  })();
}

/** Tells the router's dnsmasq to re-read its files. */
function reloadDns(ctx: EngineContext, lab: string, router: JailRow): void {
  const pid = dnsmasqPid(ctx, lab, router.name);
  if (pid) process.kill(pid, 'SIGHUP');
}

/** Adds static jails to the router's DNS (`name` and `name.domain`) and reloads dnsmasq. */
export async function registerStatic(ctx: EngineContext, lab: string, router: JailRow, jails: JailRow[]): Promise<void> {
  const net = ctx.db.prepare('SELECT * FROM networks WHERE lab = ? AND name = ?').get(lab, router.network) as NetworkRow;
  const p = routerPaths(ctx.runDir, lab, router.name);
  const lines = jails.filter((j) => j.addr).map((j) => `${j.addr}\t${j.name}.${net.domain} ${j.name}\n`).join('');
  writeFileSync(p.hosts, lines, { flag: 'a' });
  reloadDns(ctx, lab, router);
}

/** Removes static jails from the router's DNS. */
export async function unregisterStatic(ctx: EngineContext, lab: string, router: JailRow, names: string[]): Promise<void> {
  const p = routerPaths(ctx.runDir, lab, router.name);
  if (!existsSync(p.hosts)) return;
  const keep = readFileSync(p.hosts, 'utf8').split('\n').filter((l) => l && !names.includes(l.split(/\s+/).pop() ?? ''));
  writeFileSync(p.hosts, keep.map((l) => `${l}\n`).join(''));
  reloadDns(ctx, lab, router);
}

/** Binds slotted DHCP jails' MACs to their slot addresses in the router (dnsmasq dhcp-hostsfile), so their leases are fixed. */
export function bindSlots(ctx: EngineContext, lab: string, router: JailRow, jails: JailRow[]): void {
  const p = routerPaths(ctx.runDir, lab, router.name);
  writeFileSync(p.dhcpHosts, jails.map((j) => `${j.mac},${j.addr},${j.name}\n`).join(''), { flag: 'a' });
  reloadDns(ctx, lab, router);
}

/** Removes jails' slot bindings from the router. */
export function unbindSlots(ctx: EngineContext, lab: string, router: JailRow, names: string[]): void {
  const p = routerPaths(ctx.runDir, lab, router.name);
  if (!existsSync(p.dhcpHosts)) return;
  const keep = readFileSync(p.dhcpHosts, 'utf8').split('\n').filter((l) => l && !names.includes(l.split(',')[2] ?? ''));
  writeFileSync(p.dhcpHosts, keep.map((l) => `${l}\n`).join(''));
  reloadDns(ctx, lab, router);
}

/** The pid in a jail's udhcpc pid file (the client may have died since), or undefined when there is none. */
function clientPidFile(ctx: EngineContext, lab: string, jail: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(jailPaths(ctx.runDir, lab, jail).dir, 'udhcpc.pid'), 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gives back the leases of jails about to be destroyed, so their addresses return to the pool and their
 * names leave the router's DNS. Each live client releases its own (udhcpc -R sends DHCPRELEASE on SIGTERM);
 * a lease still held after that (its client was dead) is released from the router's side with dhcp_release.
 * Returns what could not be released.
 */
export async function releaseLeases(ctx: EngineContext, lab: string, jails: JailRow[], dying: string[]): Promise<string[]> {
  const still: string[] = [];
  const pids = jails.map((j) => clientPidFile(ctx, lab, j.name)).filter((p): p is number => p !== undefined && processStart(p) !== undefined);
  if (pids.length) {
    await ctx.cmd.run(['kill', '-TERM', ...pids.map(String)], { allowFail: true });
    await waitFor(() => pids.every((p) => processStart(p) === undefined), 2000);
  }
  const byRouter = new Map<string, JailRow[]>();
  for (const j of jails) {
    const r = routerOf(ctx, lab, j.network!);
    if (r && !dying.includes(r.name)) byRouter.set(r.name, [...(byRouter.get(r.name) ?? []), j]);
  }
  for (const [router, js] of byRouter) {
    if (!dnsmasqPid(ctx, lab, router)) continue;
    const macs = new Set(js.map((j) => j.mac));
    // dnsmasq rewrites its lease file as it handles each release.
    const held = () => networkLeases(ctx, lab, router).filter((l) => macs.has(l.mac));
    if (pids.length) await waitFor(() => held().length === 0, 1000);
    for (const l of held()) {
      await ctx.cmd.run(['nsenter', `--net=/run/netns/${jailNetns(lab, router)}`, '--', 'dhcp_release', 'eth0', l.ip, l.mac, ...(l.clientId !== '*' ? [l.clientId] : [])], { allowFail: true });
    }
    if (!(await waitFor(() => held().length === 0, 1000))) still.push(`${router} still leases ${held().map((l) => l.ip).join(', ')}`);
  }
  return still;
}
