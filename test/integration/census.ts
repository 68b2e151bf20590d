// A census of everything a run could leave behind: namespaces, links, addresses, routes, nft tables,
// mounts, cgroups, processes, work directories and state rows.
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterEach, beforeEach, expect } from 'vitest';

/** One snapshot. */
export interface Census {
  netns: string[];
  links: string[];
  addrs: string[];
  routes: string[];
  nftTables: string[];
  mounts: string[];
  cgroups: string[];
  processes: string[];
  workdirs: string[];
  rows: Record<string, number>;
}

function cgroupRoot(): string {
  for (const l of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const p = l.split(' ');
    const sep = p.indexOf('-');
    if (sep > 0 && p[sep + 1] === 'cgroup2') return p[4]!;
  }
  return '/sys/fs/cgroup';
}

function walkDirs(d: string, out: string[] = []): string[] {
  if (!existsSync(d)) return out;
  out.push(d);
  for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walkDirs(join(d, e.name), out);
  return out;
}

/** Processes that belong to a lab: they carry a runner marker or live in a lab namespace. */
function labProcesses(): string[] {
  const inodes = new Set<string>();
  for (const n of existsSync('/run/netns') ? readdirSync('/run/netns') : []) {
    if (n.startsWith('vc-')) inodes.add(`net:[${statSync(join('/run/netns', n)).ino}]`);
  }
  const out: string[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${e}/environ`, 'latin1');
      const ns = readlinkSync(`/proc/${e}/ns/net`);
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'latin1');
      const named =
        /^(dnsmasq|udhcpc|busybox|beam\.smp|epmd|postgres|haproxy|sshd|catatonit)$/.test(readFileSync(`/proc/${e}/comm`, 'latin1').trim()) ||
        cmd.includes('/run/vessel/');
      if (env.includes('VESSEL_COOKBOOK_RUN=') || inodes.has(ns) || named)
        out.push(`${e} ${readFileSync(`/proc/${e}/cmdline`, 'latin1').replace(/\0/g, ' ').trim()}`);
    } catch {
      /* gone */
    }
  }
  return out.sort();
}

/** Takes a census of the machine's own namespace and the engine's state. */
export async function census(): Promise<Census> {
  const lines = async (argv: string[]) => (await execa(argv[0]!, argv.slice(1), { reject: false })).stdout.split('\n').filter(Boolean).sort();
  const dbPath = process.env.VESSEL_DB ?? '/var/db/vessel/vessel.db';
  // A database that does not exist yet holds no rows: the first test of a fresh machine creates it.
  const rows: Record<string, number> = { labs: 0, networks: 0, jails: 0, processes: 0, objects: 0 };
  if (existsSync(dbPath)) {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    for (const t of ['labs', 'networks', 'jails', 'processes', 'objects']) rows[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    db.close();
  }
  return {
    netns: existsSync('/run/netns')
      ? readdirSync('/run/netns')
          .filter((n) => n.startsWith('vc-'))
          .sort()
      : [],
    links: (await lines(['ip', '-o', 'link', 'show'])).map((l) => l.split(':')[1]!.trim().split('@')[0]!),
    addrs: await lines(['ip', '-o', 'addr', 'show']),
    routes: await lines(['ip', 'route', 'show', 'table', 'all']),
    nftTables: await lines(['nft', 'list', 'tables']),
    mounts: readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4] ?? '')
      .filter((p) => p.startsWith('/run/vessel') || p.startsWith('/run/netns/vc-'))
      .sort(),
    // The v2 tree, and the v1 hierarchies limits use on a hybrid host.
    cgroups: [cgroupRoot(), '/sys/fs/cgroup/memory', '/sys/fs/cgroup/cpu', '/sys/fs/cgroup/pids'].flatMap((r) => walkDirs(join(r, 'vessel')).slice(1)).sort(),
    processes: labProcesses(),
    workdirs: readdirSync('/tmp')
      .filter((d) => d.startsWith('vessel-cookbook-'))
      .sort(),
    rows,
  };
}

/** Registers a census before and after every test of the file: each must leave nothing behind. */
export function useCensus(): void {
  let before: Census;
  beforeEach(async () => {
    before = await census();
  });
  afterEach(async () => {
    expect(await census()).toEqual(before);
  });
}
