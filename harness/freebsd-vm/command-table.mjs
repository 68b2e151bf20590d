#!/usr/bin/env -S npx zx
// Prints docs/freebsd.md's table of the commands the freebsd backend runs: each command's shape, how many recipes'
// golden plans use it, and what happened when the VM tier ran it on real FreeBSD 13.2 (npm run test:freebsd-vm
// records every command it ran, with its exit status, in CACHE/vm-commands.json).
// Usage: harness/freebsd-vm/command-table.mjs [--dir=CACHE]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { argv, path } from 'zx';
import { fbvmPaths } from './paths.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const p = fbvmPaths(argv.dir);

/** Splits a displayed command line into words (single quotes and backslash escapes, as displayArg writes them). */
function words(line) {
  const out = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (c === ' ') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** A command's shape: the program and what kind of thing it does, without names, addresses or values. */
function shapeOf(a) {
  const pre = [];
  for (;;) {
    if (a[0] === 'setfib') {
      pre.push('setfib N');
      a = a.slice(2);
    } else if (a[0] === 'jexec') {
      pre.push('jexec J');
      a = a.slice(2);
    } else break;
  }
  const cmd = path.basename(a[0] ?? '');
  const flags = a.slice(1).filter((w) => /^-[A-Za-z]/.test(w));
  let shape;
  switch (cmd) {
    case 'ifconfig': {
      if (a[1]?.startsWith('-')) shape = `ifconfig ${a[1]}`;
      else if (a[1] === 'epair' || a[1] === 'bridge' || /^vlan\d*$/.test(a[1] ?? '')) shape = `ifconfig ${a[1].replace(/\d+$/, '')} ${a[2] ?? ''}`;
      else {
        const verbs = a
          .slice(2)
          .filter((w, i, all) => /^(-?[a-z][a-z0-9_]*)$/.test(w) && all[i - 1] !== 'name' && !/^(v\d|b\d|t\d|up\d|epair\d|bridge\d|vlan\d)/.test(w));
        shape = `ifconfig IF ${verbs.slice(0, 3).join(' ') || '(show)'}`;
      }
      break;
    }
    case 'sysctl':
      shape = `sysctl ${flags.join(' ')} ${a
        .filter((w) => !w.startsWith('-'))
        .slice(1)
        .map((w) => w.split('=')[0] + (w.includes('=') ? '=V' : ''))
        .join(' ')}`;
      break;
    case 'route':
      shape = `route ${flags.join(' ')} ${a.filter((w) => /^(add|delete|get|change)$/.test(w)).join(' ')}`;
      break;
    case 'devfs':
      shape = `devfs ${a
        .slice(1)
        .filter((w) => /^(rule|add|apply|applyset|delset|del|show|hide|unhide|path|ruleset)$/.test(w))
        .join(' ')}`;
      break;
    case 'sh':
      shape = 'sh -c SCRIPT';
      break;
    default:
      shape = [cmd, ...flags].join(' ');
  }
  return [...pre, shape.replace(/\s+/g, ' ').trim()].join(' ');
}

// What the golden plans run: command lines of every recipe's plan.
const planned = new Map();
const goldens = path.join(root, 'test/golden/freebsd');
for (const f of readdirSync(goldens).filter((f) => f.endsWith('.plan'))) {
  const seen = new Set();
  let heredoc = false;
  for (const line of readFileSync(path.join(goldens, f), 'utf8').split('\n')) {
    if (heredoc) {
      heredoc = line !== 'EOF';
      continue;
    }
    heredoc = line.endsWith(' <<EOF');
    if (!line || /^(#|\s|write |append |start |kill |mkdir |rm -rf |rmdir )/.test(line)) continue;
    seen.add(shapeOf(words(line.replace(/ <<EOF$/, ''))));
  }
  for (const s of seen) planned.set(s, (planned.get(s) ?? 0) + 1);
}

// What the VM ran.
const ranFile = path.join(p.root, 'vm-commands.json');
const ran = new Map();
let machine = 'not run here';
let recipes = {};
if (existsSync(ranFile)) {
  const rec = JSON.parse(readFileSync(ranFile, 'utf8'));
  machine = rec.machine;
  recipes = rec.recipes ?? {};
  for (const c of rec.commands) {
    const s = shapeOf(c.argv);
    const r = ran.get(s) ?? { ok: 0, failed: new Map() };
    if (c.code === 0) r.ok++;
    else r.failed.set(c.code, (r.failed.get(c.code) ?? 0) + 1);
    ran.set(s, r);
  }
}

console.log(`Ran on: ${machine}\n`);
console.log('| command | recipes whose plan runs it | on real FreeBSD 13.2 here |');
console.log('|---|---|---|');
for (const s of [...new Set([...planned.keys(), ...ran.keys()])].sort()) {
  const r = ran.get(s);
  const real = !r
    ? 'planned only'
    : `ran ${r.ok + [...r.failed.values()].reduce((a, b) => a + b, 0)}×: ${r.ok} exit 0${[...r.failed].map(([code, n]) => `, ${n} exit ${code}`).join('')}`;
  console.log(`| \`${s.replace(/\|/g, '\\|')}\` | ${planned.get(s) ?? 0} | ${real} |`);
}

// How each recipe fared: its vessel commands (plumbing), and the whole recipe through run --host=freebsd-vm.
console.log('\n| recipe | its vessel commands on the VM | the whole recipe (run --host=freebsd-vm) |');
console.log('|---|---|---|');
for (const f of readdirSync(path.join(root, 'cookbook'))
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort()) {
  const r = recipes[f] ?? {};
  console.log(`| \`${f}\` | ${r.plumbing ?? 'not run'} | ${r.whole ?? 'not run (a linux-only recipe, or the tier did not reach it)'} |`);
}
