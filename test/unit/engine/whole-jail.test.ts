// The pure parts of whole jails: limits and sizes, root kinds and snapshot names, UUID prefixes, the cgroup layout
// and files per version, rctl rules, and the supervisor keys.
import { describe, expect, it } from 'vitest';
import { resolveJailRef, shortUuid } from '../../../src/core/jail-ref.js';
import { describeLimits, formatSize, limitsReport, parseLimit, parseLimitPairs, parseSize } from '../../../src/core/limits.js';
import { parseRoot, parseSnapshotRef } from '../../../src/core/root.js';
import { parseSupervisor } from '../../../src/core/supervisor/model.js';
import { boundingSet, JAIL_CAPS } from '../../../src/backends/linux/caps.js';
import { controllerPlaces, describePlaces, limitWrites } from '../../../src/backends/linux/limits.js';
import { parseRctlUsage, rctlRules } from '../../../src/backends/freebsd/limits.js';

describe('limits', () => {
  it('parses sizes in powers of 1024 and refuses nonsense and tiny limits', () => {
    expect(parseSize('64M')).toBe(64 * 1024 ** 2);
    expect(parseSize('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('512MiB')).toBe(512 * 1024 ** 2);
    expect(parseSize('8388608')).toBe(8 * 1024 ** 2);
    expect(parseSize('lots')).toMatch(/^lots is not a size/);
    expect(parseSize('1M')).toMatch(/below the smallest memory limit, 4M/);
    expect(parseLimit('cpus', '0.5')).toBe(0.5);
    expect(parseLimit('cpus', '0')).toMatch(/from 0.01 to 1024/);
    expect(parseLimit('pids', '20')).toBe(20);
    expect(parseLimit('pids', '-1')).toMatch(/whole number from 8/);
  });

  it('reads KEY=VALUE pairs for vessel set, naming the bad one', () => {
    expect(parseLimitPairs(['memory=256M', 'pids=100'])).toEqual({ memory: 256 * 1024 ** 2, pids: 100 });
    expect(parseLimitPairs(['swap=1G'])).toMatch(/^swap=1G: expected KEY=VALUE with KEY one of memory, cpus, pids$/);
    expect(parseLimitPairs([])).toMatch(/^nothing to set/);
    expect(describeLimits({ memory: 64 * 1024 ** 2, cpus: 0.5 })).toBe('memory=64M cpus=0.5');
    expect(describeLimits(undefined)).toBe('none');
    expect(formatSize(1536)).toBe('1.5K');
  });

  it('reports each limit next to what is used, with a dash for what could not be read', () => {
    expect(limitsReport('web', '0123456789abcdef', 'how', { memory: 64 * 1024 ** 2 }, { memory: 3 * 1024 ** 2, oomKills: 0, pids: 2 })).toBe(
      [
        'web (01234567): how',
        '  memory  limit 64M    used 3M, killed for memory 0',
        '  cpus    limit none   cpu time -',
        '  pids    limit none   now 2',
        '',
      ].join('\n'),
    );
  });
});

describe('roots and snapshots', () => {
  it('parses root kinds and NAME@SNAP', () => {
    expect(parseRoot('thin')).toBe('thin');
    expect(parseRoot('zfs')).toMatch(/^root=zfs: expected thin/);
    expect(parseSnapshotRef('db@before-upgrade')).toEqual({ jail: 'db', snap: 'before-upgrade' });
    expect(parseSnapshotRef('db')).toMatch(/expected NAME@SNAPSHOT/);
    expect(parseSnapshotRef('db@../x')).toMatch(/snapshot name \.\.\/x: use up to 64/);
  });
});

describe('UUID prefixes', () => {
  const jails = [
    { name: 'web', uuid: 'deadbeef-0000-4000-8000-000000000001' },
    { name: 'db', uuid: 'deadbeef-1111-4000-8000-000000000002' },
    { name: 'cache', uuid: '0badcafe-2222-4000-8000-000000000003' },
  ];
  it('takes a name first, then a unique prefix of 8+ characters', () => {
    expect(resolveJailRef(jails, 'db', 'L')).toEqual({ name: 'db' });
    expect(resolveJailRef(jails, '0badcafe', 'L')).toEqual({ name: 'cache' });
    expect(resolveJailRef(jails, 'DEADBEEF-1', 'L')).toEqual({ name: 'db' });
    expect(shortUuid(jails[0]!.uuid)).toBe('deadbeef');
  });
  it('refuses an ambiguous prefix with the candidates, and a short one', () => {
    expect(resolveJailRef(jails, 'deadbeef', 'L')).toEqual({
      error:
        'UUID prefix deadbeef is ambiguous in lab L: db (deadbeef-1111-4000-8000-000000000002), web (deadbeef-0000-4000-8000-000000000001); give more characters',
    });
    expect(resolveJailRef(jails, 'dead', 'L')).toEqual({ error: 'no jail named dead in lab L (a UUID prefix needs at least 8 characters)' });
    expect(resolveJailRef(jails, 'nosuch', 'L')).toEqual({ error: 'no jail named nosuch in lab L' });
  });
});

describe('cgroup layouts', () => {
  // This machine's kind: v1 controllers beside a v2 tree that has hugetlb only.
  const hybrid = [
    '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
    '35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
    '39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids',
    '41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw',
  ].join('\n');
  it('finds v1 hierarchies on a hybrid host and v2 controllers on a unified one', () => {
    expect(controllerPlaces(hybrid, 'hugetlb')).toEqual({
      memory: { kind: 'v1', mount: '/sys/fs/cgroup/memory' },
      cpu: { kind: 'v1', mount: '/sys/fs/cgroup/cpu' },
      pids: { kind: 'v1', mount: '/sys/fs/cgroup/pids' },
    });
    expect(controllerPlaces('41 31 0:38 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw', 'cpuset cpu io memory pids')).toEqual({
      memory: { kind: 'v2' },
      cpu: { kind: 'v2' },
      pids: { kind: 'v2' },
    });
    expect(describePlaces(controllerPlaces('41 31 0:38 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw', 'memory'))).toBe(
      'memory cgroup v2, cpus unavailable, pids unavailable',
    );
  });
  it('writes each limit in its version’s files', () => {
    expect(limitWrites('memory', 67108864, 'v2')).toEqual([
      ['memory.max', '67108864'],
      ['memory.swap.max', '0'],
      ['memory.oom.group', '1'],
    ]);
    expect(limitWrites('memory', 67108864, 'v1')).toEqual([['memory.limit_in_bytes', '67108864']]);
    expect(limitWrites('cpus', 0.5, 'v2')).toEqual([['cpu.max', '50000 100000']]);
    expect(limitWrites('cpus', 2, 'v1')).toEqual([
      ['cpu.cfs_period_us', '100000'],
      ['cpu.cfs_quota_us', '200000'],
    ]);
    expect(limitWrites('pids', 20, 'v1')).toEqual([['pids.max', '20']]);
  });
});

describe('capabilities', () => {
  it('keeps the network and user rights, and nothing that leaves the jail', () => {
    expect(boundingSet().startsWith('-all,')).toBe(true);
    for (const c of ['net_admin', 'net_raw', 'setuid', 'setgid']) expect(JAIL_CAPS).toContain(c);
    for (const c of ['sys_admin', 'sys_module', 'sys_rawio', 'sys_ptrace', 'mknod', 'dac_read_search', 'setfcap', 'bpf'])
      expect(boundingSet()).not.toContain(`+${c}`);
  });
});

describe('rctl', () => {
  it('writes one deny rule per limit, %CPU in hundredths of a CPU', () => {
    expect(rctlRules('vc-lab-web', { memory: 67108864, cpus: 0.5, pids: 20 })).toEqual([
      'jail:vc-lab-web:memoryuse:deny=67108864',
      'jail:vc-lab-web:pcpu:deny=50',
      'jail:vc-lab-web:maxproc:deny=20',
    ]);
  });
  it('reads rctl -u', () => {
    expect(parseRctlUsage('cputime=12\ndatasize=4096\nmemoryuse=1048576\nmaxproc=3\npcpu=0\n')).toEqual({ memory: 1048576, cpuSeconds: 12, pids: 3 });
  });
});

describe('supervisor keys', () => {
  it('reads root and limits, with the line of a bad value', () => {
    const ok = parseSupervisor('f.ini', '[network:n]\nsubnet = 10.1.0.0/24\n[jail:db]\nnetwork = n\nroot = thin\nmemory = 256M\ncpus = 1\npids = 100\n');
    expect(ok.problems).toEqual([]);
    expect(ok.file?.jails[0]).toMatchObject({ root: 'thin', limits: { memory: 256 * 1024 ** 2, cpus: 1, pids: 100 } });
    const bad = parseSupervisor('f.ini', '[network:n]\nsubnet = 10.1.0.0/24\n[jail:db]\nnetwork = n\nroot = zfs\nmemory = lots\n');
    expect(bad.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      "5: root = zfs: expected thin (a writable root of the jail's own) or shared (the host's files)",
      '6: memory = lots: lots is not a size: use bytes or a number with K, M, G or T (64M, 1.5G)',
    ]);
  });
});
