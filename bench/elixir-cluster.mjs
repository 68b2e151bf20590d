#!/usr/bin/env -S npx zx
// bench/elixir-cluster: medians over runs of (1) the recipe end to end, against the same work with no jails (Postgres
// and the five nodes as one process tree), with where the time goes in each, (2) the time from the first node's
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
  const r = await $`node ${path.join(root, 'bin/vessel-cookbook')} run --reporter json ${recipe}`.nothrow();
  const ms = performance.now() - t0;
  clearInterval(timer);
  if (r.exitCode !== 0) throw new Error(`the recipe failed:\n${r.stdout}`);
  // Where the time went, by step (what the runner measured), and the rest: lab setup, teardown, the runner's start.
  const res = JSON.parse(r.stdout);
  const steps = (res.recipes ?? res.results ?? [res])[0].steps.filter((x) => x.status !== 'skip');
  const phases = steps.map((x) => ({ name: `L${x.line} ${x.kind}${x.kind === 'console' ? ` ${stepTitle(x.line)}` : ''}`, ms: x.durationMs }));
  phases.push({ name: 'runner start, lab setup, teardown', ms: ms - phases.reduce((a, b) => a + b.ms, 0) });
  return { ms, peakMb: peak / 1024, phases };
}

const recipeLines = fs.readFileSync(recipe, 'utf8').split('\n');
/** The first command of the console block at `line`, to name a phase. */
function stepTitle(line) {
  const cmd = recipeLines.slice(line).find((l) => l.startsWith('$ '));
  return cmd ? cmd.slice(2, 60) : '';
}

/**
 * The same work with no jails, as one process tree: pg.sh as it is (its cluster on tmpfs over the package's paths,
 * in a mount namespace of the bench's own), the five nodes, the psql login and the two probes, then the end of it
 * all. It runs in a network namespace and a pid namespace of its own: nothing touches the host's network, and the
 * namespace's end takes every process with it.
 */
async function noJails() {
  const dir = fs.mkdtempSync('/tmp/vc-bench-nj-');
  fs.chmodSync(dir, 0o755);
  const files = Object.fromEntries(
    parseRecipe(recipe, fs.readFileSync(recipe, 'utf8'))
      .recipe.steps.filter((s) => s.kind === 'file' && (s.options.engine ?? 'linux') === 'linux')
      .map((s) => [s.path, s.body]),
  );
  fs.writeFileSync(path.join(dir, 'pg.sh'), files['pg.sh']);
  // One epmd serves one namespace: the nodes are app1..app5 on 127.0.0.1, and Postgres is 127.0.0.1.
  fs.writeFileSync(
    path.join(dir, 'node.exs'),
    files['node.exs'].replace('"app@elixir-cluster-1.#{domain}"', '"app1@127.0.0.1"').replace('"postgres.#{domain}"', '"127.0.0.1"'),
  );
  fs.writeFileSync(path.join(dir, 'cookie'), randomBytes(18).toString('base64') + '\n', { mode: 0o600 });
  const script = String.raw`set -eu
cd "$1"
mark() { printf 'T %s %s\n' "$1" "$(date +%s%3N)"; }
# Up to 60 s for what a loop waits on.
tick() { n=$((${'$'}{n:-0} + 1)); [ "$n" -lt 1200 ] || { echo "bench: $1 did not happen within 60 s" >&2; exit 1; }; sleep 0.05; }
mark start
ip link set lo up
for d in /etc/postgresql /var/lib/postgresql /run/postgresql /var/log/postgresql; do mount -t tmpfs -o mode=0755 vessel-bench "$d"; chown postgres:postgres "$d"; done
export VESSEL_DOMAIN=local
sh pg.sh > pg.log 2>&1 &
until (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; do tick postgres; done
mark postgres
node() {
  mkdir -p "home$1" && install -m 400 cookie "home$1/.erlang.cookie"
  HOME="$PWD/home$1" elixir --name "app$1@127.0.0.1" node.exs > "node$1.log" 2>&1 &
}
ready() { for i in "$@"; do until grep -q '^connected' "node$i.log" 2>/dev/null; do tick "node $i"; done; done; }
node 1; ready 1
mark node1
for i in 2 3 4 5; do node "$i"; done; ready 2 3 4 5
mark nodes
[ "$(PGPASSWORD=app psql -h 127.0.0.1 -U app -d app -tAc 'select current_user')" = app ]
mark psql
mkdir -p probe-home && install -m 400 cookie probe-home/.erlang.cookie
probe() { HOME="$PWD/probe-home" elixir --name probe@127.0.0.1 --erl -hidden -e "$1"; }
until [ "$(probe 'IO.puts(Enum.sum(for i <- 1..5, do: length(:rpc.call(:"app#{i}@127.0.0.1", Node, :list, []))))')" = 20 ]; do tick "the full mesh"; done
probe 'IO.inspect(Enum.sort(:rpc.call(:"app2@127.0.0.1", Node, :list, [])))' > /dev/null
mark probes
`;
  const t0 = performance.now();
  const r = await $`unshare --net --mount --propagation private --pid --fork --mount-proc bash -c ${script} vessel-bench ${dir}`.nothrow();
  const ms = performance.now() - t0;
  try {
    if (r.exitCode !== 0) throw new Error(`the no-jail run failed (exit ${r.exitCode}):\n${r.stdout}${r.stderr}`);
    const marks = Object.fromEntries(
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('T '))
        .map((l) => l.split(' ').slice(1))
        .map(([k, v]) => [k, Number(v)]),
    );
    const order = ['start', 'postgres', 'node1', 'nodes', 'psql', 'probes'];
    const phases = order.slice(1).map((k, i) => ({ name: k, ms: marks[k] - marks[order[i]] }));
    phases.push({ name: 'namespaces, and the end of every process', ms: ms - (marks.probes - marks.start) });
    return { ms, phases };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
  // As in a run: thin roots show the work directory, where the supervisor's scripts are (else "cannot open pg.sh").
  process.env.VESSEL_WORKDIR = dir;
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
    delete process.env.VESSEL_WORKDIR;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const e2e = [];
const bare = [];
const mem = [];
const form = [];
const pg = [];
const nodesReady = [];
let lastPhases;
for (let i = 0; i < runs; i++) {
  const a = await endToEnd();
  const n = await noJails();
  const b = await formation();
  lastPhases = { jails: a.phases, none: n.phases };
  e2e.push(a.ms);
  bare.push(n.ms);
  mem.push(a.peakMb);
  form.push(b.full);
  pg.push(b.postgres);
  nodesReady.push(b.ready);
  console.log(
    `run ${i + 1}: recipe ${(a.ms / 1000).toFixed(2)} s, the same work without jails ${(n.ms / 1000).toFixed(2)} s (${(a.ms / n.ms).toFixed(2)}x), peak ${a.peakMb.toFixed(0)} MB | postgres up+ready ${(b.postgres / 1000).toFixed(2)} s, nodes created+connected to node 1 ${(b.ready / 1000).toFixed(2)} s, first node start -> full mesh ${(b.full / 1000).toFixed(2)} s`,
  );
}
const fmt = (ph) => ph.map((p) => `  ${(p.ms / 1000).toFixed(2).padStart(6)} s  ${p.name}`).join('\n');
console.log(`\nwhere the time went (last run), with jails, by recipe step:\n${fmt(lastPhases.jails)}`);
console.log(`without jails, by phase:\n${fmt(lastPhases.none)}`);
console.log(`\nmedians over ${runs} runs:`);
console.log(
  `recipe end to end with jails / the same work without jails: ${(median(e2e) / 1000).toFixed(2)} s / ${(median(bare) / 1000).toFixed(2)} s = ${(median(e2e) / median(bare)).toFixed(2)}x (goal: 1.3x or less)`,
);
console.log(`| recipe end to end | first node start -> fully connected | postgres (initdb + start) | peak lab memory (RSS) |`);
console.log(`|---|---|---|---|`);
console.log(
  `| ${(median(e2e) / 1000).toFixed(2)} s | ${(median(form) / 1000).toFixed(2)} s | ${(median(pg) / 1000).toFixed(2)} s | ${median(mem).toFixed(0)} MB |`,
);
