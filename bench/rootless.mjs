#!/usr/bin/env -S npx zx
// bench/rootless: bring-up of N jails through `vessel` as root and as an ordinary user (a rootless lab), in one run,
// alternating, with the rootless lab host's own start measured apart. Prints figures; asserts nothing. Needs root (it
// makes the user `vessel-bench`, with subordinate ids, and a delegated cgroup v2 folder for it, as systemd would),
// and a built dist/.
// Usage: bench/rootless.mjs [--rounds R] [N...]   (default: 100, 2 rounds)
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { $, argv, path } from 'zx';
import { requireRoot, root, secs } from './lib.mjs';

$.verbose = false;
requireRoot('bench/rootless');
const sizes = argv._.length ? argv._.map(Number) : [100];
const rounds = Number(argv.rounds ?? 2);
const USER = 'vessel-bench';
const now = () => performance.now();

const cg2 = readFileSync('/proc/self/mountinfo', 'utf8')
  .split('\n')
  .map((l) => l.split(' '))
  .find((p) => p[p.indexOf('-') + 1] === 'cgroup2')?.[4];
if (!cg2) throw new Error('no cgroup v2 mount');
const cg = path.join(cg2, 'vessel-bench');

if ((await $`id -u ${USER}`.nothrow()).exitCode !== 0) await $`useradd -m -s /bin/sh ${USER}`;
if (!readFileSync('/etc/subuid', 'utf8').includes(`${USER}:`)) await $`usermod --add-subuids 500000-565535 --add-subgids 500000-565535 ${USER}`;
mkdirSync(cg, { recursive: true });
await $`chown -R ${USER}:${USER} ${cg}`;

const vesselBin = path.join(root, 'bin/vessel');
/** Runs vessel as root, or as the bench's user placed in its delegated cgroup. */
async function vessel(rootless, args) {
  const argvv = [process.execPath, vesselBin, ...args];
  const r = rootless
    ? await $({
        cwd: root,
      })`sh -c ${'echo $$ > "$1/cgroup.procs" && shift && exec "$@"'} sh ${cg} setpriv --reuid=${USER} --regid=${USER} --init-groups env -i PATH=${process.env.PATH} HOME=/home/${USER} USER=${USER} ${argvv}`.nothrow()
    : await $({ cwd: root })`${argvv}`.nothrow();
  if (r.exitCode !== 0) throw new Error(`vessel ${args.join(' ')} (${rootless ? 'rootless' : 'root'}): ${r.stderr.trim()}`);
  return r;
}

/** One bring-up: the network (with the lab host's start when rootless), N jails, and teardown, in ms. */
async function bringup(rootless, n) {
  const lab = `rlbench${rootless ? 'u' : 'r'}`;
  const t0 = now();
  try {
    await vessel(rootless, ['--lab', lab, 'network', '--create', '--name=b', '--subnet=10.97.0.0/16']);
    const t1 = now();
    await vessel(rootless, ['--lab', lab, 'run', '--name=j', `--count=${n}`, '--network=b']);
    const t2 = now();
    await vessel(rootless, ['destroy', '--lab', lab]);
    const t3 = now();
    return { network: t1 - t0, jails: t2 - t1, destroy: t3 - t2 };
  } catch (e) {
    await vessel(rootless, ['destroy', '--lab', lab]).catch(() => {});
    throw e;
  }
}

/** A bare `vessel list`: the CLI's start, and rootless also the lab host's (made and ended each time). */
async function listOnce(rootless) {
  const t0 = now();
  await vessel(rootless, ['list', '--lab', 'rlbenchnone']);
  return now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  console.log(`rootless against root, ${rounds} round(s) each, alternating (medians)`);
  const list = { root: [], rootless: [] };
  for (let i = 0; i < 3; i++) {
    list.root.push(await listOnce(false));
    list.rootless.push(await listOnce(true));
  }
  console.log(`\n| command | root | rootless | ratio |\n|---|---|---|---|`);
  console.log(
    `| vessel list (start; rootless: make and end the lab host) | ${median(list.root).toFixed(0)} ms | ${median(list.rootless).toFixed(0)} ms | ${(median(list.rootless) / median(list.root)).toFixed(2)}x |`,
  );
  console.log(`\n| N | phase | root | rootless | ratio |\n|---|---|---|---|---|`);
  for (const n of sizes) {
    const got = { root: [], rootless: [] };
    for (let i = 0; i < rounds; i++) {
      got.root.push(await bringup(false, n));
      got.rootless.push(await bringup(true, n));
    }
    for (const phase of ['network', 'jails', 'destroy']) {
      const a = median(got.root.map((g) => g[phase]));
      const b = median(got.rootless.map((g) => g[phase]));
      console.log(`| ${n} | ${phase} | ${secs(a)} s | ${secs(b)} s | ${(b / a).toFixed(2)}x |`);
    }
  }
} finally {
  for (const d of [path.join(cg, 'vessel'), cg]) if (existsSync(d)) rmdirSync(d);
}
