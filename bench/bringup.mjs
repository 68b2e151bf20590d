#!/usr/bin/env -S npx zx
// bench/bringup: N jails on one bridge through the engine, as a raw script, and with Mininet.
// Prints figures side by side; it asserts nothing. Needs root, a built dist/ (npm run build),
// fping, and for the Mininet column Debian's mininet + bridge-utils (installed here when missing).
// Usage: bench/bringup.mjs [--no-mininet] [N...]   (default 10 100 500; --no-mininet leaves out the Mininet column)
import { $, argv, path } from 'zx';
import { dist, requireRoot, root, secs } from './lib.mjs';

$.verbose = false;
const { Engine } = await dist('backends/linux/engine.js');
const { evaluate } = await dist('assert/evaluate.js');
const { LinuxProber } = await dist('backends/linux/probes.js');
const { parseAssertions } = await dist('assert/grammar.js');
const { stepTimes, timeSteps } = await dist('core/steps.js');

requireRoot('bench/bringup');
const sizes = argv._.length ? argv._.map(Number) : [10, 100, 500];
const now = () => performance.now();

async function engineRun(n) {
  const engine = await Engine.open();
  const lab = `bench${n}`;
  if (engine.getLab(lab)) await engine.destroyLab(lab);
  const t0 = now();
  await engine.createLab(lab, { kind: 'manual' });
  const tl = now();
  await engine.createNetwork(lab, 'b', '10.98.0.0/16');
  const tn = now();
  timeSteps(true);
  await engine.run(lab, { name: 'j', count: n, network: 'b' });
  const t1 = now();
  // Where the time went: the lab, the network, then each step of making the jails.
  const phases = [
    ['lab', tl - t0],
    ['network (bridge, router, dnsmasq)', tn - tl],
    ...[...stepTimes].map(([k, v]) => [`jails: ${k}`, v]),
    ['jails: the rest (state, ledger)', t1 - tn - [...stepTimes.values()].reduce((a, b) => a + b, 0)],
  ];
  timeSteps(false);
  let mesh;
  if (n === 100) {
    const view = { jails: engine.jails(lab).map((j) => ({ name: j.name, addr: j.addr, network: j.network })), networks: [] };
    const prober = new LinuxProber(engine.ctx.host, { lab, runDir: engine.ctx.runDir, cgroupRoot: engine.ctx.cgroupRoot });
    const a = parseAssertions('mesh j-*', 1).assertions[0];
    const m0 = now();
    const o = await evaluate(a, view, prober);
    mesh = { ms: now() - m0, ok: o.ok, probes: o.probes, failed: o.details.length };
  }
  const t2 = now();
  await engine.destroyLab(lab);
  const t3 = now();
  engine.close();
  return { create: t1 - t0, destroy: t3 - t2, mesh, phases };
}

async function rawRun(n) {
  const lab = `r${n}`;
  const script = path.join(root, 'bench/raw-bringup.sh');
  const t0 = now();
  await $`${script} create ${lab} ${n}`;
  const t1 = now();
  await $`${script} destroy ${lab} ${n}`;
  const t2 = now();
  await $`${script} create-ip ${lab} ${n}`;
  const t3 = now();
  await $`${script} destroy ${lab} ${n}`;
  return { create: t1 - t0, destroy: t2 - t1, floor: t3 - t2 };
}

async function ensureMininet() {
  const ok = await $`/usr/bin/python3 -c "import mininet.net"`.nothrow();
  const tools = await $`command -v brctl && command -v ping`.nothrow();
  if (ok.exitCode === 0 && tools.exitCode === 0) return true;
  const r = await $`env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mininet bridge-utils iputils-ping`.nothrow();
  return r.exitCode === 0;
}

async function mininetRun(n, ping) {
  const ns = `vcbench-mn${n}`;
  await $`ip netns add ${ns}`;
  try {
    const r = await $`timeout 900 ip netns exec ${ns} /usr/bin/python3 ${path.join(root, 'bench/mininet_bringup.py')} ${n} ${ping ? 'pingall' : ''}`.nothrow();
    if (r.exitCode !== 0) return { error: r.exitCode === 124 ? 'timed out (900 s)' : r.stderr.trim().split('\n').pop() };
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } finally {
    const pids = (await $`ip netns pids ${ns}`.nothrow()).stdout.split('\n').filter(Boolean);
    if (pids.length) await $`kill -9 ${pids}`.nothrow();
    await $`ip netns del ${ns}`.nothrow();
  }
}

const rows = [];
for (const n of sizes) {
  const e = await engineRun(n);
  const r = await rawRun(n);
  rows.push({ n, e, r });
  for (const [k, v] of e.phases) console.log(`  N=${n} ${k}: ${secs(v)} s (${(v / n).toFixed(1)} ms a jail)`);
  console.log(
    `N=${n}: engine create ${secs(e.create)} s, destroy ${secs(e.destroy)} s | raw create ${secs(r.create)} s, destroy ${secs(r.destroy)} s${e.mesh ? ` | mesh ${secs(e.mesh.ms)} s (${e.mesh.probes} probes, ${e.mesh.failed} failed)` : ''}`,
  );
}

const haveMn = argv.mininet !== false && (await ensureMininet());
const mn = {};
if (haveMn) {
  for (const n of sizes) {
    mn[n] = await mininetRun(n, false);
    console.log(`N=${n}: mininet ${mn[n].error ?? `build+teardown ${secs(mn[n].build_teardown * 1000)} s`}`);
  }
  for (const n of [10, 20]) {
    mn[`ping${n}`] = await mininetRun(n, true);
    const p = mn[`ping${n}`];
    console.log(`N=${n}: mininet pingall ${p.error ?? `${secs(p.pingall * 1000)} s (loss ${p.loss}%)`}`);
  }
}

console.log(
  '\n| N | engine create | raw create (same work) | engine/raw | ip -batch floor | engine destroy | raw destroy | engine create+destroy | mininet build+teardown | engine/mininet |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const { n, e, r } of rows) {
  const m = mn[n];
  const eTotal = e.create + e.destroy;
  const mTotal = m && !m.error ? m.build_teardown * 1000 : undefined;
  console.log(
    `| ${n} | ${secs(e.create)} s | ${secs(r.create)} s | ${(e.create / r.create).toFixed(2)} | ${secs(r.floor)} s | ${secs(e.destroy)} s | ${secs(r.destroy)} s | ${secs(eTotal)} s | ${mTotal ? `${secs(mTotal)} s` : (m?.error ?? 'n/a')} | ${mTotal ? (eTotal / mTotal).toFixed(2) : 'n/a'} |`,
  );
}
const m100 = rows.find((x) => x.n === 100)?.e.mesh;
if (m100)
  console.log(
    `\nmesh at N=100: ${secs(m100.ms)} s for ${m100.probes} probes (${m100.ok ? 'all replied' : `${m100.failed} failed`}), one fping per source jail, in blocked waves that fit the kernel's neighbour table`,
  );
for (const n of [10, 20]) {
  const p = mn[`ping${n}`];
  if (p) console.log(`mininet pingall at N=${n}: ${p.error ?? `${secs(p.pingall * 1000)} s`}`);
}
