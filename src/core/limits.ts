// Resource limits of a jail (pure): parsing `--memory=SIZE --cpus=N --pids=N` and supervisor keys, and showing them.

/** A jail's limits; a missing key is no limit. */
export interface Limits {
  /** Bytes of memory (the kernel kills a process of the jail above it). */
  memory?: number;
  /** CPUs' worth of time per period (0.5: half of one CPU). */
  cpus?: number;
  /** Processes and threads at once. */
  pids?: number;
}

/** The keys of Limits, in the order they are shown. */
export const LIMIT_KEYS = ['memory', 'cpus', 'pids'] as const;
/** One limit key. */
export type LimitKey = (typeof LIMIT_KEYS)[number];

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
/** Smallest memory limit accepted: below it nothing starts, and the kernel's own charge of a jail is near it. */
export const MIN_MEMORY = 4 * 1024 ** 2;

/** Parses SIZE (bytes, or with K, M, G, T: powers of 1024; an optional trailing B or iB) into bytes, or a message. */
export function parseSize(v: string): number | string {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(v.trim());
  if (!m) return `${v} is not a size: use bytes or a number with K, M, G or T (64M, 1.5G)`;
  const n = Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
  if (n < MIN_MEMORY) return `${v} is below the smallest memory limit, 4M`;
  return n;
}

/** Smallest process limit accepted: an entry's own processes, and room for a command and one child. */
export const MIN_PIDS = 8;

/** Parses one limit's value, or returns a message. */
export function parseLimit(key: LimitKey, v: string): number | string {
  if (key === 'memory') return parseSize(v);
  if (key === 'cpus') {
    if (!/^\d+(\.\d+)?$/.test(v) || Number(v) < 0.01 || Number(v) > 1024) return `cpus=${v} must be a number of CPUs from 0.01 to 1024 (0.5: half a CPU)`;
    return Number(v);
  }
  if (!/^\d+$/.test(v) || Number(v) > 4194304) return `pids=${v} must be a whole number from ${MIN_PIDS} to 4194304`;
  if (Number(v) < MIN_PIDS)
    return `pids=${v} is below ${MIN_PIDS}: entering a jail takes up to ${MIN_PIDS - 2} processes of the engine's (the entry and the jail's init), so nothing could run`;
  return Number(v);
}

/** Parses `KEY=VALUE` pairs (vessel set) into limits, or returns a message naming the bad one. */
export function parseLimitPairs(pairs: string[]): Limits | string {
  const out: Limits = {};
  if (pairs.length === 0) return `nothing to set: give KEY=VALUE with KEY one of ${LIMIT_KEYS.join(', ')}`;
  for (const p of pairs) {
    const eq = p.indexOf('=');
    const key = p.slice(0, eq) as LimitKey;
    if (eq < 1 || !LIMIT_KEYS.includes(key)) return `${p}: expected KEY=VALUE with KEY one of ${LIMIT_KEYS.join(', ')}`;
    if (out[key] !== undefined) return `${key} is given twice (${pairs.filter((x) => x.startsWith(`${key}=`)).join(', ')}): give each limit once`;
    const v = parseLimit(key, p.slice(eq + 1));
    if (typeof v === 'string') return v;
    out[key] = v;
  }
  return out;
}

/** A size for people: 64M, 1.5G, 512K, or bytes. */
export function formatSize(n: number): string {
  for (const [u, f] of [
    ['T', 1024 ** 4],
    ['G', 1024 ** 3],
    ['M', 1024 ** 2],
    ['K', 1024],
  ] as const) {
    if (n >= f) return `${Number((n / f).toFixed(1))}${u}`;
  }
  return `${n}B`;
}

/** One limit as written on a command line: memory=64M, cpus=0.5, pids=50. */
export function formatLimit(key: LimitKey, v: number): string {
  return `${key}=${key === 'memory' ? formatSize(v) : String(v)}`;
}

/** The limits as KEY=VALUE words, or `none`. */
export function describeLimits(l: Limits | undefined): string {
  const words = LIMIT_KEYS.filter((k) => l?.[k] !== undefined).map((k) => formatLimit(k, l![k]!));
  return words.length ? words.join(' ') : 'none';
}

/** True when no limit is set. */
export function noLimits(l: Limits | undefined): boolean {
  return !l || LIMIT_KEYS.every((k) => l[k] === undefined);
}

/** What a jail uses now, as the backend measured it; a missing value could not be read. */
export interface Usage {
  memory?: number;
  memoryPeak?: number;
  /** Times the kernel killed a process of the jail for its memory limit. */
  oomKills?: number;
  /** CPU time used, in seconds. */
  cpuSeconds?: number;
  pids?: number;
}

/** `vessel limits NAME`: one line per resource, the limit next to the usage. */
export function limitsReport(name: string, uuid: string, how: string, l: Limits | undefined, u: Usage): string {
  const dash = (v: string | undefined) => v ?? '-';
  const rows = [
    [
      'memory',
      l?.memory !== undefined ? formatSize(l.memory) : 'none',
      `used ${dash(u.memory !== undefined ? formatSize(u.memory) : undefined)}${u.memoryPeak !== undefined ? `, peak ${formatSize(u.memoryPeak)}` : ''}${u.oomKills !== undefined ? `, killed for memory ${u.oomKills}` : ''}`,
    ],
    ['cpus', l?.cpus !== undefined ? String(l.cpus) : 'none', `cpu time ${dash(u.cpuSeconds !== undefined ? `${u.cpuSeconds.toFixed(2)}s` : undefined)}`],
    ['pids', l?.pids !== undefined ? String(l.pids) : 'none', `now ${dash(u.pids !== undefined ? String(u.pids) : undefined)}`],
  ];
  return [`${name} (${uuid.slice(0, 8)}): ${how}`, ...rows.map(([k, lim, use]) => `  ${k!.padEnd(7)} limit ${lim!.padEnd(6)} ${use}`), ''].join('\n');
}
