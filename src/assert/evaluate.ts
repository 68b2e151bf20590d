// Decides assertions from probe values (pure: probing is behind the Prober interface).
import { VesselError } from '../util/errors.js';
import { inCidr } from '../util/ipv4.js';
import { inPrefix6 } from '../util/ipv6.js';
import { matchPattern } from '../util/names.js';
import { endpointText, type Assertion, type Endpoint, type Family } from './model.js';

/** What the evaluator knows of the lab. */
export interface LabView {
  jails: { name: string; addr: string | null; network: string | null; router?: boolean; addr6?: string | null }[];
  networks: { name: string; subnet: string; hostAddr: string; subnet6?: string | null; hostAddr6?: string | null }[];
  /** The www.example address, when the lab has the simulated outside. */
  upstream?: string;
  /** Its IPv6 address, when the lab has a network with IPv6 and the simulated outside. */
  upstream6?: string;
}

/** Where a probe runs. */
export type Source = { kind: 'jail'; name: string } | { kind: 'host' } | { kind: 'upstream' };

/** What the router's lease file and the jail's interface say. */
export interface LeaseResult {
  /** The address dnsmasq leased to the jail's MAC, if any. */
  leased?: string;
  expiry?: number;
  /** IPv4 addresses on the jail's eth0. */
  interfaceAddrs: string[];
  /** False when the network's DHCP/DNS server is not running. */
  serverRunning: boolean;
  network: string;
  /** For a DHCPv6 jail: the address the server's lease file holds for its DUID, and eth0's global IPv6 addresses. */
  v6?: { leased?: string; interfaceAddrs: string[] };
  /** For a DHCPv6 jail: whether it also leases its IPv4 address (false: its IPv4 address is static). */
  dhcp4?: boolean;
}

/** An ICMP result for one address. */
export interface PingResult {
  sent: number;
  received: number;
  /** The tool's own words when it could not send (e.g. "No route to host"). */
  error?: string;
}

/** A TCP connect result. */
export interface TcpResult {
  ok: boolean;
  /** "connected", "Connection refused", "timed out after 3s", ... */
  detail: string;
}

/** A name lookup result. */
export interface ResolveResult {
  addresses: string[];
  detail: string;
  /** The server asked, as the source's resolv.conf names it. */
  server?: string;
}

/** Runs probes; implementations parse their tools' output into these values. */
export interface Prober {
  /** The tool line for messages, e.g. "fping -c1 -t500". */
  readonly pingTool: string;
  readonly tcpTool: string;
  ping(src: Source, ips: string[], expectReply: boolean): Promise<Map<string, PingResult>>;
  /** `expectConnect` false allows a shorter wait, since a timeout is then the expected answer. */
  tcp(src: Source, ip: string, port: number, expectConnect: boolean): Promise<TcpResult>;
  hostname(jail: string): Promise<string>;
  /** The source's own resolver's answer for A records (family 4, the default) or AAAA records (6). */
  resolve(src: Source, name: string, family?: Family): Promise<ResolveResult>;
  /** A jail's lease as the router recorded it, and its interface's addresses. */
  lease(jail: string): Promise<LeaseResult>;
  /** Whether the DHCP/DNS server of the jail's network is running (undefined when it has none). */
  serverRunning(jail: string): Promise<{ network: string; running: boolean } | undefined>;
  /**
   * How many new neighbour (ARP) entries the kernel can hold right now. Linux keeps one neighbour
   * table for all namespaces, capped by gc_thresh3 (1024 by default), so a large mesh must be probed
   * in waves that fit, forgetting the entries of one wave before the next.
   */
  neighbourBudget(): Promise<number>;
  /** Drops the learned neighbour entries of these jails (only their ARP caches). */
  forgetNeighbours(jails: string[]): Promise<void>;
}

/** The outcome of one assertion. */
export interface AssertionOutcome {
  ok: boolean;
  line: number;
  text: string;
  /** What was tried and what came back, one line per failing probe (or the reason nothing could be tried). */
  details: string[];
  /** How many probes ran. */
  probes: number;
}

/** An endpoint that names nothing in the lab: the assertion fails with this reason, without probing. */
class Unresolvable extends VesselError {
  constructor(message: string) {
    super('failed', message);
  }
}

const label = (s: Source) => (s.kind === 'jail' ? s.name : s.kind);
const NO_UPSTREAM = "upstream (the simulated outside) is not part of this lab: it comes with the run's uplink";

/** Jails (not routers) matched by a jail endpoint or pattern. */
function jailsOf(view: LabView, e: Endpoint): string[] {
  if (e.kind === 'jail') {
    if (!view.jails.some((j) => j.name === e.name)) throw new Unresolvable(`no jail named ${e.name} in this lab`);
    return [e.name];
  }
  if (e.kind === 'pattern') {
    const m = view.jails.filter((j) => !j.router && matchPattern(e.pattern, j.name)).map((j) => j.name);
    if (m.length === 0) throw new Unresolvable(`pattern ${e.pattern} matches no jail in this lab`);
    return m;
  }
  throw new Unresolvable(`${endpointText(e)} is not a jail`);
}

/** The probe sources an endpoint stands for. */
function sources(view: LabView, e: Endpoint): Source[] {
  if (e.kind === 'host') return [{ kind: 'host' }];
  if (e.kind === 'upstream') {
    if (!view.upstream) throw new Unresolvable(NO_UPSTREAM);
    return [{ kind: 'upstream' }];
  }
  return jailsOf(view, e).map((name) => ({ kind: 'jail', name }));
}

/** A probe target: its label, its address as seen from the source, and that address's family. */
interface ProbeTarget {
  label: string;
  ip: string;
  family: Family;
}

/** The address families a source has: IPv4 always (every source has an address), IPv6 when it has an IPv6 address. */
function sourceFamilies(view: LabView, src: Source): Family[] {
  if (src.kind === 'jail') return view.jails.find((j) => j.name === src.name)?.addr6 ? [4, 6] : [4];
  if (src.kind === 'upstream') return view.upstream6 ? [4, 6] : [4];
  return view.networks.some((n) => n.hostAddr6) ? [4, 6] : [4];
}

/** A target's addresses as seen from `src`, one per family it has (a name: its A and, for an IPv6 source, AAAA records). */
async function targets(view: LabView, e: Endpoint, src: Source, prober: Prober, six: boolean): Promise<{ label: string; addrs: ProbeTarget[] }[]> {
  const one = (l: string, v4: string | null | undefined, v6: string | null | undefined) => ({
    label: l,
    addrs: [...(v4 ? [{ label: l, ip: v4, family: 4 as const }] : []), ...(v6 ? [{ label: l, ip: v6, family: 6 as const }] : [])],
  });
  switch (e.kind) {
    case 'ip':
      return [{ label: e.address, addrs: [{ label: e.address, ip: e.address, family: e.family }] }];
    case 'host': {
      if (src.kind === 'upstream') throw new Unresolvable('host is not reachable from upstream: the lab host has no leg on the uplink');
      const net = src.kind === 'jail' ? view.jails.find((j) => j.name === src.name)?.network : view.networks[0]?.name;
      const n = view.networks.find((x) => x.name === net);
      if (!n) throw new Unresolvable(`${label(src)} is on no network, so "host" has no address for it`);
      return [one('host', n.hostAddr, n.hostAddr6)];
    }
    case 'upstream':
      if (!view.upstream) throw new Unresolvable(NO_UPSTREAM);
      return [one('upstream (www.example)', view.upstream, view.upstream6)];
    case 'dns': {
      const r4 = await prober.resolve(src, e.name, 4);
      const r6 = six ? await prober.resolve(src, e.name, 6) : undefined;
      if (r4.addresses.length === 0 && !r6?.addresses.length)
        throw new Unresolvable(`${label(src)} could not resolve ${e.name}: ${r4.detail}${r6 ? `; AAAA: ${r6.detail}` : ''}`);
      return [one(e.name, r4.addresses[0], r6?.addresses[0])];
    }
    case 'jail':
    case 'pattern':
      return jailsOf(view, e).map((name) => {
        const j = view.jails.find((x) => x.name === name)!;
        if (!j.addr && !j.addr6) throw new Unresolvable(`jail ${name} has no address`);
        return one(name, j.addr, j.addr6);
      });
  }
}

/**
 * The addresses to probe from a source that has `have`: with `-4`/`-6`, that family only (failing when either end has
 * none); without, every family both ends have, so an isolation that holds on IPv4 and leaks on IPv6 is caught.
 */
function pick(t: { label: string; addrs: ProbeTarget[] }, have: Family[], family: Family | undefined, src: Source): ProbeTarget[] {
  const want = family ? [family] : have;
  const out = t.addrs.filter((a) => want.includes(a.family));
  if (family && !have.includes(family)) throw new Unresolvable(`${label(src)} has no IPv${family} address, so reach -${family} cannot be probed from it`);
  if (out.length === 0) {
    const theirs = t.addrs.map((a) => `IPv${a.family}`).join(' and ') || 'no address';
    throw new Unresolvable(
      `${label(src)} (${have.map((f) => `IPv${f}`).join(' and ')}) and ${t.label} (${theirs}) share no address family${family ? ` for -${family}` : ''}`,
    );
  }
  return out;
}

function describePing(src: Source, t: { label: string; ip: string; family?: Family }, r: PingResult | undefined, tool: string): string {
  const got = !r ? 'no result' : r.error ? r.error : `${r.sent} sent, ${r.received} received`;
  return `ICMP${t.family === 6 ? 'v6' : ''} echo from ${label(src)} to ${t.label} (${t.ip}) with ${tool}: ${got}`;
}

async function reachOrIsolated(
  a: Extract<Assertion, { kind: 'reach' | 'isolated' }>,
  view: LabView,
  prober: Prober,
): Promise<{ details: string[]; probes: number }> {
  const want = a.kind === 'reach';
  const details: string[] = [];
  let probes = 0;
  for (const src of sources(view, a.from)) {
    const have = sourceFamilies(view, src);
    const six = a.family === 6 || (a.family === undefined && have.includes(6));
    const ts = (await targets(view, a.to.endpoint, src, prober, six))
      .filter((t) => !(src.kind === 'jail' && t.label === src.name))
      .flatMap((t) => pick(t, have, a.family, src));
    if (a.to.port === undefined) {
      const res = await prober.ping(
        src,
        ts.map((t) => t.ip),
        want,
      );
      for (const t of ts) {
        probes++;
        const r = res.get(t.ip);
        const reached = Boolean(r && r.received > 0);
        if (reached !== want) details.push(`${describePing(src, t, r, prober.pingTool)}${want ? '' : ' (expected no reply)'}`);
      }
    } else {
      for (const t of ts) {
        probes++;
        const r = await prober.tcp(src, t.ip, a.to.port, want);
        if (r.ok !== want)
          details.push(
            `TCP connect from ${label(src)} to ${t.label} (${t.family === 6 ? `[${t.ip}]` : t.ip}:${a.to.port}) with ${prober.tcpTool}: ${r.detail}${want ? '' : ' (expected it to fail)'}`,
          );
      }
    }
  }
  return { details, probes };
}

/**
 * Group size for a blocked mesh: a wave pairs two groups of g jails both ways, which makes each
 * of the 2g jails learn g neighbours (2g² entries), so g = √(budget / 2).
 */
export function meshGroupSize(budget: number, jails: number): number {
  return Math.max(1, Math.min(jails, Math.floor(Math.sqrt(budget / 2))));
}

/** The waves of a blocked mesh: each wave is a list of (source, targets) covering group i ↔ group j. */
export function meshWaves(names: string[], groupSize: number): { src: string; targets: string[] }[][] {
  const groups: string[][] = [];
  for (let i = 0; i < names.length; i += groupSize) groups.push(names.slice(i, i + groupSize));
  const waves: { src: string; targets: string[] }[][] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = i; j < groups.length; j++) {
      const gi = groups[i]!;
      const gj = groups[j]!;
      waves.push(
        i === j
          ? gi.map((src) => ({ src, targets: gi.filter((t) => t !== src) }))
          : [...gi.map((src) => ({ src, targets: gj })), ...gj.map((src) => ({ src, targets: gi }))],
      );
    }
  }
  return waves.map((w) => w.filter((p) => p.targets.length > 0)).filter((w) => w.length > 0);
}

/**
 * Pings every jail of the pattern from every other. The pairs go in waves of two groups that fit
 * the kernel's neighbour table; between waves the two groups forget what they learned. A pair that
 * fails gets one more try on its own.
 */
async function mesh(a: Extract<Assertion, { kind: 'mesh' }>, view: LabView, prober: Prober): Promise<{ details: string[]; probes: number }> {
  const names = jailsOf(view, a.jails);
  if (names.length < 2)
    throw new Unresolvable(`mesh needs at least two jails; ${endpointText(a.jails)} matches only ${names.join(', ')}, so there is no pair to probe`);
  const v6 = (n: string) => view.jails.find((j) => j.name === n)?.addr6;
  if (a.family === 6 && names.some((n) => !v6(n)))
    throw new Unresolvable(`mesh -6: ${names.filter((n) => !v6(n)).join(', ')} ha${names.filter((n) => !v6(n)).length > 1 ? 've' : 's'} no IPv6 address`);
  // Every family the jails have: IPv4 among all of them, IPv6 among those with an IPv6 address.
  const out = { details: [] as string[], probes: 0 };
  for (const family of a.family ? [a.family] : ([4, 6] as const)) {
    const ns = family === 6 ? names.filter((n) => v6(n)) : names;
    if (ns.length < 2) continue;
    const r = await meshFamily(ns, view, prober, family);
    out.details.push(...r.details);
    out.probes += r.probes;
  }
  return out;
}

/** mesh over one family: every ordered pair of `names`, by their IPv4 or IPv6 addresses. */
async function meshFamily(names: string[], view: LabView, prober: Prober, family: Family): Promise<{ details: string[]; probes: number }> {
  const addr = (n: string) => (family === 6 ? view.jails.find((j) => j.name === n)!.addr6 : view.jails.find((j) => j.name === n)!.addr) ?? '';
  const last = new Map<string, PingResult | undefined>();
  const runWave = async (wave: { src: string; targets: string[] }[]) => {
    const failed: { src: string; targets: string[] }[] = [];
    await Promise.all(
      wave.map(async ({ src, targets }) => {
        const res = await prober.ping({ kind: 'jail', name: src }, targets.map(addr), true);
        const bad: string[] = [];
        for (const t of targets) {
          const r = res.get(addr(t));
          last.set(`${src}>${t}`, r);
          if (!r || r.received === 0) bad.push(t);
        }
        if (bad.length) failed.push({ src, targets: bad });
      }),
    );
    return failed;
  };
  const waves = meshWaves(names, meshGroupSize(await prober.neighbourBudget(), names.length));
  let failed: { src: string; targets: string[] }[] = [];
  for (const wave of waves) {
    failed.push(...(await runWave(wave)));
    if (waves.length > 1) await prober.forgetNeighbours([...new Set(wave.flatMap((p) => [p.src, ...p.targets]))]);
  }
  if (failed.length > 0) {
    const retry = failed;
    failed = [];
    for (const p of retry) {
      failed.push(...(await runWave([p])));
      if (waves.length > 1) await prober.forgetNeighbours([p.src, ...p.targets]);
    }
  }
  const details = failed.flatMap(({ src, targets }) =>
    targets.map((t) => describePing({ kind: 'jail', name: src }, { label: t, ip: addr(t), family }, last.get(`${src}>${t}`), prober.pingTool)),
  );
  return { details, probes: names.length * (names.length - 1) };
}

async function serverDown(prober: Prober, src: Source): Promise<string | undefined> {
  if (src.kind !== 'jail') return undefined;
  const s = await prober.serverRunning(src.name);
  return s && !s.running ? `the DNS/DHCP server of network ${s.network} (dnsmasq in ${s.network}-router) is not running` : undefined;
}

/**
 * Why a resolver's answer does not satisfy `= IP` (exactly that address, and no other) or `in CIDR` (an address in
 * the subnet); undefined when it does. Repeats of one address (one per socket type) are one answer.
 */
export function answerProblem(addresses: string[], expect: Extract<Assertion, { kind: 'resolve' }>['expect']): string | undefined {
  const unique = [...new Set(addresses)];
  if (expect.kind === 'ip') {
    if (!unique.includes(expect.address)) return `answered ${unique.join(', ')}, expected ${expect.address}`;
    if (unique.length > 1) return `answered ${unique.join(', ')}, expected exactly ${expect.address}`;
  }
  if (expect.kind === 'cidr' && !unique.some((ip) => inRange(ip, expect.cidr))) return `answered ${unique.join(', ')}, not in ${expect.cidr}`;
  return undefined;
}

async function resolveAssertion(a: Extract<Assertion, { kind: 'resolve' }>, view: LabView, prober: Prober): Promise<{ details: string[]; probes: number }> {
  const details: string[] = [];
  const srcs = sources(view, a.from);
  const family = a.record === 'AAAA' ? 6 : 4;
  for (const src of srcs) {
    const r = await prober.resolve(src, a.name, family);
    const asked = `${label(src)} asked ${r.server ?? 'its resolver'} for ${a.name}${family === 6 ? ' (AAAA)' : ''} with getent ahostsv${family}`;
    const down = r.addresses.length === 0 ? await serverDown(prober, src) : undefined;
    if (down) details.push(`${asked}: no answer, because ${down}`);
    else if (r.addresses.length === 0) details.push(`${asked}: ${r.detail}`);
    else {
      const wrong = answerProblem(r.addresses, a.expect);
      if (wrong) details.push(`${asked}: ${wrong}`);
    }
  }
  return { details, probes: srcs.length };
}

async function leaseAssertion(a: Extract<Assertion, { kind: 'lease' }>, view: LabView, prober: Prober): Promise<{ details: string[]; probes: number }> {
  const details: string[] = [];
  const names = jailsOf(view, a.jail);
  for (const n of names) {
    const l = await prober.lease(n);
    const where = `the lease file of ${l.network}-router`;
    // A DHCPv6 jail's lease: always with `in PREFIX6`, and with no range when it has no DHCPv4 lease to show.
    const six = a.cidr ? a.cidr.includes(':') : l.v6 !== undefined;
    if (six) {
      if (!l.serverRunning) details.push(`${n}: the DNS/DHCP server of network ${l.network} (dnsmasq in ${l.network}-router) is not running`);
      else if (!l.v6) details.push(`${n}: it takes no IPv6 address by DHCPv6 (its --addr6 is not dhcp)`);
      else if (!l.v6.leased)
        details.push(`${n}: no DHCPv6 lease for its DUID in ${where}; eth0 has ${l.v6.interfaceAddrs.join(', ') || 'no global IPv6 address'}`);
      else if (!l.v6.interfaceAddrs.includes(l.v6.leased))
        details.push(`${n}: ${where} leases ${l.v6.leased} (DHCPv6), but eth0 has ${l.v6.interfaceAddrs.join(', ') || 'no global IPv6 address'}`);
      else if (a.cidr && !inRange(l.v6.leased, a.cidr)) details.push(`${n}: leased ${l.v6.leased} (DHCPv6), not in ${a.cidr}`);
      if (a.cidr || !l.dhcp4) continue;
    }
    if (!l.serverRunning) details.push(`${n}: the DNS/DHCP server of network ${l.network} (dnsmasq in ${l.network}-router) is not running`);
    else if (!l.leased) details.push(`${n}: no lease for its MAC in ${where}; eth0 has ${l.interfaceAddrs.join(', ') || 'no address'}`);
    else if (!l.interfaceAddrs.includes(l.leased))
      details.push(`${n}: ${where} leases ${l.leased}, but eth0 has ${l.interfaceAddrs.join(', ') || 'no address'}`);
    else if (a.cidr && !inRange(l.leased, a.cidr)) details.push(`${n}: leased ${l.leased}, not in ${a.cidr}`);
  }
  return { details, probes: names.length };
}

/** Evaluates one assertion against the lab. */
export async function evaluate(a: Assertion, view: LabView, prober: Prober): Promise<AssertionOutcome> {
  const base = { line: a.line, text: a.text };
  try {
    let r: { details: string[]; probes: number };
    switch (a.kind) {
      case 'reach':
      case 'isolated':
        r = await reachOrIsolated(a, view, prober);
        break;
      case 'mesh':
        r = await mesh(a, view, prober);
        break;
      case 'hostname': {
        const details: string[] = [];
        const names = jailsOf(view, a.jail);
        for (const n of names) {
          const h = await prober.hostname(n);
          if (h !== a.name) details.push(`hostname of ${n} (read in its UTS namespace) is "${h}", expected "${a.name}"`);
        }
        r = { details, probes: names.length };
        break;
      }
      case 'resolve':
        r = await resolveAssertion(a, view, prober);
        break;
      case 'lease':
        r = await leaseAssertion(a, view, prober);
        break;
    }
    // An assertion that probed nothing proved nothing: it fails, and says so.
    if (r.probes === 0 && r.details.length === 0)
      return { ...base, ok: false, probes: 0, details: ['no probe ran: every target was the source itself, so nothing was proven'] };
    return { ...base, ok: r.details.length === 0, details: r.details, probes: r.probes };
  } catch (e) {
    if (e instanceof Unresolvable) return { ...base, ok: false, probes: 0, details: [e.message] };
    throw e;
  }
}

/** True when an IPv4 address lies in a CIDR. */
export { inCidr };

/** True when an address lies in a CIDR of its family (an IPv6 prefix for an IPv6 address); false across families. */
export function inRange(ip: string, cidr: string): boolean {
  return cidr.includes(':') ? inPrefix6(ip, cidr) : !ip.includes(':') && inCidr(ip, cidr);
}
