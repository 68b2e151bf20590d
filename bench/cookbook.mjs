#!/usr/bin/env -S npx zx
// bench/cookbook: the whole cookbook with `run --jobs J` against each recipe run alone, in one run: the slowest
// recipe alone, the sum of them all, and the cookbook at once. Figures only. Needs root, a built dist/ and the
// recipes' packages. Usage: bench/cookbook.mjs [--jobs 4] [RECIPE...]   (default: every recipe in cookbook/)
import { readdirSync } from 'node:fs';
import { $, argv, path } from 'zx';
import { requireRoot, root, secs } from './lib.mjs';

$.verbose = false;
requireRoot('bench/cookbook');
const jobs = Number(argv.jobs ?? 4);
const recipes = argv._.length
  ? argv._.map(String)
  : readdirSync(path.join(root, 'cookbook'))
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .sort()
      .map((f) => path.join('cookbook', f));
const cli = path.join(root, 'bin/vessel-cookbook');

/** The TAP report's failed tests, each with its diagnostic block (what failed and why, not only that it did). */
function failures(tap) {
  const out = [];
  let inFail = false;
  for (const l of tap.split('\n')) {
    if (/^(not )?ok /.test(l)) inFail = l.startsWith('not ok');
    if (inFail) out.push(l);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}

/** Runs the runner on `files`; its wall time, and its exit status (a failing cookbook gives no figure). */
async function timed(files, extra = []) {
  const t0 = performance.now();
  const r = await $({ cwd: root })`node ${cli} run --reporter tap ${extra} ${files}`.nothrow();
  const ms = performance.now() - t0;
  if (r.exitCode !== 0) throw new Error(`vessel-cookbook run ${extra.join(' ')} ${files.join(' ')} exited ${r.exitCode}:\n${failures(r.stdout)}${r.stderr}`);
  return ms;
}

const alone = [];
for (const f of recipes) {
  alone.push({ f, ms: await timed([f]) });
  console.log(`alone: ${f} ${secs(alone.at(-1).ms)} s`);
}
const together = await timed(recipes, ['--jobs', String(jobs)]);
const slowest = alone.reduce((a, b) => (b.ms > a.ms ? b : a));
const sum = alone.reduce((a, b) => a + b.ms, 0);
console.log(`\n| recipes | slowest alone | all, one at a time (sum) | run --jobs ${jobs} | --jobs ${jobs} / slowest (goal 1.2x) | --jobs ${jobs} / sum |`);
console.log('|---|---|---|---|---|---|');
console.log(
  `| ${recipes.length} | ${secs(slowest.ms)} s (${path.basename(slowest.f)}) | ${secs(sum)} s | ${secs(together)} s | ${(together / slowest.ms).toFixed(2)}x | ${(together / sum).toFixed(2)}x |`,
);
