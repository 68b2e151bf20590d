#!/usr/bin/env -S npx zx
// bench/dhcp: time to bring up N DHCP jails until every `lease` and `resolve` passes, against static
// (auto) jails until every `resolve` passes, in the same run. Prints figures; asserts nothing.
// Needs root and a built dist/. Usage: bench/dhcp.mjs [N...]   (default 10 50 100)
import { argv } from 'zx';
import { assertUntil, dist, requireRoot, secs } from './lib.mjs';

const { Engine } = await dist('backends/linux/engine.js');

requireRoot('bench/dhcp');
const sizes = argv._.length ? argv._.map(Number) : [10, 50, 100];

async function bringUp(n, mode) {
  const engine = await Engine.open();
  const lab = `bd${mode[0]}${n}`;
  if (engine.getLab(lab)) await engine.destroyLab(lab);
  await engine.createLab(lab, { kind: 'run', pid: process.pid, simulatedUplink: true });
  await engine.createNetwork(lab, 'b', '10.96.0.0/16');
  const t0 = performance.now();
  await engine.run(lab, { name: 'j', count: n, network: 'b', addr: mode === 'dhcp' ? 'dhcp' : 'auto' });
  const created = performance.now() - t0;
  const names = Array.from({ length: n }, (_, i) => `j-${i + 1}`);
  const lines = [...(mode === 'dhcp' ? ['lease j-*'] : []), ...names.map((x) => `resolve ${x}.b.test from j-1`)];
  const { ok } = await assertUntil(engine, lab, lines);
  const total = performance.now() - t0;
  await engine.destroyLab(lab);
  engine.close();
  return { created, total, ok };
}

console.log('| N | static: create | static: until every resolve passes | DHCP: create (leases held) | DHCP: until every lease and resolve passes |');
console.log('|---|---|---|---|---|');
for (const n of sizes) {
  const s = await bringUp(n, 'static');
  const d = await bringUp(n, 'dhcp');
  console.log(
    `| ${n} | ${secs(s.created)} s | ${secs(s.total)} s${s.ok ? '' : ' (FAILED)'} | ${secs(d.created)} s | ${secs(d.total)} s${d.ok ? '' : ' (FAILED)'} |`,
  );
}
