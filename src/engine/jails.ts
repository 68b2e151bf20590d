// Jails: netns + UTS + mount namespaces (persistent by bind mount) + a cgroup, joined to a bridge by a veth.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { jailNameProblem, newJailNameProblem } from '../recipe/names.js';
import { objectsOf, record, type ObjectKind } from '../state/ledger.js';
import type { EngineContext, JailRow } from './context.js';
import { failed, usage } from './errors.js';
import { cgroupDir, processStart } from './host.js';
import { withBuild } from '../state/builds.js';
import { failpoint } from './failpoint.js';
import { hostNetns, hostVethName, jailNetns, macFromSeed, routerUplinkVeth, slotMac, UPLINK_BRIDGE } from './ifnames.js';
import { allocateAuto, intToIp, planSubnet, slotProblem, staticAddrProblem, withDhcpRange } from './ipam.js';
import { bindSlots, jailLeaseFile, leaseAll, registerStatic, releaseLeases, routerOf, udhcpcScript, unbindSlots, unregisterStatic } from './dhcp.js';
import { dirname, join } from 'node:path';
import { dbPath } from '../state/db.js';
import { killCgroup } from './kill.js';
import { getNetwork } from './networks.js';
import { jailPaths, labPaths } from './paths.js';
import { removeObjects } from './remove.js';

/** What to create. */
export interface JailSpec {
  name: string;
  count?: number;
  network: string;
  /** An IPv4 address, `auto` (default) or `dhcp`. */
  addr?: string;
  /** The service argv, started in the background with output in the jail's log. */
  command?: string[];
  /** Internal: the network's router (gets `.1`, and a leg on the uplink when there is one). */
  role?: 'router';
  /** The supervisor file that asks for these jails. */
  owner?: string;
  /** Working directory of the service. */
  wd?: string;
  /** Per jail: the settings to remember (for change detection) and extra service environment. */
  perJail?: (name: string, index: number | undefined) => { spec?: string; env?: Record<string, string> };
  /** A slot: the jail gets the subnet's K-th address and a MAC made from it (with count: K, K+1, ...). */
  slot?: number;
  /** Internal: with role router, the outside leg: a veth on the lab's uplink bridge, or a macvlan child of a NIC. */
  uplink?: { kind: 'bridge' } | { kind: 'nic'; nic: string };
}

/** Largest --count accepted in one call. */
export const MAX_COUNT = 1000;

/** A jail row, or undefined. */
export function getJail(ctx: EngineContext, lab: string, name: string): JailRow | undefined {
  return ctx.db.prepare('SELECT * FROM jails WHERE lab = ? AND name = ?').get(lab, name) as JailRow | undefined;
}

/** The jails of a lab in creation order. */
export function listJails(ctx: EngineContext, lab: string): JailRow[] {
  return ctx.db.prepare('SELECT * FROM jails WHERE lab = ? ORDER BY seq').all(lab) as JailRow[];
}

/** The names `--count` produces: NAME-1..NAME-K, or NAME alone. */
export function countedNames(name: string, count: number | undefined): string[] {
  if (count === undefined) return [name];
  return Array.from({ length: count }, (_, i) => `${name}-${i + 1}`);
}

/** What a backend records in the ledger for new jails (kernel objects, in creation order). */
export type JailObjects = (rows: JailRow[], spec: JailSpec) => { kind: ObjectKind; name: string; owner: string }[];

/** Validates a spec and reserves names, addresses and sequence numbers in one transaction (any backend). */
export function reserveJails(ctx: EngineContext, lab: string, spec: JailSpec, objectsFor: JailObjects): JailRow[] {
  if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > MAX_COUNT)) {
    throw usage(`--count=${spec.count} must be a whole number from 1 to ${MAX_COUNT}`);
  }
  const names = countedNames(spec.name, spec.count);
  for (const n of names) {
    const p = spec.role === 'router' ? jailNameProblem(n) : newJailNameProblem(n);
    if (p) throw usage(`jail name "${n}" ${p}`);
  }
  const net = getNetwork(ctx, lab, spec.network);
  if (!net) throw usage(`no network named ${spec.network} in lab ${lab} (see \`vessel network --list\`)`);
  const base = planSubnet(net.subnet);
  if (typeof base === 'string') throw usage(base);
  const plan = withDhcpRange(base, net.dhcp_first, net.dhcp_last);
  const addr = spec.addr ?? 'auto';
  if (addr !== 'auto' && addr !== 'dhcp' && names.length > 1) throw usage(`--addr=${addr} gives one jail one address; use --addr=auto or --addr=dhcp with --count`);
  if (addr === 'dhcp' && !routerOf(ctx, lab, spec.network)) throw usage(`network ${spec.network} has no router, so no DHCP server; use --addr=auto or an address`);
  if (spec.slot !== undefined && addr !== 'auto' && addr !== 'dhcp') throw usage('--slot gives the address; use it without --addr, or with --addr=dhcp for a DHCP lease bound to the slot');
  return ctx.db.transaction(() => {
    for (const n of names) if (getJail(ctx, lab, n)) throw usage(`a jail named ${n} already exists in lab ${lab}`);
    const taken = new Set((ctx.db.prepare('SELECT addr FROM jails WHERE lab = ? AND network = ? AND addr IS NOT NULL').all(lab, spec.network) as { addr: string }[]).map((r) => r.addr));
    let addrs: (string | null)[];
    if (spec.role === 'router') addrs = [intToIp(plan.gateway)];
    else if (spec.slot !== undefined) {
      addrs = names.map((_, i) => {
        const k = spec.slot! + i;
        const sp = slotProblem(plan, k);
        if (sp) throw usage(sp);
        const ip = intToIp(plan.network + k);
        const holder = ctx.db.prepare('SELECT name FROM jails WHERE lab = ? AND network = ? AND addr = ?').get(lab, spec.network, ip) as { name: string } | undefined;
        if (holder || taken.has(ip)) throw usage(`slot ${k} (${ip}) is already taken${holder ? ` by jail ${holder.name}` : ''}`);
        return ip;
      });
    } else if (addr === 'dhcp') {
      const size = plan.dhcpLast - plan.dhcpFirst + 1;
      const used = (ctx.db.prepare('SELECT count(*) AS n FROM jails WHERE lab = ? AND network = ? AND dhcp = 1 AND slot IS NULL').get(lab, spec.network) as { n: number }).n;
      if (size - used < names.length) {
        throw usage(`the DHCP range ${intToIp(plan.dhcpFirst)}-${intToIp(plan.dhcpLast)} of network ${spec.network} has ${size - used} free address(es), ${names.length} needed`);
      }
      addrs = names.map(() => null);
    } else if (addr === 'auto') {
      const a = allocateAuto(plan, taken, names.length);
      if (typeof a === 'string') throw usage(a);
      addrs = a;
    } else {
      const p = staticAddrProblem(plan, addr, taken);
      if (p) throw usage(p);
      addrs = [addr];
    }
    const lrow = ctx.db.prepare('SELECT next_seq FROM labs WHERE id = ?').get(lab) as { next_seq: number };
    ctx.db.prepare('UPDATE labs SET next_seq = ? WHERE id = ?').run(lrow.next_seq + names.length, lab);
    const ins = ctx.db.prepare('INSERT INTO jails (uuid, lab, name, seq, network, addr, mac, host_if, state, command, created_at, dhcp, role, owner, spec, env, wd, slot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const now = new Date().toISOString();
    const rows: JailRow[] = names.map((name, i) => {
      const uuid = (ctx.uuid ?? randomUUID)();
      const seq = lrow.next_seq + i;
      const row: JailRow = {
        uuid, lab, name, seq, network: spec.network, addr: addrs[i] ?? null, mac: spec.slot !== undefined ? slotMac(addrs[i]!) : macFromSeed(uuid, 'jail'), host_if: hostVethName(seq),
        state: 'creating', command: spec.command ? JSON.stringify(spec.command) : null, created_at: now,
        dhcp: addr === 'dhcp' && spec.role !== 'router' ? 1 : 0, role: spec.role ?? 'jail',
        owner: spec.owner ?? null, spec: null, env: null, wd: spec.wd ?? null, slot: spec.slot !== undefined ? spec.slot + i : null,
      };
      // A slotted DHCP jail's lease is bound to its slot: the address is known now.
      if (row.dhcp && row.slot === null) row.addr = null;
      const extra = spec.perJail?.(name, spec.count === undefined ? undefined : i + 1);
      row.spec = extra?.spec ?? null;
      row.env = extra?.env ? JSON.stringify(extra.env) : null;
      ins.run(row.uuid, lab, name, seq, row.network, row.addr, row.mac, row.host_if, row.state, row.command, now, row.dhcp, row.role, row.owner, row.spec, row.env, row.wd, row.slot);
      return row;
    });
    record(ctx.db, lab, objectsFor(rows, spec));
    return rows;
  }).immediate();
}

/** The Linux backend's kernel objects of new jails. */
function linuxObjects(ctx: EngineContext, lab: string): JailObjects {
  return (rows, spec) => {
    const objs: { kind: ObjectKind; name: string; owner: string }[] = [];
    for (const j of rows) {
      const p = jailPaths(ctx.runDir, lab, j.name);
      objs.push(
        { kind: 'netns-jail', name: jailNetns(lab, j.name), owner: j.name },
        { kind: 'nsfile', name: p.uts, owner: j.name },
        { kind: 'nsfile', name: p.mnt, owner: j.name },
        { kind: 'link', name: `${hostNetns(lab)}/${j.host_if}`, owner: j.name },
        ...(spec.role === 'router' && spec.uplink?.kind === 'bridge' ? [{ kind: 'link' as const, name: `${hostNetns(lab)}/${routerUplinkVeth(j.seq)}`, owner: j.name }] : []),
        ...(spec.role === 'router' && spec.uplink?.kind === 'nic' ? [{ kind: 'link' as const, name: `${jailNetns(lab, j.name)}/eth1`, owner: j.name }] : []),
        { kind: 'dir', name: p.dir, owner: j.name },
        { kind: 'cgroup', name: cgroupDir(ctx.cgroupRoot, lab, j.name), owner: j.name },
      );
    }
    return objs;
  };
}

// Runs inside the new jail netns: sets the hostname, bind-mounts the jail's files, remounts /sys,
// then configures the links from a batch file. $1 name, $2 hosts, $3 resolv.conf, $4 hostname, $5 ip batch.
// For a DHCP jail it then joins the jail's cgroup and leaves busybox udhcpc running there, with a clean
// environment: $6 cgroup, $7 event script, $8 lease file, $9 log, $10 pid file (all empty for other jails).
// $11 is the state database's folder: an empty tmpfs is mounted over it, so nothing in a jail can open the database.
export const SETUP = [
  // Files made here (the DHCP client's log and lease) are root's alone.
  'umask 077',
  'echo "$1" > /proc/sys/kernel/hostname',
  // (before /sys is remounted: the cgroup tree lives under it)
  '{ [ -z "$6" ] || echo $$ > "$6/cgroup.procs"; }',
  'mount --bind "$2" /etc/hosts',
  'mount --bind "$3" /etc/resolv.conf',
  'mount --bind "$4" /etc/hostname',
  '{ [ ! -d "${11}" ] || mount -t tmpfs -o size=4k,mode=0700 vessel-state-hidden "${11}"; }',
  'mount -t sysfs sysfs /sys',
  'ip -batch "$5"',
    // setsid: the client leaves the caller's process group, so the end of the step that made the jail does not end it.
  // -R: on SIGTERM (destroy) it releases its lease, so the router frees the address and forgets the name.
  '{ [ -z "$6" ] || { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin VESSEL_LEASE_FILE="$8" setsid busybox udhcpc -f -R -i eth0 -s "$7" -x "hostname:$1" -t 20 -T 1 -A 1 -O search -p "${10}" </dev/null >>"$9" 2>&1 & }; }',
].join(' && ');

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

/** Creates and starts jails; on any failure everything made for them is removed again. */
export async function createJails(ctx: EngineContext, lab: string, spec: JailSpec, start: (j: JailRow) => Promise<void>): Promise<JailRow[]> {
  // Until they are complete (leased, started), the jails are a build of this process: if it dies, the next vessel call removes them.
  const names = spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > MAX_COUNT) ? [] : countedNames(spec.name, spec.count);
  const mine = names.filter((n) => !getJail(ctx, lab, n));
  return withBuild(ctx.db, lab, 'jail', mine, process.pid, processStart(process.pid), () => buildJails(ctx, lab, spec, start));
}

/** The steps of createJails: reserve, namespaces and links, files, setup inside, leases, DNS, services. */
async function buildJails(ctx: EngineContext, lab: string, spec: JailSpec, start: (j: JailRow) => Promise<void>): Promise<JailRow[]> {
  const rows = reserveJails(ctx, lab, spec, linuxObjects(ctx, lab));
  const net = getNetwork(ctx, lab, spec.network)!;
  const plan = planSubnet(net.subnet);
  if (typeof plan === 'string') throw usage(plan);
  const gateway = intToIp(plan.gateway);
  const router = spec.role === 'router' ? undefined : routerOf(ctx, lab, spec.network);
  const resolv = router && net.domain ? `search ${net.domain}\nnameserver ${gateway}\n` : `nameserver ${gateway}\n`;
  const host = hostNetns(lab);
  try {
    await ctx.cmd.run(['ip', '-batch', '-'], { input: rows.map((j) => `netns add ${jailNetns(lab, j.name)}`).join('\n') + '\n' });
    const hostLines: string[] = [];
    for (const j of rows) {
      hostLines.push(
        `link add ${j.host_if} address ${macFromSeed(j.uuid, 'host')} type veth peer name eth0 address ${j.mac} netns ${jailNetns(lab, j.name)}`,
        `link set dev ${j.host_if} addrgenmode none`,
        `link set ${j.host_if} master ${net.bridge}`,
        `link set ${j.host_if} up`,
      );
      if (spec.role === 'router' && spec.uplink?.kind === 'bridge') {
        const vr = routerUplinkVeth(j.seq);
        hostLines.push(
          `link add ${vr} address ${macFromSeed(j.uuid, 'uplink-host')} type veth peer name eth1 address ${macFromSeed(j.uuid, 'uplink')} netns ${jailNetns(lab, j.name)}`,
          `link set dev ${vr} addrgenmode none`,
          `link set ${vr} master ${UPLINK_BRIDGE}`,
          `link set ${vr} up`,
        );
      }
    }
    await ctx.cmd.run(['ip', '-n', host, '-batch', '-'], { input: hostLines.join('\n') + '\n' });
    if (spec.role === 'router' && spec.uplink?.kind === 'nic') {
      // The outside leg is made straight inside the router's netns: nothing new stays next to the NIC.
      const j = rows[0]!;
      await ctx.cmd.run(['ip', 'link', 'add', 'link', spec.uplink.nic, 'name', 'eth1', 'address', macFromSeed(j.uuid, 'uplink'), 'netns', jailNetns(lab, j.name), 'type', 'macvlan', 'mode', 'bridge']);
    }
    mkdirSync(labPaths(ctx.runDir, lab).jailsDir, { recursive: true });
    for (const j of rows) {
      const p = jailPaths(ctx.runDir, lab, j.name);
      mkdirSync(p.dir, { recursive: true });
      writeFileSync(p.uts, '');
      writeFileSync(p.mnt, '');
      const fqdn = net.domain ? `${j.name}.${net.domain} ` : '';
      writeFileSync(p.hosts, `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${j.addr ? `${j.addr}\t${fqdn}${j.name}\n` : ''}`);
      writeFileSync(p.resolv, spec.role === 'router' ? 'nameserver 127.0.0.1\n' : resolv);
      writeFileSync(p.hostname, `${j.name}\n`);
      const lines = ['link set lo up', 'link set dev eth0 addrgenmode none'];
      if (j.addr && !j.dhcp) lines.push(`addr add ${j.addr}/${plan.prefix} dev eth0`);
      lines.push('link set eth0 up');
      if (spec.role === 'router') {
        if (spec.uplink) lines.push('link set dev eth1 addrgenmode none', 'link set eth1 up');
      } else if (j.addr && !j.dhcp) lines.push(`route add default via ${gateway} dev eth0 onlink`);
      writeFileSync(p.setup, lines.join('\n') + '\n');
      mkdirSync(cgroupDir(ctx.cgroupRoot, lab, j.name), { recursive: true });
    }
    const bound = rows.filter((j) => j.dhcp && j.slot !== null);
    if (router && bound.length) bindSlots(ctx, lab, router, bound);
    await pool(rows, 4, async (j) => {
      const p = jailPaths(ctx.runDir, lab, j.name);
      const dhcp = j.dhcp ? [cgroupDir(ctx.cgroupRoot, lab, j.name), udhcpcScript(ctx.runDir, lab), jailLeaseFile(ctx.runDir, lab, j.name), join(p.dir, 'dhcp.log'), join(p.dir, 'udhcpc.pid')] : [];
      await ctx.cmd.run([
        'nsenter', `--net=/run/netns/${jailNetns(lab, j.name)}`, '--',
        'unshare', `--uts=${p.uts}`, `--mount=${p.mnt}`, '--propagation', 'slave', '--',
        'sh', '-c', SETUP, 'vessel-setup', j.name, p.hosts, p.resolv, p.hostname, p.setup, ...(dhcp.length ? dhcp : ['', '', '', '', '']), dirname(dbPath()),
      ]);
    });
    const upd = ctx.db.prepare('UPDATE jails SET state = ? WHERE uuid = ?');
    ctx.db.transaction(() => {
      for (const j of rows) upd.run('created', j.uuid);
    })();
    for (const j of rows) j.state = 'created';
    await failpoint('jail');
    if (rows.some((j) => j.dhcp)) await leaseAll(ctx, lab, rows.filter((j) => j.dhcp), router!);
    if (router && rows.some((j) => !j.dhcp)) await registerStatic(ctx, lab, router, rows.filter((j) => !j.dhcp).map((j) => getJail(ctx, lab, j.name)!));
    for (const j of rows) if (j.command) await start(getJail(ctx, lab, j.name)!);
  } catch (e) {
    await destroyJails(ctx, lab, rows.map((j) => j.name));
    throw e;
  }
  return rows.map((j) => getJail(ctx, lab, j.name)!);
}

/** Destroys jails: kills their processes, unmounts their namespaces, deletes their netns and files. */
export async function destroyJails(ctx: EngineContext, lab: string, names: string[]): Promise<void> {
  const byNet = new Map<string, string[]>();
  for (const n of names) {
    const j = getJail(ctx, lab, n);
    if (j?.network && j.role === 'jail' && !j.dhcp) byNet.set(j.network, [...(byNet.get(j.network) ?? []), n]);
  }
  for (const [net, ns] of byNet) {
    const router = routerOf(ctx, lab, net);
    if (router && !names.includes(router.name)) await unregisterStatic(ctx, lab, router, ns);
  }
  for (const n of names) {
    const j = getJail(ctx, lab, n);
    const router = j?.network && j.dhcp && j.slot !== null ? routerOf(ctx, lab, j.network) : undefined;
    if (router && !names.includes(router.name)) unbindSlots(ctx, lab, router, [n]);
  }
  const leased = names.map((n) => getJail(ctx, lab, n)).filter((j): j is JailRow => Boolean(j?.dhcp && j.network));
  const unreleased = leased.length ? await releaseLeases(ctx, lab, leased, names) : [];
  for (const n of names) await killCgroup(cgroupDir(ctx.cgroupRoot, lab, n));
  const objects = names.flatMap((n) => objectsOf(ctx.db, lab, n));
  const order = (k: string) => ['nsfile', 'link', 'netns-jail', 'netns-host', 'mount', 'dir', 'cgroup'].indexOf(k);
  await removeObjects(ctx, objects.sort((a, b) => order(a.kind) - order(b.kind)));
  const del = ctx.db.prepare('DELETE FROM jails WHERE lab = ? AND name = ?');
  const delp = ctx.db.prepare('DELETE FROM processes WHERE lab = ? AND jail = ?');
  ctx.db.transaction(() => {
    for (const n of names) {
      if (objectsOf(ctx.db, lab, n).length === 0) {
        del.run(lab, n);
        delp.run(lab, n);
      }
    }
  })();
  if (unreleased.length) throw failed(`the jails are gone, but their leases could not be released: ${unreleased.join('; ')}`);
}
