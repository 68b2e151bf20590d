// Routes between networks on both backends (issue 26): routing a routed pair again changes nothing, and a
// network that goes takes its routes with it (its peers' routers forget its subnet, its name leaves their lists).
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/backends/linux/engine.js';
import { FreebsdEngine } from '../../src/backends/freebsd/engine.js';
import type { PlanStep } from '../../src/host/recording.js';
import { getNetwork } from '../../src/state/networks.js';

const runs = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'run' ? [s.argv.join(' ')] : []));

describe('routes on FreeBSD', () => {
  it('a second --route of a routed pair adds no route (route(8) would say "File exists")', async () => {
    const { engine, host } = FreebsdEngine.recording('rt1');
    try {
      await engine.createLab('prt', { kind: 'manual' });
      await engine.createNetwork('prt', 'sales', '10.30.10.0/24');
      await engine.createNetwork('prt', 'eng', '10.30.20.0/24');
      await engine.route('prt', 'sales', 'eng');
      const from = host.steps.length;
      await engine.route('prt', 'sales', 'eng');
      await engine.route('prt', 'eng', 'sales');
      expect(runs(host.steps.slice(from)).filter((c) => / route add /.test(c))).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it("destroying a routed network deletes its route in the peer's router and forgets the pair", async () => {
    const { engine, host } = FreebsdEngine.recording('rt2');
    try {
      await engine.createLab('prt', { kind: 'manual' });
      await engine.createNetwork('prt', 'sales', '10.30.10.0/24');
      await engine.createNetwork('prt', 'eng', '10.30.20.0/24');
      await engine.route('prt', 'sales', 'eng');
      const from = host.steps.length;
      await engine.destroyNetwork('prt', 'eng', true);
      expect(runs(host.steps.slice(from))).toContainEqual(expect.stringMatching(/jexec \S*sales-router route -q delete -net 10\.30\.20\.0\/24$/));
      expect(getNetwork(engine.ctx.db, 'prt', 'sales')!.route_to).toBe('');
    } finally {
      engine.close();
    }
  });
});

describe('routes on Linux', () => {
  it("destroying a routed network deletes its route in the peer's router, its forward rules, and the pair", async () => {
    const { engine, host } = Engine.recording('rt3');
    try {
      await engine.createLab('prt', { kind: 'manual' });
      await engine.createNetwork('prt', 'sales', '10.30.10.0/24');
      await engine.createNetwork('prt', 'eng', '10.30.20.0/24');
      await engine.route('prt', 'sales', 'eng');
      const from = host.steps.length;
      await engine.destroyNetwork('prt', 'eng', true);
      const cmds = runs(host.steps.slice(from));
      expect(cmds).toContain('ip -n vc-prt-sales-router route del 10.30.20.0/24');
      const rules = host.steps.slice(from).flatMap((s) => (s.op === 'run' && s.argv.includes('nft') && s.input ? [s.input] : []));
      expect(rules.at(-1)).not.toMatch(/br-eng/);
      expect(getNetwork(engine.ctx.db, 'prt', 'sales')!.route_to).toBe('');
    } finally {
      engine.close();
    }
  });
});
