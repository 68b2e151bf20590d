// Whole jails on Linux, for real (root): a process space of their own, a root that cannot leave, thin roots with
// snapshots, limits that bite, and UUID prefixes. Each test leaves the machine as it found it (census).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';
import { useCensus } from './census.js';

const VESSEL = join(ROOT, 'bin/vessel');
const scratch = mkdtempSync(join(tmpdir(), 'vc-whole-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `vessel ARGS` in `lab` (never throws). */
async function vessel(lab: string, args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [VESSEL, '--lab', lab, ...args], { reject: false, env: { NO_COLOR: '1', ...env } });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The PIDs in a jail's cgroup (v2), engine helpers included. */
function cgroupProcs(lab: string, jail: string): number[] {
  const root = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .find((p) => p[p.indexOf('-') + 1] === 'cgroup2')![4]!;
  const f = join(root, 'vessel', lab, jail, 'cgroup.procs');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

/** A jail's CPU quota as a share of one CPU, read from its cgroup: v1 (the engine's list of a jail's cgroups), else v2. */
function cpuShare(lab: string, jail: string): number {
  const file = `/run/vessel/${lab}/private/${jail}/cgroups`;
  const listed = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const v1 = listed.find((d) => existsSync(join(d, 'cpu.cfs_quota_us')));
  if (v1) return Number(readFileSync(join(v1, 'cpu.cfs_quota_us'), 'utf8')) / Number(readFileSync(join(v1, 'cpu.cfs_period_us'), 'utf8'));
  const root = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .find((p) => p[p.indexOf('-') + 1] === 'cgroup2')![4]!;
  const [quota, period] = readFileSync(join(root, 'vessel', lab, jail, 'cpu.max'), 'utf8')
    .trim()
    .split(' ');
  return Number(quota) / Number(period);
}

useCensus();

/** A by-hand lab, destroyed after each test. */
function lab(id: string): string {
  afterEach(async () => {
    await vessel(id, ['destroy', '--lab', id]);
  });
  return id;
}

describe('a process space of its own', () => {
  const L = lab('wjpid');

  it('ps shows only the jail, kill cannot reach the host, and an idle jail keeps no process', async () => {
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.71.0.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=a', '--network=n'])).code).toBe(0);
    // Made, never entered: nothing runs for it.
    expect(cgroupProcs(L, 'a')).toEqual([]);
    const ps = await vessel(L, ['exec', 'a', '--', 'ps', '-e', '-o', 'pid=,comm=']);
    expect(ps.code).toBe(0);
    const lines = ps.stdout
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/));
    // Its init is PID 1; the rest is this command's own shell and ps.
    expect(lines[0]).toEqual(['1', 'catatonit']);
    expect(lines.map((l) => l[1])).not.toContain('node');
    expect(lines.length).toBeLessThanOrEqual(4);
    // This test's own PID means nothing inside: kill finds no such process.
    const k = await vessel(L, ['exec', 'a', '--', 'sh', '-c', `kill -0 ${process.pid}`]);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toMatch(/No such process/);
    // After the last entry ends, the init goes too.
    expect(cgroupProcs(L, 'a')).toEqual([]);
  }, 60_000);

  it('a service and an exec share one space; stop leaves the cgroup empty', async () => {
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.71.0.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=s', '--network=n', '--', 'sleep', 'infinity'])).code).toBe(0);
    const ps = await vessel(L, ['exec', 's', '--', 'ps', '-e', '-o', 'comm=']);
    expect(ps.stdout.split('\n')).toEqual(expect.arrayContaining(['catatonit', 'sleep']));
    expect((await vessel(L, ['stop', 's'])).code).toBe(0);
    expect(cgroupProcs(L, 's')).toEqual([]);
  }, 60_000);
});

describe('a root that cannot leave its jail', () => {
  const L = lab('wjcap');

  it('cannot mount, make namespaces or see the host cgroups; keeps its network rights; stop leaves nothing', async () => {
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.72.0.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=a', '--network=n'])).code).toBe(0);
    // The escape of the issue: mount cgroup2, move to the root cgroup, outlive `vessel stop`.
    const breakout = [
      'if mount -t cgroup2 none /mnt; then echo MOUNTED; echo $$ > /mnt/cgroup.procs && echo MOVED; fi',
      'unshare -m true && echo UNSHARED',
      'ls /sys/fs/cgroup | wc -l',
      'grep CapBnd /proc/self/status',
    ].join('; ');
    const r = await vessel(L, ['exec', 'a', '--', 'sh', '-c', breakout]);
    expect(r.stdout).not.toMatch(/MOUNTED|MOVED|UNSHARED/);
    expect(r.stderr).toMatch(/permission denied|Operation not permitted/i);
    // sysfs is the jail's (read-only): no cgroup file system under it.
    expect(r.stdout).toMatch(/^0$/m);
    // No CAP_SYS_ADMIN (bit 21), no CAP_SYS_MODULE (16), no CAP_SYS_RAWIO (17), no CAP_SYS_PTRACE (19).
    const bnd = BigInt(`0x${/CapBnd:\s+([0-9a-f]+)/.exec(r.stdout)![1]}`);
    for (const bit of [16n, 17n, 19n, 21n]) expect((bnd >> bit) & 1n).toBe(0n);
    // Kept: address, route and firewall changes (net_admin, 12) and raw sockets (13).
    expect((bnd >> 12n) & 1n).toBe(1n);
    expect((bnd >> 13n) & 1n).toBe(1n);
    const net = await vessel(L, ['exec', 'a', '--', 'sh', '-c', 'ip addr add 10.72.9.9/32 dev lo && nft add table inet t && echo NETOK']);
    expect(net.stdout).toContain('NETOK');
    // No disk, no kernel memory: /dev has the harmless nodes only. Host-wide knobs are read-only.
    const dev = await vessel(L, [
      'exec',
      'a',
      '--',
      'sh',
      '-c',
      'ls /dev; [ -c /dev/null ] && echo > /dev/null && echo CHARNULL; stat -f -c %T /dev/pts /dev/shm; readlink /dev/ptmx; echo 1 > /proc/sys/vm/overcommit_memory && echo WROTE',
    ]);
    expect(dev.stdout.split('\n')).toEqual(expect.arrayContaining(['null', 'urandom', 'pts', 'shm', 'CHARNULL', 'devpts', 'tmpfs', 'pts/ptmx']));
    expect(dev.stdout).not.toMatch(/^(vda|sda|mem|kmsg)$/m);
    expect(dev.stdout).not.toContain('WROTE');
    // A process left running is gone after stop, with its whole space.
    await vessel(L, ['exec', 'a', '--', 'sh', '-c', 'sleep 300 > /dev/null 2>&1 &']);
    expect(cgroupProcs(L, 'a').length).toBeGreaterThan(0);
    expect((await vessel(L, ['stop', 'a'])).stdout).toBe('a stopped');
    expect(cgroupProcs(L, 'a')).toEqual([]);
  }, 60_000);
});

describe('thin roots and snapshots', () => {
  const L = lab('wjthin');

  it("keeps each jail's writes its own, shows the work directory, and snapshots and rolls back at rest", async () => {
    const work = mkdtempSync(join(scratch, 'work-'));
    writeFileSync(join(work, 'shared.txt'), 'from the run\n');
    const env = { VESSEL_WORKDIR: work };
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.73.0.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=t1', '--network=n', '--root=thin'], env)).code).toBe(0);
    expect((await vessel(L, ['run', '--name=t2', '--network=n', '--root=thin'], env)).code).toBe(0);
    const marker = `/etc/vc-thin-${process.pid}`;
    expect((await vessel(L, ['exec', 't1', '--', 'sh', '-c', `echo one > ${marker} && cat ${work}/shared.txt`])).stdout).toBe('from the run');
    // Neither the host nor the other jail sees it.
    expect(existsSync(marker)).toBe(false);
    expect((await vessel(L, ['exec', 't2', '--', 'cat', marker])).code).not.toBe(0);
    // Snapshots are taken at rest only.
    await vessel(L, ['exec', 't1', '--', 'sh', '-c', 'sleep 300 > /dev/null 2>&1 &']);
    const busy = await vessel(L, ['snapshot', 't1@one']);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/t1 is running: stop it first/);
    expect((await vessel(L, ['stop', 't1'])).code).toBe(0);
    expect((await vessel(L, ['snapshot', 't1@one'])).stdout).toBe('t1@one taken');
    await vessel(L, ['exec', 't1', '--', 'sh', '-c', `echo two > ${marker}; rm -f /etc/hostname.vc-none; echo new > /root/vc-new`]);
    expect((await vessel(L, ['stop', 't1'])).code).toBe(0);
    expect((await vessel(L, ['snapshots', 't1'])).stdout).toMatch(/^t1@one\s+\S+\s+\S+$/m);
    expect((await vessel(L, ['rollback', 't1@one'])).stdout).toBe('t1 rolled back to t1@one');
    expect((await vessel(L, ['exec', 't1', '--', 'sh', '-c', `cat ${marker}; ls /root/vc-new 2>&1`])).stdout).toMatch(/^one\n.*No such file/);
    // A shared root has no snapshots; a missing snapshot is named.
    expect((await vessel(L, ['run', '--name=s', '--network=n'])).code).toBe(0);
    expect((await vessel(L, ['snapshot', 's@x'])).stderr).toMatch(/shared root .* only a thin root/);
    expect((await vessel(L, ['rollback', 't1@nope'])).stderr).toMatch(/no snapshot t1@nope/);
    expect((await vessel(L, ['snapshot', 't1@bad/name'])).code).toBe(2);
  }, 90_000);
});

describe('limits', () => {
  const L = lab('wjlim');

  it('a jail over its memory limit is killed and says so; a fork loop stops at pids; the CPU share shows in usage', async () => {
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.74.0.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=m', '--network=n', '--memory=32M', '--pids=20', '--cpus=0.5'])).code).toBe(0);
    const mem = await vessel(L, ['exec', 'm', '--', 'python3', '-c', 'x = bytearray(128 * 1024 * 1024); print("survived")']);
    expect(mem.code).toBe(137);
    expect(mem.stdout).not.toContain('survived');
    expect(mem.stderr).toContain('vessel: jail m went over its memory limit (32M): the kernel killed a process of it');
    expect((await vessel(L, ['limits', 'm'])).stdout).toMatch(/memory\s+limit 32M\s+used \S+, peak \S+, killed for memory 1/);
    const forks = await vessel(L, [
      'exec',
      'm',
      '--',
      'sh',
      '-c',
      'n=0; while [ $n -lt 60 ]; do sleep 30 >/dev/null 2>&1 & n=$((n+1)); done; echo STARTED-ALL',
    ]);
    expect(forks.stdout).not.toContain('STARTED-ALL');
    expect(forks.stderr).toMatch(/fork|Resource temporarily unavailable/i);
    expect((await vessel(L, ['stop', 'm'])).code).toBe(0);
    // The quota is the kernel's own value, read back from the jail's cgroup (v1 cpu.cfs_quota_us, or v2 cpu.max).
    expect(cpuShare(L, 'm')).toBeCloseTo(0.5, 5);
    // A busy loop gets at most its share of the wall time it ran, measured here (whatever this machine's speed),
    // with two scheduler periods (0.2 s) of slack at the edges.
    const before = Number(/cpu time ([\d.]+)s/.exec((await vessel(L, ['limits', 'm'])).stdout)![1]);
    const t0 = Date.now();
    await vessel(L, ['exec', 'm', '--', 'timeout', '2', 'sh', '-c', 'while :; do :; done']);
    const wall = (Date.now() - t0) / 1000;
    const used = Number(/cpu time ([\d.]+)s/.exec((await vessel(L, ['limits', 'm'])).stdout)![1]) - before;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(0.5 * wall + 0.2);
    // vessel set changes a running jail; a limit too small to enter the jail at all is refused.
    expect((await vessel(L, ['run', '--name=r', '--network=n', '--', 'sleep', 'infinity'])).code).toBe(0);
    const tiny = await vessel(L, ['set', 'r', 'pids=1']);
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toMatch(/pids=1 is below 8/);
    expect((await vessel(L, ['set', 'r', 'memory=8M', 'memory=16M'])).stderr).toMatch(/memory is given twice/);
    expect((await vessel(L, ['set', 'r', 'pids=8'])).stdout).toBe('r: pids=8');
    const many = 'i=0; while [ $i -lt 12 ]; do sleep 1 & i=$((i+1)); done; wait; echo DONE';
    expect((await vessel(L, ['exec', 'r', '--', 'sh', '-c', many])).stdout).not.toContain('DONE');
    expect((await vessel(L, ['set', 'r', 'memory=lots'])).code).toBe(2);
  }, 90_000);
});

describe('UUID prefixes', () => {
  const L = lab('wjuuid');

  it('every jail command takes a unique UUID prefix of 8+ characters', async () => {
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.75.0.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=a', '--network=n'])).code).toBe(0);
    const list = await vessel(L, ['list']);
    const short = /^a\s+n\s+\S+\s+\S+\s+shared\s+([0-9a-f]{8})$/m.exec(list.stdout)![1]!;
    expect((await vessel(L, ['exec', short, '--', 'hostname'])).stdout).toBe('a');
    expect((await vessel(L, ['stop', short])).stdout).toBe('a stopped');
    const tooShort = await vessel(L, ['exec', short.slice(0, 6), '--', 'hostname']);
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr).toMatch(/needs at least 8 characters/);
  }, 60_000);
});
