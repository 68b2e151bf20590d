// What a Linux plan shows of whole jails: the limits written on cgroup v2 (a plan assumes it), a thin root's layer,
// and the lab's scripts every entry goes through.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/backends/linux/engine.js';
import type { PlanStep } from '../../../src/host/recording.js';

const writes = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'write' ? [s] : []));
const runs = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'run' ? [s.argv] : []));

describe('linux whole-jail plans', () => {
  it('writes the limits into the jail cgroup, with the controllers enabled above it', async () => {
    const { engine, host } = Engine.recording('lim');
    try {
      await engine.createLab('plim', { kind: 'manual' });
      await engine.createNetwork('plim', 'lan', '10.37.0.0/24');
      const from = host.steps.length;
      await engine.run('plim', { name: 'db', network: 'lan', limits: { memory: 64 * 1024 ** 2, cpus: 1.5, pids: 40 } });
      const w = writes(host.steps.slice(from)).map((x) => `${x.path.replace(/^.*\/vessel\//, '')} ${x.text.trim()}`);
      expect(w).toEqual(
        expect.arrayContaining([
          'cgroup.subtree_control +memory',
          'plim/cgroup.subtree_control +pids',
          'plim/db/memory.max 67108864',
          'plim/db/cpu.max 150000 100000',
          'plim/db/pids.max 40',
        ]),
      );
    } finally {
      engine.close();
    }
  });

  it("gives a thin root a tmpfs layer of its own, and enters every jail through the lab's enter.sh", async () => {
    const { engine, host } = Engine.recording('thin');
    try {
      await engine.createLab('pthin', { kind: 'manual' });
      await engine.createNetwork('pthin', 'lan', '10.38.0.0/24');
      const from = host.steps.length;
      await engine.run('pthin', { name: 't', network: 'lan', root: 'thin' });
      expect(runs(host.steps.slice(from))).toContainEqual([
        'mount',
        '-t',
        'tmpfs',
        '-o',
        'mode=0700',
        'vessel-layer-pthin-t',
        '/run/vessel/pthin/private/t/layer',
      ]);
      // The overlay is the engine's, mounted on the host: an overlay over / cannot be made in the jail's user namespace.
      expect(runs(host.steps.slice(from))).toContainEqual([
        'mount',
        '-t',
        'overlay',
        'vessel-root-pthin-t',
        '-o',
        'lowerdir=/,upperdir=/run/vessel/pthin/private/t/layer/upper,workdir=/run/vessel/pthin/private/t/layer/work',
        '/run/vessel/pthin/private/t/root',
      ]);
      const setup = runs(host.steps.slice(from)).find((a) => a.includes('/run/vessel/pthin/lib/setup.sh'))!;
      expect(setup.slice(-4)).toEqual(['thin', '/run/vessel/pthin/private/t', '', '/run/vessel/pthin/lib']);
      expect(setup.slice(0, 3)).toEqual(['bash', '/run/vessel/pthin/lib/newns.sh', '/run/vessel/pthin/ns/t.user']);
      expect(engine.enterArgv('pthin', 't', '/').slice(0, 2)).toEqual(['sh', '/run/vessel/pthin/lib/enter.sh']);
    } finally {
      engine.close();
    }
  });
});
