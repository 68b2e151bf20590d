#!/usr/bin/env -S npx zx
// bench/elixir-cluster: medians over runs of (1) the recipe end to end, (2) the time from the first node's
// start to a fully connected cluster, (3) the peak memory (RSS) of the whole lab. Figures only.
// Needs root, a built dist/, elixir and postgresql. Usage: bench/elixir-cluster.mjs [RUNS]   (default 3)
import { randomBytes } from 'node:crypto';
import { $, argv, fs, path } from 'zx';

$.verbose = false;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const runs = Number(argv._[0] ?? 3);
const { Engine } = await import(path.join(root, 'dist/backends/linux/engine.js'));
const { parseRecipe } = await import(path.join(root, 'dist/recipe/parse.js'));
const { parseSupervisor } = await import(path.join(root, 'dist/core/supervisor/model.js'));
const { superviseUp } = await import(path.join(root, 'dist/core/supervise.js'));
const { cgroup2Root } = await import(path.join(root, 'dist/backends/linux/facts.js'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const recipe = path.join(root, 'cookbook/elixir-cluster.md');
const cgBase = path.join(cgroup2Root(), 'vessel');

/** Sum of VmRSS (kB) over every process in every lab cgroup right now. */
function labRssKb() {
  let kb = 0;
  const walk = (d) => {
    let entries = [];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
      for (const pid of fs.readFileSync(path.join(d, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
        try {
          const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
          if (m) kb += Number(m[1]);
        } catch {
          /* gone */
        }
      }
    } catch {
      /* gone */
    }
    for (const e of entries) if (e.isDirectory()) walk(path.join(d, e.name));
  };
  walk(cgBase);
  return kb;
}

/** (1) and (3): the recipe through the runner, sampling the lab's memory every 100 ms. */
async function endToEnd() {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, labRssKb());
  }, 100);
  const t0 = performance.now();
  const r = await $`node ${path.join(root, 'bin/vessel-cookbook')} run ${recipe}`.nothrow();
  const ms = performance.now() - t0;
  clearInterval(timer);
  if (r.exitCode !== 0) throw new Error(`the recipe failed:\n${r.stdout}`);
  return { ms, peakMb: peak / 1024 };
}

/** (2): postgres up first, then the five nodes; time until every node has four peers. */
async function formation() {
  const dir = fs.mkdtempSync('/tmp/vc-bench-ec-');
  fs.chmodSync(dir, 0o755);
  // The Linux twin of each engine-specific script (the bench runs the linux backend).
  for (const s of parseRecipe(recipe, fs.readFileSync(recipe, 'utf8')).recipe.steps)
    if (s.kind === 'file' && (s.options.engine ?? 'linux') === 'linux') fs.writeFileSync(path.join(dir, s.path), s.body);
  // The same node program, which also says when it sees four peers.
  fs.writeFileSync(
    path.join(dir, 'node.exs'),
    fs
      .readFileSync(path.join(dir, 'node.exs'), 'utf8')
      .replace('Process.sleep(:infinity)', 'wait.(wait, fn -> length(Node.list()) == 4 end)\nIO.puts("full mesh")\nProcess.sleep(:infinity)'),
  );
  fs.writeFileSync(path.join(dir, 'cookie'), randomBytes(18).toString('base64') + '\n', { mode: 0o600 });
  const ini = fs.readFileSync(path.join(dir, 'cluster.ini'), 'utf8');
  fs.writeFileSync(path.join(dir, 'db.ini'), ini.split('[jail:elixir-cluster]')[0]);
  const engine = await Engine.open();
  const lab = 'benchec';
  if (engine.getLab(lab)) await engine.destroyLab(lab);
  await engine.createLab(lab, { kind: 'run', pid: process.pid, simulatedUplink: true });
  try {
    const quiet = () => undefined;
    const db = parseSupervisor(path.join(dir, 'db.ini'), fs.readFileSync(path.join(dir, 'db.ini'), 'utf8')).file;
    const tp = performance.now();
    await superviseUp(engine, lab, db, quiet);
    const postgres = performance.now() - tp;
    const full = parseSupervisor(path.join(dir, 'db.ini'), ini).file;
    const t0 = performance.now();
    // Postgres is already up ("unchanged"), so this starts just the five nodes.
    await superviseUp(engine, lab, full, quiet);
    const ready = performance.now() - t0;
    const logs = [1, 2, 3, 4, 5].map((i) => `${engine.ctx.runDir}/${lab}/jails/elixir-cluster-${i}/service.log`);
    while (!logs.every((l) => fs.existsSync(l) && fs.readFileSync(l, 'utf8').includes('full mesh'))) {
      if (performance.now() - t0 > 60_000) throw new Error('the cluster did not connect fully within 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    return { postgres, ready, full: performance.now() - t0 };
  } finally {
    await engine.destroyLab(lab);
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const e2e = [];
const mem = [];
const form = [];
const pg = [];
const nodesReady = [];
for (let i = 0; i < runs; i++) {
  const a = await endToEnd();
  const b = await formation();
  e2e.push(a.ms);
  mem.push(a.peakMb);
  form.push(b.full);
  pg.push(b.postgres);
  nodesReady.push(b.ready);
  console.log(
    `run ${i + 1}: recipe ${(a.ms / 1000).toFixed(2)} s, peak ${a.peakMb.toFixed(0)} MB | postgres up+ready ${(b.postgres / 1000).toFixed(2)} s, nodes created+connected to node 1 ${(b.ready / 1000).toFixed(2)} s, first node start -> full mesh ${(b.full / 1000).toFixed(2)} s`,
  );
}
console.log(`\nmedians over ${runs} runs:`);
console.log(`| recipe end to end | first node start -> fully connected | postgres (initdb + start) | peak lab memory (RSS) |`);
console.log(`|---|---|---|---|`);
console.log(
  `| ${(median(e2e) / 1000).toFixed(2)} s | ${(median(form) / 1000).toFixed(2)} s | ${(median(pg) / 1000).toFixed(2)} s | ${median(mem).toFixed(0)} MB |`,
);
