// Decides assertions from probe values (pure: probing is behind the Prober interface).
import { VesselError } from '../util/errors.js';
import { inCidr } from '../util/ipv4.js';
import { matchPattern } from '../util/names.js';
import { endpointText, type Assertion, type Endpoint } from './model.js';

/** What the evaluator knows of the lab. */
export interface LabView {
  jails: { name: string; addr: string | null; network: string | null; router?: boolean }[];
  networks: { name: string; subnet: string; hostAddr: string }[];
  /** The www.example address, when the lab has the simulated outside. */
  upstream?: string;
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
  resolve(src: Source, name: string): Promise<ResolveResult>;
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

/** A target: its label and address as seen from `src`. */
async function targets(view: LabView, e: Endpoint, src: Source, prober: Prober): Promise<{ label: string; ip: string }[]> {
  switch (e.kind) {
    case 'ip':
      return [{ label: e.address, ip: e.address }];
    case 'host': {
      if (src.kind === 'upstream') throw new Unresolvable('host is not reachable from upstream: the lab host has no leg on the uplink');
      const net = src.kind === 'jail' ? view.jails.find((j) => j.name === src.name)?.network : view.networks[0]?.name;
      const n = view.networks.find((x) => x.name === net);
      if (!n) throw new Unresolvable(`${label(src)} is on no network, so "host" has no address for it`);
      return [{ label: 'host', ip: n.hostAddr }];
    }
    case 'upstream':
      if (!view.upstream) throw new Unresolvable(NO_UPSTREAM);
      return [{ label: 'upstream (www.example)', ip: view.upstream }];
    case 'dns': {
      const r = await prober.resolve(src, e.name);
      if (r.addresses.length === 0) throw new Unresolvable(`${label(src)} could not resolve ${e.name}: ${r.detail}`);
      return [{ label: e.name, ip: r.addresses[0]! }];
    }
    case 'jail':
    case 'pattern':
      return jailsOf(view, e).map((name) => {
        const ip = view.jails.find((j) => j.name === name)!.addr;
        if (!ip) throw new Unresolvable(`jail ${name} has no address`);
        return { label: name, ip };
      });
  }
}

function describePing(src: Source, t: { label: string; ip: string }, r: PingResult | undefined, tool: string): string {
  const got = !r ? 'no result' : r.error ? r.error : `${r.sent} sent, ${r.received} received`;
  return `ICMP echo from ${label(src)} to ${t.label} (${t.ip}) with ${tool}: ${got}`;
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
    const ts = (await targets(view, a.to.endpoint, src, prober)).filter((t) => !(src.kind === 'jail' && t.label === src.name));
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
            `TCP connect from ${label(src)} to ${t.label} (${t.ip}:${a.to.port}) with ${prober.tcpTool}: ${r.detail}${want ? '' : ' (expected it to fail)'}`,
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
  const addr = (n: string) => view.jails.find((j) => j.name === n)!.addr ?? '';
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
    targets.map((t) => describePing({ kind: 'jail', name: src }, { label: t, ip: addr(t) }, last.get(`${src}>${t}`), prober.pingTool)),
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
  if (expect.kind === 'cidr' && !unique.some((ip) => inCidr(ip, expect.cidr))) return `answered ${unique.join(', ')}, not in ${expect.cidr}`;
  return undefined;
}

async function resolveAssertion(a: Extract<Assertion, { kind: 'resolve' }>, view: LabView, prober: Prober): Promise<{ details: string[]; probes: number }> {
  const details: string[] = [];
  const srcs = sources(view, a.from);
  for (const src of srcs) {
    const r = await prober.resolve(src, a.name);
    const asked = `${label(src)} asked ${r.server ?? 'its resolver'} for ${a.name} with getent ahostsv4`;
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
    if (!l.serverRunning) details.push(`${n}: the DNS/DHCP server of network ${l.network} (dnsmasq in ${l.network}-router) is not running`);
    else if (!l.leased) details.push(`${n}: no lease for its MAC in ${where}; eth0 has ${l.interfaceAddrs.join(', ') || 'no address'}`);
    else if (!l.interfaceAddrs.includes(l.leased))
      details.push(`${n}: ${where} leases ${l.leased}, but eth0 has ${l.interfaceAddrs.join(', ') || 'no address'}`);
    else if (a.cidr && !inCidr(l.leased, a.cidr)) details.push(`${n}: leased ${l.leased}, not in ${a.cidr}`);
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
