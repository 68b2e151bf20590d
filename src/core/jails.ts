// Jail admission, the same for every backend: names, counts, addresses and sequence numbers, reserved in one transaction.
import { randomUUID } from 'node:crypto';
import { jailNameProblem, newJailNameProblem } from '../util/names.js';
import { record, type ObjectKind } from '../state/ledger.js';
import { getLab, takeSeq } from '../state/labs.js';
import { getNetwork, listNetworks, networkMembers } from '../state/networks.js';
import { addrHolder, getJail, insertJail, listJails, poolDhcpJails, routerOf, takenAddrs, takenAddrs6 } from '../state/jails.js';
import { allocateAuto6, at64, eui64Address, normal6, PLAN6, planSubnet6, slotAddr6, staticAddr6Problem, type SubnetPlan6 } from './ipam6.js';
import { usage } from '../util/errors.js';
import type { EngineContext, JailRow } from './model.js';
import { allocateAuto, intToIp, ipToInt, planSubnet, slotProblem, staticAddrProblem, withDhcpRange, type SubnetPlan } from './ipam.js';
import { hostVethName, macFromSeed, slotMac } from './names.js';
import { exposeProblem, type Expose } from './expose.js';
import { SSH_PORT } from './ssh.js';
import { isUplink, outsideJailProblem } from './outside.js';
import { UPSTREAM } from './upstream.js';
import { noLimits, type Limits } from './limits.js';
import { DEFAULT_ROOT, type RootKind } from './root.js';

/** What to create. */
export interface JailSpec {
  name: string;
  count?: number;
  network: string;
  /** An IPv4 address, `auto` (default) or `dhcp`. */
  addr?: string;
  /** On a network with IPv6: `slaac` (default), `dhcp` (DHCPv6), `auto` (the lowest free static) or an address. */
  addr6?: string;
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
  /** Run sshd in each jail for the lab's key (a router with it is the network's jump host). */
  ssh?: boolean;
  /** Ports the network's router forwards to each of these jails (round-robin when several jails expose one). */
  expose?: Expose[];
  /** The jail's root: `shared` (the host's files, the default) or `thin` (an overlay whose writes stay in the jail). */
  root?: RootKind;
  /** Memory, CPU and process limits. */
  limits?: Limits;
  /** The run's work directory, shown at the same path inside a thin root. */
  workdir?: string;
  /** Internal: with role router, the outside leg: a veth on the lab's uplink bridge, or a macvlan child of a NIC. */
  uplink?: { kind: 'bridge' } | { kind: 'nic'; nic: string };
}

/** Largest --count accepted in one call. */
export const MAX_COUNT = 1000;

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
  const net = getNetwork(ctx.db, lab, spec.network);
  if (!net) throw usage(`no network named ${spec.network} in lab ${lab} (see \`vessel network --list\`)`);
  const base = planSubnet(net.subnet);
  if (typeof base === 'string') throw usage(base);
  const plan = withDhcpRange(base, net.dhcp_first, net.dhcp_last);
  const addr = spec.addr ?? 'auto';
  if (addr !== 'auto' && addr !== 'dhcp' && names.length > 1)
    throw usage(`--addr=${addr} gives one jail one address; use --addr=auto or --addr=dhcp with --count`);
  if (isUplink(net)) {
    const op = outsideJailProblem(spec);
    if (op) throw usage(op);
  } else if (addr === 'dhcp' && !routerOf(ctx.db, lab, spec.network))
    throw usage(`network ${spec.network} has no router, so no DHCP server; use --addr=auto or an address`);
  if (spec.slot !== undefined && addr !== 'auto' && addr !== 'dhcp')
    throw usage('--slot gives the address; use it without --addr, or with --addr=dhcp for a DHCP lease bound to the slot');
  const plan6 = v6Plan(net.subnet6 ?? null, spec, names.length);
  if (spec.expose?.length) {
    const others = listNetworks(ctx.db, lab)
      .filter((n) => n.name !== spec.network)
      .map((n) => ({ network: n.name, jails: networkMembers(ctx.db, lab, n.name) }));
    const hasUplink = getLab(ctx.db, lab)?.uplink != null && routerOf(ctx.db, lab, spec.network) !== undefined;
    const ssh = routerOf(ctx.db, lab, spec.network)?.ssh ? { sshPort: SSH_PORT } : {};
    const ep = exposeProblem(spec.expose, { name: spec.network, hasUplink, jails: networkMembers(ctx.db, lab, spec.network), ...ssh }, others);
    if (ep) throw usage(ep);
  }
  return ctx.db
    .transaction(() => {
      for (const n of names) if (getJail(ctx.db, lab, n)) throw usage(`a jail named ${n} already exists in lab ${lab}`);
      const taken = takenAddrs(ctx.db, lab, spec.network);
      let addrs: (string | null)[];
      if (spec.role === 'router') addrs = [intToIp(plan.gateway)];
      else if (spec.slot !== undefined) {
        addrs = names.map((_, i) => {
          const k = spec.slot! + i;
          const sp = slotProblem(plan, k);
          if (sp) throw usage(sp);
          const ip = intToIp(plan.network + k);
          const holder = addrHolder(ctx.db, lab, spec.network, ip);
          if (holder || taken.has(ip)) throw usage(`slot ${k} (${ip}) is already taken${holder ? ` by jail ${holder}` : ''}`);
          return ip;
        });
      } else if (addr === 'dhcp') {
        const size = plan.dhcpLast - plan.dhcpFirst + 1;
        const used = poolDhcpJails(ctx.db, lab, spec.network);
        if (size - used < names.length) {
          throw usage(
            `the DHCP range ${intToIp(plan.dhcpFirst)}-${intToIp(plan.dhcpLast)} of network ${spec.network} has ${size - used} free address(es), ${names.length} needed`,
          );
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
      const addrs6 = v6Addresses(plan6, spec, names.length, takenAddrs6(ctx.db, lab, spec.network));
      const firstSeq = takeSeq(ctx.db, lab, names.length);
      const now = new Date().toISOString();
      const rows: JailRow[] = names.map((name, i) => {
        const uuid = (ctx.uuid ?? randomUUID)();
        const seq = firstSeq + i;
        const row: JailRow = {
          uuid,
          lab,
          name,
          seq,
          network: spec.network,
          addr: addrs[i] ?? null,
          mac: spec.slot !== undefined ? slotMac(addrs[i]!) : macFromSeed(uuid, 'jail'),
          host_if: ctx.legOf?.(lab, seq).host ?? hostVethName(seq),
          state: 'creating',
          command: spec.command ? JSON.stringify(spec.command) : null,
          created_at: now,
          dhcp: addr === 'dhcp' && spec.role !== 'router' ? 1 : 0,
          role: spec.role ?? 'jail',
          owner: spec.owner ?? null,
          spec: null,
          env: null,
          wd: spec.wd ?? null,
          slot: spec.slot !== undefined ? spec.slot + i : null,
          expose: spec.expose?.length ? JSON.stringify(spec.expose) : null,
          ssh: spec.ssh ? 1 : 0,
          root: spec.root ?? DEFAULT_ROOT,
          limits: noLimits(spec.limits) ? null : JSON.stringify(spec.limits),
          workdir: spec.root === 'thin' && spec.workdir ? spec.workdir : null,
        };
        // A slotted DHCP jail's lease is bound to its slot: the address is known now.
        if (row.dhcp && row.slot === null) row.addr = null;
        if (plan6) {
          row.addr6_mode = addrs6[i]!.mode;
          row.addr6 = addrs6[i]!.mode === 'slaac' ? eui64Address(plan6.cidr, row.mac!) : addrs6[i]!.addr;
        }
        const extra = spec.perJail?.(name, spec.count === undefined ? undefined : i + 1);
        row.spec = extra?.spec ?? null;
        row.env = extra?.env ? JSON.stringify(extra.env) : null;
        insertJail(ctx.db, row);
        return row;
      });
      record(ctx.db, lab, objectsFor(rows, spec));
      return rows;
    })
    .immediate();
}

/** The network's IPv6 plan when it has a /64 (null when IPv4 only); refuses --addr6 on an IPv4-only network, and a fixed one with --count. */
function v6Plan(subnet6: string | null, spec: JailSpec, count: number): SubnetPlan6 | null {
  if (!subnet6) {
    if (spec.addr6 !== undefined && spec.role !== 'router')
      throw usage(`--addr6=${spec.addr6}: network ${spec.network} has no IPv6 subnet (create it with --ipv6 or --subnet6)`);
    return null;
  }
  const plan = planSubnet6(subnet6);
  if (typeof plan === 'string') throw usage(plan);
  const a6 = spec.addr6 ?? 'slaac';
  if (!['slaac', 'dhcp', 'auto'].includes(a6) && count > 1)
    throw usage(`--addr6=${a6} gives one jail one address; use --addr6=slaac, dhcp or auto with --count`);
  if (spec.slot !== undefined && spec.addr6 !== undefined) throw usage('--slot gives the IPv6 address too (::K of the /64); use it without --addr6');
  return plan;
}

/** Each new jail's IPv6 address and how it gets it (a SLAAC address is made from its MAC later; a DHCPv6 one comes with the lease). */
function v6Addresses(
  plan: SubnetPlan6 | null,
  spec: JailSpec,
  count: number,
  taken: Set<string>,
): { mode: 'slaac' | 'dhcp' | 'static'; addr: string | null }[] {
  if (!plan) return [];
  if (spec.role === 'router') return [{ mode: 'static', addr: plan.gateway }];
  if (spec.slot !== undefined)
    return Array.from({ length: count }, (_, i) => {
      const a = slotAddr6(plan, spec.slot! + i);
      if (typeof a !== 'string') throw usage(a.problem);
      if (taken.has(a)) throw usage(`slot ${spec.slot! + i}'s IPv6 address ${a} is already taken`);
      return { mode: 'static' as const, addr: a };
    });
  const a6 = spec.addr6 ?? 'slaac';
  if (a6 === 'slaac' || a6 === 'dhcp') return Array.from({ length: count }, () => ({ mode: a6, addr: null }));
  if (a6 === 'auto') {
    const a = allocateAuto6(plan, taken, count);
    if (typeof a === 'string') throw usage(a);
    return a.map((addr) => ({ mode: 'static' as const, addr }));
  }
  const p = staticAddr6Problem(plan, a6, taken);
  if (p) throw usage(p);
  // Held in its shortest form (RFC 5952), the form the state, DNS and probes compare.
  return [{ mode: 'static', addr: normal6(a6) ?? a6 }];
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

/** The DHCP addresses a plan assumes `count` new clients lease: the lowest free ones of the range (shown in plans, never used live). */
export function assumedLeases(ctx: EngineContext, net: { lab: string; name: string }, plan: SubnetPlan, count: number): string[] {
  const taken = takenAddrs(ctx.db, net.lab, net.name);
  const out: string[] = [];
  for (let a = plan.dhcpFirst; a <= plan.dhcpLast && out.length < count; a++) if (!taken.has(intToIp(a))) out.push(intToIp(a));
  while (out.length < count) out.push(intToIp(plan.dhcpLast));
  return out;
}

/** The DHCPv6 address a plan assumes a new client leases: the lowest free one of the range (plans; dnsmasq picks others). */
export function assumedLease6(ctx: EngineContext, lab: string, network: string, cidr: string): string | undefined {
  const taken = takenAddrs6(ctx.db, lab, network);
  for (let n = PLAN6.dhcpFirst; n <= PLAN6.dhcpLast; n++) if (!taken.has(at64(cidr, n))) return at64(cidr, n);
  return undefined;
}

/** What a recording host assumes jails on the outside network lease: the upstream hands out addresses in order, and the
 * lab's routers took the first ones. */
export function assumedUplinkLeases(ctx: EngineContext, lab: string, count: number): string[] {
  const first = ipToInt(UPSTREAM.dhcpFirst) + listJails(ctx.db, lab).filter((j) => j.role === 'router' || (isUplink(j.network) && j.addr)).length;
  return Array.from({ length: count }, (_, i) => intToIp(first + i));
}
