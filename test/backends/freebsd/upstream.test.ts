// The simulated outside of a FreeBSD run's lab: jails of its own, the same addresses as on Linux, removed with the lab.
import { describe, expect, it } from 'vitest';
import { FreebsdEngine } from '../../../src/backends/freebsd/engine.js';
import type { PlanStep } from '../../../src/host/recording.js';

const runs = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'run' ? [s.argv.join(' ')] : []));

describe('freebsd simulated outside', () => {
  it('a run lab gets the upstream and www.example in jails, never the VM NIC; teardown removes all of it', async () => {
    const { engine, host } = FreebsdEngine.recording('up');
    try {
      const lab = await engine.openRunLab('upa', 'r1');
      const made = runs(host.steps);
      expect(made).toContain('jexec vc-upa-_upstream ifconfig v1g0 inet 10.0.2.2/24 up');
      expect(made).toContain('jexec vc-upa-_www ifconfig v1w0 inet 198.51.100.80/24 up');
      expect(made).toContain('ifconfig eni0 inet 172.31.32.10/20 up');
      expect(made.some((c) => /\bem0\b/.test(c))).toBe(false);
      expect(lab.upstream).toBe('198.51.100.80');
      expect(lab.env.VESSEL_UPSTREAM_LOG).toBe('/tmp/vessel-upstream-upa/www.log');
      expect(lab.enter('upstream', '/tmp')).toEqual(['jexec', 'vc-upa-_www', '/bin/sh', '-c', 'cd "$1" || exit 1; shift; exec "$@"', 'vessel-exec', '/tmp']);
      // A network's router takes its outside lease from the upstream's bridge, not from em0.
      await engine.createNetwork('upa', 'lan', '10.50.0.0/24');
      expect(runs(host.steps)).toContain('ifconfig up1 addm v1o1');
      await expect(engine.createNetwork('upa', 'bad', '10.0.2.0/25')).rejects.toThrow(/overlaps the uplink/);
      // Another lab cannot take the ENI while this one holds it.
      const before = host.steps.length;
      await expect(engine.openRunLab('upb', 'r2')).rejects.toThrow(/the simulated ENI eni0 belongs to lab upa/);
      // ... and what it made before finding out is gone again, leaving the first lab's shared objects alone.
      expect(engine.getLab('upb')).toBeUndefined();
      expect(runs(host.steps.slice(before))).toContain('rm -rf -x /var/run/vessel/upb');
      // The devfs rulesets are the first lab's too: neither redefined nor removed.
      expect(runs(host.steps.slice(before)).filter((c) => c.startsWith('devfs rule'))).toEqual([]);
      const at = host.steps.length;
      await lab.teardown(false);
      const gone = runs(host.steps.slice(at));
      for (const c of [
        'jail -f /var/run/vessel/upa/jails/_upstream/jail.conf -r vc-upa-_upstream',
        'jail -f /var/run/vessel/upa/jails/_www/jail.conf -r vc-upa-_www',
        'ifconfig eni0 destroy',
        'ifconfig up1 destroy',
        'ifconfig v1gh destroy',
        'ifconfig v1i0 destroy',
        'rm -rf -x /tmp/vessel-upstream-upa',
      ])
        expect(gone).toContain(c);
      expect(gone.findIndex((c) => c.includes('-r vc-upa-_upstream'))).toBeLessThan(gone.indexOf('ifconfig eni0 destroy'));
      expect(engine.ctx.db.prepare('SELECT count(*) AS n FROM objects').get()).toEqual({ n: 0 });
    } finally {
      engine.close();
    }
  });
});
