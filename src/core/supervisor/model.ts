// The supervisor file as checked data (pure): networks and jails, dependency order, every problem with its line.
import { LIMIT_KEYS, parseLimit, type Limits } from '../limits.js';
import { parseRoot, type RootKind } from '../root.js';
import { cidrProblem } from '../../util/ipv4.js';
import { parseDuration } from '../../recipe/duration.js';
import { dnsNameProblem, networkNameProblem, newJailNameProblem } from '../../util/names.js';
import { didYouMean } from '../../util/suggest.js';
import { readIni, type IniSection } from './ini.js';
import { parseExpose, type Expose } from '../expose.js';
import { TRUNK_NAME } from '../vlan-names.js';
import ipaddr from 'ipaddr.js';
import { overlaps, parseDhcpRange, planSubnet, slotProblem, staticAddrProblem, type SubnetPlan } from '../ipam.js';
import { normal6, planSubnet6, staticAddr6Problem } from '../ipam6.js';

/** A `[network:<name>]` section. */
export interface SupNetwork {
  name: string;
  line: number;
  type: 'nat' | 'isolated';
  subnet: string;
  domain?: string;
  dhcpRange?: string;
  vlan?: number;
  trunk?: string;
  /** `subnet6 = auto` (a unique local /64 made from the lab id) or `subnet6 = PREFIX/64`. */
  subnet6?: string;
}

/** How a jail says it is ready. */
export type Ready = { kind: 'tcp'; port: number } | { kind: 'exec'; command: string } | { kind: 'log'; regex: string };

/** A `[jail:<name>]` section. */
export interface SupJail {
  name: string;
  line: number;
  network: string;
  addr: string;
  /** `addr6 = slaac|dhcp|auto|ADDRESS`, on a network with subnet6. */
  addr6?: string;
  count?: number;
  slot?: number;
  depends: string[];
  command?: string;
  ready?: Ready;
  readyTimeoutMs: number;
  /** `expose = PORT[:JAILPORT][/tcp|/udp]`, one per line. */
  expose?: Expose[];
  /** `ssh = yes`: sshd in each jail for the lab's key. */
  ssh?: boolean;
  /** `root = thin|shared`. */
  root?: RootKind;
  /** `memory = SIZE`, `cpus = N`, `pids = N`. */
  limits?: Limits;
}

/** A checked supervisor file. */
export interface SupervisorFile {
  path: string;
  networks: SupNetwork[];
  /** In start order: every jail after its dependencies. */
  jails: SupJail[];
}

/** A problem, as `path:line: message`. */
export interface SupProblem {
  path: string;
  line: number;
  message: string;
}

const NETWORK_KEYS = ['type', 'subnet', 'subnet6', 'domain', 'dhcp-range', 'vlan', 'trunk'];
const JAIL_KEYS = [
  'network',
  'addr',
  'addr6',
  'count',
  'slot',
  'depends',
  'command',
  'ready',
  'ready-timeout',
  'expose',
  'ssh',
  'root',
  'memory',
  'cpus',
  'pids',
];

function parseReady(v: string): Ready | string {
  const m = /^(tcp|exec|log):(.+)$/s.exec(v);
  if (!m) return `ready = ${v}: expected tcp:PORT, exec:CMD or log:REGEX`;
  if (m[1] === 'tcp') {
    const port = Number(m[2]);
    return /^\d{1,5}$/.test(m[2]!) && port >= 1 && port <= 65535 ? { kind: 'tcp', port } : `ready = ${v}: the port must be from 1 to 65535`;
  }
  if (m[1] === 'log') {
    try {
      new RegExp(m[2]!);
    } catch (e) {
      return `ready = ${v}: bad regular expression (${(e as Error).message})`;
    }
    return { kind: 'log', regex: m[2]! };
  }
  return { kind: 'exec', command: m[2]! };
}

/** A whole number from `min` to `max`, or undefined after reporting `message` at the entry's line. */
function wholeNumber(
  e: { value: string; line: number },
  min: number,
  max: number,
  message: string,
  err: (line: number, m: string) => void,
): number | undefined {
  const n = Number(e.value);
  if (/^\d+$/.test(e.value) && n >= min && n <= max) return n;
  err(e.line, message);
  return undefined;
}

/** Orders jails so each comes after its dependencies; reports the first cycle found. */
function order(jails: SupJail[], path: string, problems: SupProblem[]): SupJail[] {
  const byName = new Map(jails.map((j) => [j.name, j]));
  const out: SupJail[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (j: SupJail, trail: string[]): void => {
    if (state.get(j.name) === 'done') return;
    if (state.get(j.name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(j.name)), j.name];
      problems.push({ path, line: j.line, message: `dependency cycle: ${cycle.join(' -> ')}` });
      return;
    }
    state.set(j.name, 'visiting');
    for (const d of j.depends) {
      const dep = byName.get(d);
      if (dep) visit(dep, [...trail, j.name]);
    }
    state.set(j.name, 'done');
    out.push(j);
  };
  for (const j of jails) visit(j, []);
  return out;
}

/** Parses and checks a supervisor file's text; returns the model and every problem. */
export function parseSupervisor(path: string, text: string): { file: SupervisorFile; problems: SupProblem[] } {
  const { sections, problems: iniProblems } = readIni(text, ['expose']);
  const problems: SupProblem[] = iniProblems.map((p) => ({ path, ...p }));
  const err = (line: number, message: string) => problems.push({ path, line, message });
  const networks: SupNetwork[] = [];
  const jails: SupJail[] = [];
  const get = (s: IniSection, k: string) => s.entries.find((e) => e.key === k);
  for (const s of sections) {
    const m = /^(network|jail):(.*)$/.exec(s.header);
    if (!m) {
      const type = s.header.split(':')[0]!;
      err(
        s.line,
        `unknown section [${s.header}]${didYouMean(type, ['network', 'jail']).replace(/"([a-z]+)"/, '"[$1:...]"')} (expected [network:NAME] or [jail:NAME])`,
      );
      continue;
    }
    const [, kind, name] = m as unknown as [string, 'network' | 'jail', string];
    const allowed = kind === 'network' ? NETWORK_KEYS : JAIL_KEYS;
    for (const e of s.entries) if (!allowed.includes(e.key)) err(e.line, `unknown key "${e.key}" in [${s.header}]${didYouMean(e.key, allowed)}`);
    if (kind === 'network') {
      const np = networkNameProblem(name);
      if (np) err(s.line, `network name "${name}" ${np}`);
      const type = get(s, 'type')?.value ?? 'nat';
      if (type !== 'nat' && type !== 'isolated') err(get(s, 'type')!.line, `type = ${type}: expected nat or isolated${didYouMean(type, ['nat', 'isolated'])}`);
      const subnet = get(s, 'subnet');
      if (!subnet) err(s.line, `[${s.header}] needs subnet = CIDR`);
      else {
        const p = cidrProblem(subnet.value);
        if (p) err(subnet.line, p);
      }
      const subnet6 = get(s, 'subnet6');
      if (subnet6 && subnet6.value !== 'auto') {
        const p = planSubnet6(subnet6.value);
        if (typeof p === 'string') err(subnet6.line, `subnet6 = ${subnet6.value}: ${p}`);
      }
      const domain = get(s, 'domain');
      if (domain) {
        const p = dnsNameProblem(domain.value);
        if (p) err(domain.line, `domain = ${domain.value} is not a valid DNS name: it ${p}`);
      }
      const vlan = get(s, 'vlan');
      const vid = vlan ? wholeNumber(vlan, 1, 4094, `vlan = ${vlan?.value}: a VLAN id is from 1 to 4094`, err) : undefined;
      const trunk = get(s, 'trunk');
      if (trunk && !vlan) err(trunk.line, 'trunk needs vlan = ID in the same section');
      if (trunk && !TRUNK_NAME.test(trunk.value)) err(trunk.line, `trunk = ${trunk.value}: a trunk name is 1-12 lowercase letters, digits and "-"`);
      networks.push({
        name,
        line: s.line,
        type: type === 'isolated' ? 'isolated' : 'nat',
        subnet: subnet?.value ?? '',
        ...(domain ? { domain: domain.value } : {}),
        ...(get(s, 'dhcp-range') ? { dhcpRange: get(s, 'dhcp-range')!.value } : {}),
        ...(vid !== undefined ? { vlan: vid, trunk: trunk?.value ?? 'trunk0' } : {}),
        ...(subnet6 ? { subnet6: subnet6.value } : {}),
      });
    } else {
      const jp = newJailNameProblem(name);
      if (jp) err(s.line, `jail name "${name}" ${jp}`);
      const network = get(s, 'network');
      if (!network) err(s.line, `[${s.header}] needs network = NAME`);
      const count = get(s, 'count');
      const n = count ? wholeNumber(count, 1, 1000, `count = ${count.value}: expected a whole number from 1 to 1000`, err) : undefined;
      const slot = get(s, 'slot');
      const k = slot ? wholeNumber(slot, 1, Number.MAX_SAFE_INTEGER, `slot = ${slot.value}: expected a whole number from 1`, err) : undefined;
      const ready = get(s, 'ready');
      let r: Ready | undefined;
      if (ready) {
        const pr = parseReady(ready.value);
        if (typeof pr === 'string') err(ready.line, pr);
        else r = pr;
      }
      const rt = get(s, 'ready-timeout');
      let readyTimeoutMs = 30_000;
      if (rt) {
        const ms = parseDuration(rt.value);
        if (ms === undefined) err(rt.line, `ready-timeout = ${rt.value}: expected a duration such as 30s`);
        else readyTimeoutMs = ms;
      }
      const expose: Expose[] = [];
      for (const e of s.entries.filter((x) => x.key === 'expose')) {
        const x = parseExpose(e.value);
        if (typeof x === 'string') err(e.line, x.replace(/^--expose=/, 'expose = ').replace(/^--expose: /, 'expose: '));
        else if (expose.some((y) => y.port === x.port && y.proto === x.proto)) err(e.line, `expose = ${e.value}: port ${x.port}/${x.proto} is given twice`);
        else expose.push(x);
      }
      const sshKey = get(s, 'ssh');
      if (sshKey && sshKey.value !== 'yes' && sshKey.value !== 'no') err(sshKey.line, `ssh = ${sshKey.value}: expected yes or no`);
      const rootKey = get(s, 'root');
      const root = rootKey ? parseRoot(rootKey.value) : undefined;
      if (rootKey && root !== 'thin' && root !== 'shared') err(rootKey.line, root!.replace(/^root=/, 'root = '));
      const limits: Limits = {};
      for (const key of LIMIT_KEYS) {
        const e = get(s, key);
        if (!e) continue;
        const v = parseLimit(key, e.value);
        if (typeof v === 'string') err(e.line, `${key} = ${e.value}: ${v.replace(/^\w+=\S+ /, '')}`);
        else limits[key] = v;
      }
      const depends = (get(s, 'depends')?.value ?? '')
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      jails.push({
        name,
        line: s.line,
        network: network?.value ?? '',
        addr: get(s, 'addr')?.value ?? 'auto',
        ...(get(s, 'addr6') ? { addr6: get(s, 'addr6')!.value } : {}),
        depends,
        readyTimeoutMs,
        ...(n !== undefined ? { count: n } : {}),
        ...(k !== undefined ? { slot: k } : {}),
        ...(get(s, 'command') ? { command: get(s, 'command')!.value } : {}),
        ...(r ? { ready: r } : {}),
        ...(expose.length ? { expose } : {}),
        ...(sshKey?.value === 'yes' ? { ssh: true } : {}),
        ...(root === 'thin' || root === 'shared' ? { root } : {}),
        ...(Object.keys(limits).length ? { limits } : {}),
      });
    }
  }
  const used = new Map<string, SupNetwork>();
  for (const n of networks) {
    if (n.vlan === undefined) continue;
    const key = `${n.trunk}/${n.vlan}`;
    const prev = used.get(key);
    if (prev) err(n.line, `VLAN ${n.vlan} is already used on trunk ${n.trunk} by [network:${prev.name}] (line ${prev.line})`);
    else used.set(key, n);
  }
  for (const s of sections) for (const e of s.entries) if (e.value.trim() === '') err(e.line, `${e.key} has no value`);
  // Addresses, slots and DHCP ranges against the subnet the file gives their network (the engine refuses the same at run time).
  const plans = new Map<string, SubnetPlan>();
  for (const n of networks) {
    const base = planSubnet(n.subnet);
    if (typeof base === 'string') continue;
    let plan = base;
    if (n.dhcpRange) {
      const r = parseDhcpRange(base, n.dhcpRange);
      const line = sections.find((x) => x.line === n.line)!.entries.find((e) => e.key === 'dhcp-range')!.line;
      if (typeof r === 'string') err(line, r.replace('--dhcp-range=', 'dhcp-range = '));
      else plan = { ...base, dhcpFirst: r[0], dhcpLast: r[1] };
    }
    plans.set(n.name, plan);
  }
  for (const j of jails) {
    const s = sections.find((x) => x.line === j.line)!;
    const addr = get(s, 'addr');
    const plan = plans.get(j.network);
    if (addr && addr.value !== 'auto' && addr.value !== 'dhcp') {
      if (j.slot !== undefined) err(addr.line, `addr = ${addr.value} with slot: the slot gives the address; leave out addr, or use addr = dhcp`);
      else if (j.count !== undefined && j.count > 1)
        err(addr.line, `addr = ${addr.value} gives one jail one address; use auto or dhcp with count = ${j.count}`);
      else if (!ipaddr.IPv4.isValidFourPartDecimal(addr.value)) err(addr.line, `addr = ${addr.value}: expected auto, dhcp or an IPv4 address`);
      else if (plan) {
        const p = staticAddrProblem(plan, addr.value, new Set());
        if (p) err(addr.line, `addr = ${p.replace(/^--addr=/, '')}`);
      }
    }
    const addr6 = get(s, 'addr6');
    if (addr6) {
      const net = networks.find((n) => n.name === j.network);
      const fixed = !['slaac', 'dhcp', 'auto'].includes(addr6.value);
      if (net && !net.subnet6) err(addr6.line, `addr6 = ${addr6.value}: [network:${net.name}] has no subnet6 (add subnet6 = auto)`);
      else if (j.slot !== undefined) err(addr6.line, `addr6 = ${addr6.value} with slot: the slot gives the IPv6 address too (::K); leave out addr6`);
      else if (fixed && j.count !== undefined && j.count > 1)
        err(addr6.line, `addr6 = ${addr6.value} gives one jail one address; use slaac, dhcp or auto with count = ${j.count}`);
      else if (fixed && net?.subnet6 && net.subnet6 !== 'auto') {
        const plan6 = planSubnet6(net.subnet6);
        const p = typeof plan6 === 'string' ? undefined : staticAddr6Problem(plan6, addr6.value, new Set());
        if (p) err(addr6.line, `addr6 = ${p.replace(/^--addr6=/, '')}`);
      } else if (fixed && !normal6(addr6.value)) err(addr6.line, `addr6 = ${addr6.value}: expected slaac, dhcp, auto or an IPv6 address`);
    }
    if (j.slot !== undefined && plan) {
      for (let i = 0; i < (j.count ?? 1); i++) {
        const p = slotProblem(plan, j.slot + i);
        if (p) {
          err(get(s, 'slot')!.line, p);
          break;
        }
      }
    }
  }
  // Subnets of two sections may not overlap (the engine would refuse the second after making the first).
  for (const [i, a] of networks.entries()) {
    const b = networks.slice(0, i).find((o) => plans.has(o.name) && plans.has(a.name) && overlaps(o.subnet, a.subnet));
    if (b)
      err(
        sections.find((x) => x.line === a.line)!.entries.find((e) => e.key === 'subnet')!.line,
        `subnet ${a.subnet} overlaps [network:${b.name}]'s ${b.subnet} (line ${b.line})`,
      );
  }
  // Every jail name the file makes (count expands NAME to NAME-1..NAME-K) belongs to one section only.
  const madeBy = new Map<string, SupJail>();
  for (const j of jails) {
    for (const n of j.count === undefined ? [j.name] : Array.from({ length: j.count }, (_, i) => `${j.name}-${i + 1}`)) {
      const prev = madeBy.get(n);
      if (prev && prev !== j && prev.name !== j.name)
        err(
          j.line,
          `[jail:${j.name}] makes a jail named ${n}, which [jail:${prev.name}] (line ${prev.line}) also makes${j.count !== undefined || prev.count !== undefined ? ' (count = K names jails NAME-1..NAME-K)' : ''}`,
        );
      else madeBy.set(n, j);
    }
  }
  const netNames = new Set(networks.map((x) => x.name));
  const jailNames = new Set(jails.map((x) => x.name));
  for (const j of jails) {
    const s = sections.find((x) => x.line === j.line)!;
    if (j.network && !netNames.has(j.network))
      err(get(s, 'network')!.line, `unknown network "${j.network}"${didYouMean(j.network, [...netNames])}; define [network:${j.network}]`);
    for (const d of j.depends) if (!jailNames.has(d)) err(get(s, 'depends')!.line, `depends on "${d}", which is not defined${didYouMean(d, [...jailNames])}`);
  }
  const ordered = order(jails, path, problems);
  problems.sort((a, b) => a.line - b.line);
  return { file: { path, networks, jails: ordered }, problems };
}
