// The defects an expert review found in the freebsd plans (issue 15), each with the check that would have caught it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchorLoad, jailConf, partitionAnchor, routesAnchor } from '../../../src/backends/freebsd/conf.js';
import { FreebsdEngine } from '../../../src/backends/freebsd/engine.js';
import { removalCommand } from '../../../src/backends/freebsd/remove.js';
import type { PlanStep } from '../../../src/host/recording.js';
import { planOf, RECIPES } from '../plans.js';

const runs = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'run' ? [s.argv] : []));
const PROVISION = readFileSync('harness/freebsd-provision.sh', 'utf8');

describe('freebsd defects found in review', () => {
  it('1: every jail root has /var/empty, where dhclient chroots', async () => {
    for (const r of RECIPES) {
      for (const argv of runs((await planOf(r)).steps)) {
        if (argv[0] !== 'mkdir' || !argv.some((a) => a.endsWith('/root/etc'))) continue;
        const root = argv.find((a) => a.endsWith('/root/etc'))!.slice(0, -'/etc'.length);
        expect(argv, `${r}: ${root}`).toContain(`${root}/var/empty`);
      }
    }
  });

  it('2: provisioning never hands sysrc a dotted name, and raises net.fibs at run time', () => {
    for (const line of PROVISION.split('\n').filter((l) => /^\s*sysrc\b/.test(l))) expect(line).not.toMatch(/\s[a-z_]+\.[a-z_.]+=/);
    expect(PROVISION).toMatch(/sysctl net\.fibs=16/);
  });

  it('3: provisioning installs gmake (and python3) before npm builds better-sqlite3', () => {
    const pkg = PROVISION.split('\n').find((l) => /^pkg install/.test(l))!;
    expect(pkg.split(/\s+/)).toEqual(expect.arrayContaining(['gmake', 'python3']));
  });

  it('5: an IP-aliased (non-vnet) jail gets no ifconfig in exec.start; a vnet jail does', () => {
    const base = { name: 'vc-l-a', hostname: 'a', root: '/r', fstab: '/f', consoleLog: '/c', devfsRuleset: 4071 };
    expect(jailConf({ ...base, ip4: { nic: 'eni0', ip: '172.31.32.21', prefix: 20 }, fib: 1 })).not.toMatch(/exec\.start/);
    expect(jailConf({ ...base, vnetInterfaces: ['vj1'] })).toMatch(/exec\.start = "\/sbin\/ifconfig lo0 inet 127\.0\.0\.1\/8 up";/);
  });

  it("6: services, exec and ready checks of an aliased jail run in its FIB (setfib N jexec), a vnet jail's plainly", async () => {
    const { engine, host } = FreebsdEngine.recording('fib');
    try {
      await engine.createLab('fib1', { kind: 'manual' });
      await engine.runAlias('fib1', 'app', 'eni0', '172.31.32.21', ['sleep', '1000']);
      expect(engine.enterArgv('fib1', 'app', '/').slice(0, 4)).toEqual(['setfib', '1', 'jexec', 'vc-fib1-app']);
      const service = runs(host.steps).find((a) => a.includes('vessel-service'))!;
      expect(service.slice(0, 4)).toEqual(['setfib', '1', 'jexec', 'vc-fib1-app']);
      expect(await engine.readyOnce('fib1', engine.jail('fib1', 'app'), { kind: 'tcp', port: 80 })).toBe(true);
      expect(runs(host.steps).at(-1)!.slice(0, 4)).toEqual(['setfib', '1', 'jexec', 'vc-fib1-app']);
      await engine.createNetwork('fib1', 'lan', '10.33.0.0/24');
      await engine.run('fib1', { name: 'v', network: 'lan' });
      expect(engine.enterArgv('fib1', 'v', '/')[0]).toBe('jexec');
    } finally {
      engine.close();
    }
  });

  it('7: teardown deletes the interface route it added to a FIB, not only the gateway routes flush removes', async () => {
    const { steps } = await planOf('cookbook/aliased-jails.md');
    const added = runs(steps).filter((a) => a[0] === 'setfib' && a[2] === 'route' && a[3] === 'add' && a.includes('-iface'));
    expect(added.length).toBeGreaterThan(0);
    for (const a of added) {
      const [, fib, , , , cidr, , nic] = a;
      expect(runs(steps)).toContainEqual([
        'sh',
        '-c',
        'setfib "$1" route -q delete -net "$2" -iface "$3"; setfib "$1" route -q flush',
        'vessel-fib',
        fib,
        cidr,
        nic,
      ]);
    }
    expect(removalCommand({ id: 1, lab: 'l', kind: 'fib', name: '2|172.31.32.0/20|eni0', owner: 'a' }).slice(-3)).toEqual(['2', '172.31.32.0/20', 'eni0']);
    // An aliased jail's IPv6 interface route too, deleted with -6 (route(8) reads an address as IPv4 unless told).
    const added6 = runs(steps).filter((a) => a[0] === 'setfib' && a[2] === 'route' && a[3] === '-6' && a[4] === 'add' && a.includes('-iface'));
    expect(added6.length).toBeGreaterThan(0);
    for (const a of added6) {
      const [, fib, , , , , cidr, , nic] = a;
      expect(runs(steps)).toContainEqual([
        'sh',
        '-c',
        'setfib "$1" route -q -6 delete -net "$2" -iface "$3"; setfib "$1" route -q flush',
        'vessel-fib',
        fib,
        cidr,
        nic,
      ]);
    }
  });

  it('8: routing networks never blocks traffic inside one network (the host pf sees bridged frames too)', () => {
    const rules = routesAnchor([['10.1.0.0/24', '10.2.0.0/24']], ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24']).split('\n');
    const block = rules.findIndex((l) => l.startsWith('block'));
    for (const s of ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24']) {
      const pass = rules.indexOf(`pass quick inet from ${s} to ${s}`);
      expect(pass, s).toBeGreaterThanOrEqual(0);
      expect(pass, s).toBeLessThan(block);
    }
  });

  it('9: a partition kills the pf states already open between the groups, both ways', async () => {
    const { engine, host } = FreebsdEngine.recording('part');
    try {
      await engine.createLab('pt1', { kind: 'manual' });
      await engine.createNetwork('pt1', 'lan', '10.34.0.0/24');
      await engine.run('pt1', { name: 'a', network: 'lan' });
      await engine.run('pt1', { name: 'b', network: 'lan' });
      const at = host.steps.length;
      await engine.partition('pt1', ['a'], ['b']);
      const after = runs(host.steps.slice(at));
      const load = after.findIndex((a) => a[0] === 'pfctl' && a[1] === '-a');
      expect(after.findIndex((a) => a.join(' ') === 'pfctl -k 10.34.0.2 -k 10.34.0.3')).toBeGreaterThan(load);
      expect(after.map((a) => a.join(' '))).toContain('pfctl -k 10.34.0.3 -k 10.34.0.2');
    } finally {
      engine.close();
    }
  });

  it('10: two labs built alike share no kernel object name; the shared uplink bridge outlives the first; equal subnets are refused', async () => {
    const { engine, host } = FreebsdEngine.recording('two');
    // What a step names: `ifconfig X name NEW`, or a jail's name.
    const named = (steps: PlanStep[]) =>
      runs(steps).flatMap((a) => (a[0] === 'ifconfig' && a[2] === 'name' ? [a[3]!] : a[0] === 'jail' && a[3] === '-c' ? [a[4]!] : []));
    const build = async (lab: string, subnets: [string, string]) => {
      const at = host.steps.length;
      await engine.createLab(lab, { kind: 'manual' });
      await engine.createNetwork(lab, 'lan', subnets[0]);
      await engine.createNetwork(lab, 'dmz', subnets[1], { vlan: 10 });
      await engine.run(lab, { name: 'web', network: 'lan', count: 2 });
      await engine.run(lab, { name: 'db', network: 'dmz', addr: 'dhcp' });
      return named(host.steps.slice(at));
    };
    try {
      const a = await build('twoa', ['10.41.0.0/24', '10.42.0.0/24']);
      const b = await build('twob', ['10.43.0.0/24', '10.44.0.0/24']);
      expect(a).toContain('up-em0');
      expect(b).not.toContain('up-em0');
      expect(a.length).toBeGreaterThan(10);
      expect(a.filter((n) => b.includes(n))).toEqual([]);
      // The same subnets as a live lab: refused before anything is made.
      const at = host.steps.length;
      await engine.createLab('twoc', { kind: 'manual' });
      await expect(engine.createNetwork('twoc', 'lan', '10.41.0.0/24')).rejects.toThrow(
        /overlaps network lan \(10\.41\.0\.0\/24\) of lab twoa: FreeBSD labs share/,
      );
      expect(named(host.steps.slice(at))).not.toContain('b3-lan');
      await engine.destroyLab('twoc');
      // Removing the first lab destroys only its own interfaces, and leaves the uplink bridge to the second.
      const before = host.steps.length;
      await engine.destroyLab('twoa');
      const destroyed = runs(host.steps.slice(before)).flatMap((x) => (x[0] === 'ifconfig' && x[2] === 'destroy' ? [x[1]!] : []));
      expect(destroyed.length).toBeGreaterThan(0);
      for (const d of destroyed) expect(b, d).not.toContain(d);
      expect(destroyed).not.toContain('up-em0');
      const last = host.steps.length;
      await engine.destroyLab('twob');
      expect(runs(host.steps.slice(last)).map((x) => x.join(' '))).toContain('ifconfig up-em0 destroy');
    } finally {
      engine.close();
    }
  });

  it("11: every jail root gets the runtime linker's hints, so package binaries find /usr/local/lib", async () => {
    for (const r of RECIPES) {
      const all = runs((await planOf(r)).steps);
      for (const [i, argv] of all.entries()) {
        if (argv[0] !== 'jail' || argv[3] !== '-c') continue;
        const root = argv[2]!.replace(/\/jail\.conf$/, '/root');
        const copy = all.findIndex((a) => a.join(' ') === `cp -p /var/run/ld-elf.so.hints ${root}/var/run/ld-elf.so.hints`);
        expect(copy, `${r}: ${root}`).toBeGreaterThanOrEqual(0);
        expect(copy, `${r}: ${root}`).toBeLessThan(i);
      }
    }
  });

  it('VM 13.2: host anchors hold no tables and load with the optimizer off, so -F all removes them at once', async () => {
    // A table (declared, or made by the optimizer from 6+ addresses) kept vessel/LAB-routes listed after -F all.
    const nets = ['10.1.0.0/24', '10.2.0.0/24', '10.3.0.0/24', '10.4.0.0/24', '10.5.0.0/24', '10.6.0.0/24', '10.7.0.0/24'];
    for (const text of [routesAnchor([[nets[0]!, nets[1]!]], nets), partitionAnchor(nets, ['10.9.0.2'])]) expect(text).not.toMatch(/table|</);
    expect(anchorLoad('vessel/x-routes').slice(0, 3)).toEqual(['pfctl', '-o', 'none']);
    // pf has no empty list: the last network gone leaves an anchor of nothing, not a syntax error.
    expect(routesAnchor([], [])).toBe('');
    const plan = runs((await planOf('cookbook/vlan.md')).steps).filter((a) => a[0] === 'pfctl' && a.includes('-f'));
    expect(plan.length).toBeGreaterThan(0);
    for (const a of plan) expect(a.slice(0, 3), a.join(' ')).toEqual(['pfctl', '-o', 'none']);
  });
});
