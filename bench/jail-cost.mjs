#!/usr/bin/env -S npx zx
// bench/jail-cost: what a whole jail costs on Linux (issue 17). Prints figures; asserts nothing.
//   1. N jails with a service (`sleep infinity`): the processes and resident memory of each jail, split into the
//      service and what its process space adds (the entry shell, nsenter, unshare, catatonit).
//   2. An idle jail: processes left after an exec (none), and exec latency cold (the process space starts and ends
//      with the command) against warm (a service keeps it), against a bare nsenter (the floor).
//   3. A thin root: what creating it adds per jail.
// Needs root and a built dist/. Usage: bench/jail-cost.mjs [N]   (default 20)
import { readFileSync } from 'node:fs';
import { $, argv } from 'zx';
import { dist, requireRoot, secs } from './lib.mjs';

$.verbose = false;
const { Engine } = await dist('backends/linux/engine.js');
requireRoot('bench/jail-cost');
const N = Number(argv._[0] ?? 20);
const now = () => performance.now();

/** Resident KiB and name of a process, or undefined when it is gone. */
function proc(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { name: /^Name:\s+(.*)$/m.exec(status)[1], rss: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) };
  } catch {
    return undefined;
  }
}

/** The PIDs in a jail's cgroup. */
function cgroupProcs(engine, lab, jail) {
  try {
    return readFileSync(`${engine.ctx.cgroupRoot}/vessel/${lab}/${jail}/cgroup.procs`, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const engine = await Engine.open();
const lab = 'benchcost';
if (engine.getLab(lab)) await engine.destroyLab(lab);
try {
  await engine.createLab(lab, { kind: 'manual' });
  await engine.createNetwork(lab, 'b', '10.97.0.0/22');

  // 1. N jails with a service.
  await engine.run(lab, { name: 's', count: N, network: 'b', command: ['sleep', 'infinity'] });
  // Measured once every service runs (its process space finished starting).
  const running = (i) => cgroupProcs(engine, lab, `s-${i}`).some((p) => proc(p)?.name === 'sleep');
  for (let t = 0; t < 500 && !Array.from({ length: N }, (_, i) => running(i + 1)).every(Boolean); t++) await new Promise((r) => setTimeout(r, 20));
  const byName = new Map();
  let procs = 0;
  for (let i = 1; i <= N; i++) {
    for (const pid of cgroupProcs(engine, lab, `s-${i}`)) {
      const p = proc(pid);
      if (!p) continue;
      procs++;
      const e = byName.get(p.name) ?? { n: 0, rss: 0 };
      byName.set(p.name, { n: e.n + 1, rss: e.rss + p.rss });
    }
  }
  const total = [...byName.values()].reduce((a, e) => a + e.rss, 0);
  const service = byName.get('sleep')?.rss ?? 0;
  console.log(`${N} jails with a service (sleep infinity): ${(procs / N).toFixed(1)} processes per jail, ${(total / N).toFixed(0)} KiB resident per jail`);
  for (const [name, e] of [...byName.entries()].sort((a, b) => b[1].rss - a[1].rss))
    console.log(`  ${name.padEnd(10)} ${(e.n / N).toFixed(1)} per jail, ${(e.rss / e.n).toFixed(0)} KiB each`);
  console.log(`  what the process space adds to the service: ${((total - service) / N).toFixed(0)} KiB per jail (resident, shared pages counted in each)`);

  // 2. Exec latency, cold and warm, and what an idle jail keeps.
  await engine.run(lab, { name: 'idle', network: 'b' });
  const enter = (jail) => engine.enterArgv(lab, jail, '/');
  const time = async (argv, k = 20) => {
    const t0 = now();
    for (let i = 0; i < k; i++) await $`${argv}`;
    return (now() - t0) / k;
  };
  const cold = await time([...enter('idle'), 'true']);
  const left = cgroupProcs(engine, lab, 'idle').length;
  const warm = await time([...enter('s-1'), 'true']);
  const bare = await time(['nsenter', `--net=/run/netns/vc-${lab}-idle`, 'true']);
  console.log(`exec: cold ${cold.toFixed(1)} ms (process space started and ended), warm ${warm.toFixed(1)} ms, bare nsenter ${bare.toFixed(1)} ms`);
  console.log(`an idle jail after an exec keeps ${left} process(es)`);

  // 3. Thin roots.
  let t0 = now();
  await engine.run(lab, { name: 'sh', count: 10, network: 'b' });
  const shared = now() - t0;
  t0 = now();
  await engine.run(lab, { name: 'th', count: 10, network: 'b', root: 'thin' });
  const thin = now() - t0;
  console.log(`10 jails: shared root ${secs(shared)} s, thin root ${secs(thin)} s`);
} finally {
  await engine.destroyLab(lab);
  engine.close();
}
