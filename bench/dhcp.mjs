#!/usr/bin/env -S npx zx
// bench/dhcp: time to bring up N DHCP jails until every `lease` and `resolve` passes, against static
// (auto) jails until every `resolve` passes, in the same run. Prints figures; asserts nothing.
// Needs root and a built dist/. Usage: bench/dhcp.mjs [N...]   (default 10 50 100)
import { argv, path } from 'zx';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { Engine } = await import(path.join(root, 'dist/engine/engine.js'));
const { evaluate } = await import(path.join(root, 'dist/assert/evaluate.js'));
const { LinuxProber } = await import(path.join(root, 'dist/assert/probes.js'));
const { parseAssertions } = await import(path.join(root, 'dist/assert/grammar.js'));
const { facts, view } = await import(path.join(root, 'dist/harness/lab.js'));

if (process.getuid() !== 0) {
  console.error('bench/dhcp needs root');
  process.exit(3);
}
const sizes = argv._.length ? argv._.map(Number) : [10, 50, 100];
const secs = (ms) => (ms / 1000).toFixed(2);

/** Evaluates assertion lines until all pass (or 30 s); returns whether they passed. */
async function until(engine, lab, lines) {
  const prober = new LinuxProber(engine.ctx.cmd, { lab, runDir: engine.ctx.runDir, cgroupRoot: engine.ctx.cgroupRoot }, facts(engine, lab));
  const as = parseAssertions(lines.join('\n'), 1).assertions;
  const end = Date.now() + 30_000;
  for (;;) {
    const v = view(engine, lab);
    let ok = true;
    for (let i = 0; i < as.length && ok; i += 16) {
      const outs = await Promise.all(as.slice(i, i + 16).map((a) => evaluate(a, v, prober)));
      ok = outs.every((o) => o.ok);
    }
    if (ok) return true;
    if (Date.now() > end) return false;
  }
}

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
  const ok = await until(engine, lab, lines);
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
  console.log(`| ${n} | ${secs(s.created)} s | ${secs(s.total)} s${s.ok ? '' : ' (FAILED)'} | ${secs(d.created)} s | ${secs(d.total)} s${d.ok ? '' : ' (FAILED)'} |`);
}
