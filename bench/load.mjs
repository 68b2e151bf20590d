#!/usr/bin/env -S npx zx
// bench/load: the load figures of issue 10. Prints figures; asserts nothing (speed is never a test).
//   1. One lab, N static jails on one network (default 1000): create, `reach j-1 -> j-N`, teardown;
//      wall times, where the time goes (engine commands by kind), peak memory, and a census before/after.
//   2. M DHCP jails on a /23 (default 200): create until every `lease` and `resolve` passes.
// Needs root and a built dist/. Usage: bench/load.mjs [--jails 1000] [--dhcp 200]
import { $, argv, path } from 'zx';

$.verbose = false;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { Engine } = await import(path.join(root, 'dist/engine/engine.js'));
const { ExecaRunner } = await import(path.join(root, 'dist/exec/runner.js'));
const { evaluate } = await import(path.join(root, 'dist/assert/evaluate.js'));
const { LinuxProber } = await import(path.join(root, 'dist/assert/probes.js'));
const { parseAssertions } = await import(path.join(root, 'dist/assert/grammar.js'));
const { facts, view } = await import(path.join(root, 'dist/harness/lab.js'));

if (process.getuid() !== 0) {
  console.error('bench/load needs root');
  process.exit(3);
}
const N = Number(argv.jails ?? 1000);
const M = Number(argv.dhcp ?? 200);
const secs = (ms) => (ms / 1000).toFixed(2);

/** Runs commands for real and adds up the time per kind of command. */
class TimingRunner {
  inner = new ExecaRunner();
  byKind = new Map();
  kind(argv) {
    if (argv[0] === 'nsenter') return argv.includes('unshare') ? 'jail setup (nsenter+unshare+ip -batch)' : `nsenter … ${argv[argv.indexOf('--') + 1]}`;
    if (argv[0] === 'ip') return argv.includes('-batch') ? `ip -batch (${argv.includes('-n') ? 'in the lab host' : 'netns add/del'})` : `ip ${argv.filter((a) => !a.startsWith('-') && !a.startsWith('vc')).slice(1, 3).join(' ')}`;
    return argv[0];
  }
  async run(argv, opts) {
    const t = performance.now();
    try {
      return await this.inner.run(argv, opts);
    } finally {
      const k = this.kind(argv);
      const e = this.byKind.get(k) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t;
      this.byKind.set(k, e);
    }
  }
}

/** What a run could leave behind, in short: namespaces, the machine's links, state rows, cgroups. */
async function census() {
  const netns = (await $`ip netns list`).stdout.split('\n').filter((l) => l.startsWith('vc')).length;
  const links = (await $`ip -o link show`).stdout.split('\n').filter(Boolean).length;
  const procs = (await $`pgrep -c -f VESSEL_COOKBOOK_RUN`.nothrow()).stdout.trim();
  const cg = (await $`find /sys/fs/cgroup/unified -maxdepth 2 -name 'vessel*'`.nothrow()).stdout.split('\n').filter(Boolean).length;
  return JSON.stringify({ netns, links, procs, cg });
}

/** MemAvailable in MiB. */
async function memAvailable() {
  const m = /MemAvailable:\s+(\d+) kB/.exec(await (await import('node:fs/promises')).readFile('/proc/meminfo', 'utf8'));
  return Number(m[1]) / 1024;
}

async function evalUntil(engine, lab, lines, ms = 60_000) {
  const prober = new LinuxProber(engine.ctx.cmd, { lab, runDir: engine.ctx.runDir, cgroupRoot: engine.ctx.cgroupRoot }, facts(engine, lab));
  const as = parseAssertions(lines.join('\n'), 1).assertions;
  const end = Date.now() + ms;
  for (;;) {
    const v = view(engine, lab);
    const failed = [];
    for (let i = 0; i < as.length; i += 16) {
      const outs = await Promise.all(as.slice(i, i + 16).map((a) => evaluate(a, v, prober)));
      failed.push(...outs.filter((o) => !o.ok));
    }
    if (failed.length === 0) return { ok: true, n: as.length };
    if (Date.now() > end) return { ok: false, n: as.length, failed: failed.length, first: failed[0].details[0] };
  }
}

function report(cmd) {
  const rows = [...cmd.byKind.entries()].sort((a, b) => b[1].ms - a[1].ms);
  for (const [k, e] of rows) console.log(`    ${secs(e.ms).padStart(8)} s  ${String(e.n).padStart(5)}×  ${k}`);
}

// 1. N static jails.
{
  const before = await census();
  const memBefore = await memAvailable();
  let memLow = memBefore;
  const sampler = setInterval(async () => { memLow = Math.min(memLow, await memAvailable()); }, 250);
  const cmd = new TimingRunner();
  const engine = await Engine.open({ cmd });
  const lab = 'load1k';
  if (engine.getLab(lab)) await engine.destroyLab(lab);
  const t0 = performance.now();
  await engine.createLab(lab, { kind: 'manual' });
  await engine.createNetwork(lab, 'big', '10.97.0.0/16');
  const t1 = performance.now();
  await engine.run(lab, { name: 'j', count: N, network: 'big' });
  const t2 = performance.now();
  const created = [...cmd.byKind.entries()];
  const reach = await evalUntil(engine, lab, [`reach j-1 -> j-${N}`]);
  const t3 = performance.now();
  cmd.byKind = new Map(created);
  const beforeDestroy = new Map([...cmd.byKind.entries()].map(([k, v]) => [k, { ...v }]));
  await engine.destroyLab(lab);
  const t4 = performance.now();
  clearInterval(sampler);
  engine.close();
  const after = await census();
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`${N} static jails on one network (10.97.0.0/16):`);
  console.log(`  lab + network ${secs(t1 - t0)} s, ${N} jails ${secs(t2 - t1)} s (${((t2 - t1) / N).toFixed(1)} ms per jail), reach j-1 -> j-${N} ${reach.ok ? 'passed' : 'FAILED'} in ${secs(t3 - t2)} s, teardown ${secs(t4 - t3)} s`);
  console.log(`  peak memory: the machine's MemAvailable fell by ${(memBefore - memLow).toFixed(0)} MiB at most (kernel objects: namespaces, veths, bridge ports); this runner's peak RSS ${rss.toFixed(0)} MiB`);
  console.log(`  census before/after: ${before === after ? 'clean' : `DIFFERENT: ${before} -> ${after}`}`);
  console.log('  where the time goes (engine commands by kind, create + teardown; summed over the 4 parallel setup workers):');
  for (const [k, v] of beforeDestroy) {
    const now = cmd.byKind.get(k);
    if (now) now.label = k;
    void v;
  }
  report(cmd);
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
  const lines = [`lease d-* in 10.96.0.0/23`, ...Array.from({ length: M }, (_, i) => `resolve d-${i + 1} from d-${((i + 7) % M) + 1} in 10.96.0.0/23`)];
  const r = await evalUntil(engine, lab, lines);
  const t2 = performance.now();
  await engine.destroyLab(lab);
  const t3 = performance.now();
  engine.close();
  const after = await census();
  console.log(`${M} DHCP jails on a /23 (10.96.0.0/23): created with leases in ${secs(t1 - t0)} s; ${r.n} assertions (1 lease over all ${M}, ${M} resolve) ${r.ok ? 'all passed' : `FAILED (${r.failed}): ${r.first}`} in ${secs(t2 - t1)} s; teardown ${secs(t3 - t2)} s; census ${before === after ? 'clean' : 'DIFFERENT'}`);
}
