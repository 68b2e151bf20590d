#!/usr/bin/env -S npx zx
// bench/load: the load figures of issue 10. Prints figures; asserts nothing (speed is never a test).
//   1. One lab, N static jails on one network (default 1000): create, `reach j-1 -> j-N`, teardown;
//      wall times, where the time goes (engine commands by kind), peak memory, and a census before/after.
//   2. M DHCP jails on a /23 (default 200): create until every `lease` and `resolve` passes.
// Needs root and a built dist/. Usage: bench/load.mjs [--jails 1000] [--dhcp 200]
import { readFile } from 'node:fs/promises';
import { $, argv, path } from 'zx';
import { assertUntil, dist, requireRoot, root, secs } from './lib.mjs';

$.verbose = false;
const { Engine } = await dist('backends/linux/engine.js');
const { LocalHost } = await dist('host/local.js');

requireRoot('bench/load');
const N = Number(argv.jails ?? 1000);
const M = Number(argv.dhcp ?? 200);

/** The local host, adding up the time per kind of command (the tally is swapped per phase). */
class TimingHost extends LocalHost {
  tally = new Map();
  kind(a) {
    if (a[0] === 'nsenter') return a.includes('unshare') ? 'jail setup (nsenter+unshare+ip -batch)' : `nsenter … ${a[a.indexOf('--') + 1]}`;
    if (a[0] === 'ip')
      return a.includes('-batch')
        ? `ip -batch (${a.includes('-n') ? 'in the lab host' : 'netns add/del'})`
        : `ip ${a
            .filter((x) => !x.startsWith('-') && !x.startsWith('vc'))
            .slice(1, 3)
            .join(' ')}`;
    return a[0];
  }
  async run(a, opts) {
    const t = performance.now();
    try {
      return await super.run(a, opts);
    } finally {
      const e = this.tally.get(this.kind(a)) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t;
      this.tally.set(this.kind(a), e);
    }
  }
  /** The tally so far, and a fresh one from now on. */
  take() {
    const t = this.tally;
    this.tally = new Map();
    return t;
  }
}

/** What a run could leave behind, in short: namespaces, the machine's links, lab processes, cgroups. */
async function census() {
  const netns = (await $`ip netns list`).stdout.split('\n').filter((l) => l.startsWith('vc')).length;
  const links = (await $`ip -o link show`).stdout.split('\n').filter(Boolean).length;
  const procs = (await $`pgrep -c -f VESSEL_COOKBOOK_RUN`.nothrow()).stdout.trim();
  const cg = (await $`find /sys/fs/cgroup/unified -maxdepth 2 -name 'vessel*'`.nothrow()).stdout.split('\n').filter(Boolean).length;
  return JSON.stringify({ netns, links, procs, cg });
}

/** MemAvailable in MiB. */
async function memAvailable() {
  return Number(/MemAvailable:\s+(\d+) kB/.exec(await readFile('/proc/meminfo', 'utf8'))[1]) / 1024;
}

function report(title, tally) {
  console.log(`  ${title}:`);
  for (const [k, e] of [...tally.entries()].sort((a, b) => b[1].ms - a[1].ms))
    console.log(`    ${secs(e.ms).padStart(8)} s  ${String(e.n).padStart(5)}×  ${k}`);
}

// 1. N static jails.
{
  const before = await census();
  const memBefore = await memAvailable();
  let memLow = memBefore;
  const sampler = setInterval(async () => {
    memLow = Math.min(memLow, await memAvailable());
  }, 250);
  const cmd = new TimingHost();
  const engine = await Engine.open({ host: cmd });
  const lab = 'load1k';
  if (engine.getLab(lab)) await engine.destroyLab(lab);
  const t0 = performance.now();
  await engine.createLab(lab, { kind: 'manual' });
  await engine.createNetwork(lab, 'big', '10.97.0.0/16');
  const t1 = performance.now();
  await engine.run(lab, { name: 'j', count: N, network: 'big' });
  const t2 = performance.now();
  const created = cmd.take();
  const reach = await assertUntil(engine, lab, [`reach j-1 -> j-${N}`], 60_000);
  const t3 = performance.now();
  cmd.take();
  await engine.destroyLab(lab);
  const t4 = performance.now();
  const destroyed = cmd.take();
  clearInterval(sampler);
  engine.close();
  const after = await census();
  console.log(`${N} static jails on one network (10.97.0.0/16):`);
  console.log(
    `  lab + network ${secs(t1 - t0)} s, ${N} jails ${secs(t2 - t1)} s (${((t2 - t1) / N).toFixed(1)} ms per jail), reach j-1 -> j-${N} ${reach.ok ? 'passed' : `FAILED: ${reach.first}`} in ${secs(t3 - t2)} s, teardown ${secs(t4 - t3)} s`,
  );
  console.log(
    `  peak memory: the machine's MemAvailable fell by ${(memBefore - memLow).toFixed(0)} MiB at most (kernel objects: namespaces, veths, bridge ports); this runner's peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );
  console.log(`  census before/after: ${before === after ? 'clean' : `DIFFERENT: ${before} -> ${after}`}`);
  // The floor, in the same run: the bare ip -batch work for N (netns, veth, address, up), and its teardown.
  const raw = path.join(root, 'bench/raw-bringup.sh');
  const f0 = performance.now();
  await $`${raw} create-ip fl ${N}`;
  const f1 = performance.now();
  await $`${raw} destroy fl ${N}`;
  const f2 = performance.now();
  console.log(
    `  the ip -batch floor: create ${secs(f1 - f0)} s, teardown ${secs(f2 - f1)} s; engine/floor: create ${((t2 - t0) / (f1 - f0)).toFixed(2)}x, teardown ${((t4 - t3) / (f2 - f1)).toFixed(2)}x (goal 1.5x each)`,
  );
  report('where creation goes (engine commands by kind, summed over the 4 parallel setup workers)', created);
  report('where teardown goes', destroyed);
}

// 2. M DHCP jails on a /23.
{
  const before = await census();
  const engine = await Engine.open();
  const lab = 'loaddhcp';
  if (engine.getLab(lab)) await engine.destroyLab(lab);
  await engine.createLab(lab, { kind: 'run', pid: process.pid, runId: 'bench', simulatedUplink: true });
  await engine.createNetwork(lab, 'wide', '10.96.0.0/23');
  const t0 = performance.now();
  await engine.run(lab, { name: 'd', count: M, network: 'wide', addr: 'dhcp' });
  const t1 = performance.now();
  const lines = ['lease d-* in 10.96.0.0/23', ...Array.from({ length: M }, (_, i) => `resolve d-${i + 1} from d-${((i + 7) % M) + 1} in 10.96.0.0/23`)];
  const r = await assertUntil(engine, lab, lines, 60_000);
  const t2 = performance.now();
  await engine.destroyLab(lab);
  const t3 = performance.now();
  engine.close();
  const after = await census();
  console.log(
    `${M} DHCP jails on a /23 (10.96.0.0/23): created with leases in ${secs(t1 - t0)} s; ${r.n} assertions (1 lease over all ${M}, ${M} resolve) ${r.ok ? 'all passed' : `FAILED (${r.failed}): ${r.first}`} in ${secs(t2 - t1)} s; teardown ${secs(t3 - t2)} s; census ${before === after ? 'clean' : 'DIFFERENT'}`,
  );
}
