// vessel cleanup on FreeBSD: labs whose run is gone are removed from what the state database recorded, in reverse.
import { describe, expect, it } from 'vitest';
import { FreebsdEngine } from '../../../src/backends/freebsd/engine.js';

describe('freebsd cleanup', () => {
  it("removes a dead run's lab from the ledger, newest first, and leaves live and kept labs alone", async () => {
    const { engine, host } = FreebsdEngine.recording('cleanup');
    try {
      // pid 2^31-2 cannot exist: the run that made this lab is gone.
      await engine.createLab('dead1', { kind: 'run', pid: 2 ** 31 - 2, runId: 'r1' });
      await engine.createNetwork('dead1', 'lan', '10.30.0.0/24');
      await engine.run('dead1', { name: 'a', network: 'lan' });
      await engine.createLab('live1', { kind: 'run', pid: process.pid, runId: 'r2' });
      await engine.createLab('kept1', { kind: 'run', pid: 2 ** 31 - 2, runId: 'r3' });
      engine.keepLab('kept1');
      const at = host.steps.length;
      expect((await engine.cleanup()).lines).toEqual(['removed 1 stale lab(s): dead1']);
      const cmds = host.steps.slice(at).map((s) => (s.op === 'run' ? s.argv.join(' ') : s.op === 'write' ? `write ${s.path}` : s.op));
      const idx = (re: RegExp) => cmds.findIndex((c) => re.test(c));
      expect(idx(/^jail -f \S+\/a\/jail\.conf -r vc-dead1-a$/)).toBeGreaterThanOrEqual(0);
      expect(idx(/-r vc-dead1-a$/)).toBeLessThan(idx(/-r vc-dead1-lan-router$/));
      expect(idx(/-r vc-dead1-lan-router$/)).toBeLessThan(idx(/^ifconfig b1-lan destroy$/));
      // The uplink bridge on em0 is shared with the labs left: it stays.
      expect(cmds).not.toContain('ifconfig up-em0 destroy');
      expect(cmds.at(-1)).toBe('rm -rf -x /var/run/vessel/dead1');
      // The devfs rulesets are shared with the other labs: they stay.
      expect(cmds.some((c) => c.startsWith('devfs rule'))).toBe(false);
      expect(engine.getLab('dead1')).toBeUndefined();
      expect(engine.getLab('live1')).toBeDefined();
      expect(engine.getLab('kept1')).toBeDefined();
      expect(engine.ctx.db.prepare("SELECT count(*) AS n FROM objects WHERE lab = 'dead1'").get()).toEqual({ n: 0 });
    } finally {
      engine.close();
    }
  });
});

describe('freebsd half-made objects', () => {
  it('cleanup removes a network whose making vessel died, and leaves complete ones', async () => {
    const { engine, host } = FreebsdEngine.recording('half');
    try {
      await engine.createLab('hm1', { kind: 'manual' });
      await engine.createNetwork('hm1', 'done', '10.32.0.0/24');
      await engine.createNetwork('hm1', 'half', '10.33.0.0/24');
      expect(engine.ctx.db.prepare('SELECT count(*) AS n FROM builds').get()).toEqual({ n: 0 });
      // As if the vessel making "half" had been SIGKILLed: its build is left, its maker (pid 2^31-2) is gone.
      const { startBuild } = await import('../../../src/state/builds.js');
      startBuild(engine.ctx.db, 'hm1', 'network', ['half'], 2 ** 31 - 2, undefined);
      const at = host.steps.length;
      await engine.cleanup();
      const cmds = host.steps.slice(at).map((s) => (s.op === 'run' ? s.argv.join(' ') : s.op === 'write' ? `write ${s.path}` : s.op));
      expect(cmds).toContain('ifconfig b1-half destroy');
      expect(cmds).not.toContain('ifconfig b1-done destroy');
      expect(engine.networks('hm1').map((n) => n.name)).toEqual(['done']);
      expect(engine.ctx.db.prepare('SELECT count(*) AS n FROM builds').get()).toEqual({ n: 0 });
    } finally {
      engine.close();
    }
  });
});
