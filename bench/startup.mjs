#!/usr/bin/env -S npx zx
// bench/startup: how long a command takes to start, from the bundled bins (dist/bin/, what bin/ loads) against the
// same code as tsc's separate modules (dist/cli/), alternating in one run. Every `vessel` line of a recipe pays it.
// Figures only. Needs a built dist/. Usage: bench/startup.mjs [ROUNDS]   (default 10)
import { $, argv, path } from 'zx';
import { root } from './lib.mjs';

$.verbose = false;
const rounds = Number(argv._[0] ?? 10);
const cases = [
  ['vessel --version', 'dist/cli/vessel-bin.js', 'dist/bin/vessel.mjs', ['--version']],
  ['vessel list', 'dist/cli/vessel-bin.js', 'dist/bin/vessel.mjs', ['list']],
  ['vessel-cookbook --version', 'dist/cli/vessel-cookbook.js', 'dist/bin/vessel-cookbook.mjs', ['--version']],
  ['vessel-cookbook list cookbook/', 'dist/cli/vessel-cookbook.js', 'dist/bin/vessel-cookbook.mjs', ['list', 'cookbook']],
];

/** Wall time of one run of `node FILE ARGS`, in ms; a failing command stops the bench. */
async function once(file, args) {
  const t0 = performance.now();
  const r = await $({ cwd: root, env: { ...process.env, VESSEL_LAB: 'bstartup' } })`node ${path.join(root, file)} ${args}`.nothrow();
  if (r.exitCode !== 0) throw new Error(`node ${file} ${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = [];
for (let i = 0; i < rounds; i++) {
  const t0 = performance.now();
  await $`node -e 0`;
  bare.push(performance.now() - t0);
}
console.log(`medians of ${rounds} runs, each pair alternating; node -e 0 alone: ${median(bare).toFixed(0)} ms\n`);
console.log('| command | modules (dist/cli) | bundle (dist/bin) | modules / bundle |');
console.log('|---|---|---|---|');
for (const [name, old, neu, args] of cases) {
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await once(old, args));
    b.push(await once(neu, args));
  }
  console.log(`| ${name} | ${median(a).toFixed(0)} ms | ${median(b).toFixed(0)} ms | ${(median(a) / median(b)).toFixed(2)}x |`);
}
