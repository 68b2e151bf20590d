// Whole jails as FreeBSD plans them (issue 17): rctl rules for limits and their teardown, RACCT checked first and
// written by the provisioning, tar snapshots of a jail's own directories, and the thin layout for every root kind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FreebsdEngine } from '../../../src/backends/freebsd/engine.js';
import { removalCommand } from '../../../src/backends/freebsd/remove.js';
import type { PlanStep } from '../../../src/host/recording.js';

const runs = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'run' ? [s.argv] : []));
const writes = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'write' ? [s] : []));
const PROVISION = readFileSync('harness/freebsd-provision.sh', 'utf8');

describe('freebsd whole jails', () => {
  it('plans one rctl rule per limit after jail -c, checks RACCT first, and drops the rules with the jail', async () => {
    const { engine, host } = FreebsdEngine.recording('lim');
    try {
      await engine.createLab('lim1', { kind: 'manual' });
      await engine.createNetwork('lim1', 'lan', '10.34.0.0/24');
      const from = host.steps.length;
      await engine.run('lim1', { name: 'db', network: 'lan', limits: { memory: 256 * 1024 ** 2, cpus: 0.5, pids: 50 } });
      const planned = runs(host.steps.slice(from));
      const create = planned.findIndex((a) => a[0] === 'jail' && a.includes('-c'));
      const racct = planned.findIndex((a) => a.join(' ') === 'sysctl -n kern.racct.enable');
      const rules = planned.filter((a) => a[0] === 'rctl' && a[1] === '-a').map((a) => a[2]);
      expect(create).toBeGreaterThanOrEqual(0);
      expect(racct).toBeGreaterThan(create);
      expect(rules).toEqual(['jail:vc-lim1-db:memoryuse:deny=268435456', 'jail:vc-lim1-db:pcpu:deny=50', 'jail:vc-lim1-db:maxproc:deny=50']);
      expect(JSON.parse(engine.jail('lim1', 'db').limits!)).toEqual({ memory: 268435456, cpus: 0.5, pids: 50 });
      // Its removal runs jail -r, then rctl -r on the jail's rules.
      const obj = { id: 1, lab: 'lim1', kind: 'jail' as const, name: 'vc-lim1-db|/c/jail.conf|rctl', owner: 'db' };
      expect(removalCommand(obj)).toEqual(['sh', '-c', 'jail -f "$1" -r "$2" && rctl -r "jail:$2"', 'vessel-jail', '/c/jail.conf', 'vc-lim1-db']);
      expect(removalCommand({ ...obj, name: 'vc-lim1-db|/c/jail.conf' })).toEqual(['jail', '-f', '/c/jail.conf', '-r', 'vc-lim1-db']);
      // vessel limits reads rctl -u.
      expect(await engine.limits('lim1', 'db')).toMatch(/^db \([0-9a-f]{8}\): limits through rctl\(8\) \(RACCT\)\n {2}memory {2}limit 256M/);
      expect(runs(host.steps).at(-1)).toEqual(['rctl', '-u', 'jail:vc-lim1-db']);
    } finally {
      engine.close();
    }
  });

  it('provisioning writes kern.racct.enable for the next boot, and says a reboot is needed', () => {
    expect(PROVISION).toMatch(/^grep -q '\^kern\.racct\.enable=' \/boot\/loader\.conf .*\|\| echo 'kern\.racct\.enable="1"' >> \/boot\/loader\.conf$/m);
    expect(PROVISION).toMatch(/next boot \(vagrant reload\)/);
  });

  it("snapshots are tar files of the jail's own directories, taken and restored at rest", async () => {
    const { engine, host } = FreebsdEngine.recording('snap');
    try {
      await engine.createLab('snap1', { kind: 'manual' });
      await engine.createNetwork('snap1', 'lan', '10.35.0.0/24');
      await engine.run('snap1', { name: 'db', network: 'lan', root: 'thin', command: ['sleep', '1000'] });
      await expect(engine.snapshot('snap1', 'db', 'one')).rejects.toThrow(/db is running: stop it first/);
      await engine.stop('snap1', 'db');
      const from = host.steps.length;
      await engine.snapshot('snap1', 'db', 'one');
      const tar = runs(host.steps.slice(from)).find((a) => a[0] === 'tar')!;
      expect(tar.slice(0, 3)).toEqual(['tar', '-cpf', expect.stringMatching(/\/jails\/db\/snapshots\/one\.tar$/)]);
      expect(tar.slice(-3)).toEqual(['etc', 'var', 'root']);
      expect(writes(host.steps.slice(from)).map((w) => w.path)).toEqual([expect.stringMatching(/\/snapshots\/one\.taken$/)]);
    } finally {
      engine.close();
    }
  });

  it('a jail asked for a shared root is told in its jail.conf that FreeBSD gives it the thin layout', async () => {
    const { engine, host } = FreebsdEngine.recording('root');
    try {
      await engine.createLab('root1', { kind: 'manual' });
      await engine.createNetwork('root1', 'lan', '10.36.0.0/24');
      await engine.run('root1', { name: 's', network: 'lan', root: 'shared' });
      const conf = writes(host.steps).find((w) => w.path.endsWith('/jails/s/jail.conf'))!;
      expect(conf.text).toMatch(/# root = shared was asked: FreeBSD jails always get the thin layout/);
    } finally {
      engine.close();
    }
  });
});
