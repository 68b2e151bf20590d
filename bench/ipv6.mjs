#!/usr/bin/env -S npx zx
// bench/ipv6: bring-up of N dual-stack jails (IPv4 and SLAAC, with their AAAA names) against N IPv4-only jails, in one
// run, each until every `resolve` and a `reach` of the last jail pass, with where the dual-stack time goes. Figures
// only. Needs root and a built dist/. Usage: bench/ipv6.mjs [N...]   (default 100)
import { argv } from 'zx';
import { assertUntil, dist, requireRoot, secs } from './lib.mjs';

const { Engine } = await dist('backends/linux/engine.js');
const { stepTimes, timeSteps } = await dist('core/steps.js');

requireRoot('bench/ipv6');
const sizes = argv._.length ? argv._.map(Number) : [100];

/** One lab with N jails on one network (dual-stack or not): creation, until the assertions pass, teardown; the steps' times. */
async function bringUp(n, six) {
  const engine = await Engine.open();
  const lab = `b6${six ? 'd' : 'v'}${n}`;
  if (engine.getLab(lab)) await engine.destroyLab(lab);
  await engine.createLab(lab, { kind: 'run', pid: process.pid, simulatedUplink: true });
  await engine.createNetwork(lab, 'b', '10.95.0.0/16', six ? { subnet6: 'fd95:1:2:3::/64' } : {});
  timeSteps(true);
  const t0 = performance.now();
  await engine.run(lab, { name: 'j', count: n, network: 'b' });
  const created = performance.now() - t0;
  const steps = [...stepTimes];
  timeSteps(false);
  const names = Array.from({ length: n }, (_, i) => `j-${i + 1}`);
  const lines = [...names.map((x) => `resolve ${x}.b.test ${six ? 'AAAA ' : ''}from j-1`), `reach j-1 -> j-${n}`];
  const r = await assertUntil(engine, lab, lines);
  const total = performance.now() - t0;
  const t1 = performance.now();
  await engine.destroyLab(lab);
  const teardown = performance.now() - t1;
  engine.close();
  if (!r.ok) throw new Error(`${six ? 'dual-stack' : 'IPv4'} lab of ${n}: ${r.failed} assertion(s) failed, the first: ${r.first}`);
  return { created, total, teardown, steps };
}

console.log(
  '| N | IPv4: create | IPv4: until resolve + reach pass | dual-stack: create | dual-stack: until AAAA resolve + reach pass | dual-stack / IPv4 (until pass) | teardown IPv4 / dual |',
);
console.log('|---|---|---|---|---|---|---|');
let last;
for (const n of sizes) {
  const v4 = await bringUp(n, false);
  const v6 = await bringUp(n, true);
  last = { v4, v6 };
  console.log(
    `| ${n} | ${secs(v4.created)} s | ${secs(v4.total)} s | ${secs(v6.created)} s | ${secs(v6.total)} s | ${(v6.total / v4.total).toFixed(2)}x (goal 1.3x or less) | ${secs(v4.teardown)} / ${secs(v6.teardown)} s |`,
  );
}
console.log("\nwhere the jails' creation went (last size), IPv4 / dual-stack:");
const v4steps = new Map(last.v4.steps);
for (const [k, v] of last.v6.steps) console.log(`  ${k.padEnd(16)} ${secs(v4steps.get(k) ?? 0).padStart(7)} s / ${secs(v).padStart(7)} s`);
