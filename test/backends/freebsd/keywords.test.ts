// Keyword conformance: every jail parameter, ifconfig keyword, devfs rule word and pf keyword a plan uses is in the
// list built from FreeBSD's own man pages (test/fixtures/freebsd-keywords.json, each entry with its source and commit).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanStep } from '../../../src/host/recording.js';
import { planOf, RECIPES } from '../plans.js';

const LIST = JSON.parse(readFileSync('test/fixtures/freebsd-keywords.json', 'utf8')) as Record<string, { keyword: string; source: string }[]>;
const known = (kind: string) => new Set(LIST[kind]!.map((k) => k.keyword));

/** ifconfig keywords that take one argument. */
const IFCONFIG_ARG = new Set(['name', 'addm', 'deletem', 'vlan', 'vlandev', 'inet', 'ether', 'netmask', 'description', 'mtu', 'fib', 'vnet']);

/** The jail parameters a jail.conf text sets. */
function jailParams(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.endsWith('{') && l !== '}')
    .map((l) => l.replace(/;$/, '').split(/\s*\+?=\s*/)[0]!);
}

/** The keyword-like words of a pf ruleset (macros, tables, lists, addresses, strings and the NAT target removed). */
function pfWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.split('\n')) {
    const l = raw.replace(/#.*/, '').trim();
    if (!l || /^[a-z_]+\s*=/.test(l)) continue;
    const stripped = l
      .replace(/\{[^}]*\}/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\([^)]*\)/g, ' ')
      .replace(/"[^"]*"/g, ' ')
      .replace(/\$\w+/g, ' ')
      .replace(/->/g, ' ')
      .replace(/!/g, ' ');
    const ws = stripped.split(/\s+/);
    // The word after `on` is an interface name, not a keyword.
    ws.forEach((w, i) => {
      if (w && !/^[\d./:]+$/.test(w) && !/^[\da-f]*:[\da-f:]*(?:\/\d+)?$/.test(w) && ws[i - 1] !== 'on') words.push(w);
    });
  }
  return words;
}

function check(steps: PlanStep[]): string[] {
  const bad: string[] = [];
  const jail = known('jail');
  const ifc = known('ifconfig');
  const devfs = known('devfs');
  const pf = known('pf');
  const rulesets = known('devfsRulesets');
  for (const s of steps) {
    if (s.op === 'write') {
      if (s.path.endsWith('jail.conf')) for (const p of jailParams(s.text)) if (!jail.has(p)) bad.push(`jail parameter ${p} (${s.path})`);
      if (s.path.endsWith('/pf.conf')) for (const w of pfWords(s.text)) if (!pf.has(w)) bad.push(`pf keyword ${w} (${s.path})`);
      continue;
    }
    // The freebsd backend acts through commands and file writes only: anything else has no FreeBSD meaning checked here.
    if (s.op !== 'run') {
      bad.push(`a ${s.op} step, which this check cannot read`);
      continue;
    }
    const [cmd, ...rest] = s.argv;
    if (cmd === 'ifconfig') {
      const args = rest.slice(1);
      for (let i = 0; i < args.length; i++) {
        if (!ifc.has(args[i]!)) bad.push(`ifconfig keyword ${args[i]} in: ${s.argv.join(' ')}`);
        if (IFCONFIG_ARG.has(args[i]!) && !(args[i] === 'inet' && i === args.length - 1)) i++;
        // inet6 is followed by an address (ADDR/64), or by the per-interface IPv6 flags, which are keywords.
        else if (args[i] === 'inet6' && args[i + 1]?.includes(':')) i++;
      }
    }
    if (cmd === 'devfs') {
      for (const w of rest.filter((w, i) => !/^\d+$/.test(w) && !(rest[i - 1] === 'path'))) if (!devfs.has(w)) bad.push(`devfs word ${w}`);
      const inc = rest.indexOf('include');
      if (inc >= 0 && !rulesets.has(rest[inc + 1]!)) bad.push(`devfs ruleset ${rest[inc + 1]} is not a stock ruleset`);
    }
    if (cmd === 'pfctl' && s.input) for (const w of pfWords(s.input)) if (!pf.has(w)) bad.push(`pf keyword ${w} (anchor ${s.argv[2]})`);
  }
  return [...new Set(bad)];
}

describe('freebsd plans use only keywords from the man pages', () => {
  it('every list entry names its source page and commit', () => {
    for (const [kind, entries] of Object.entries(LIST)) {
      if (kind.startsWith('_')) continue;
      for (const e of entries) expect(e.source, `${kind} ${e.keyword}`).toMatch(/^[a-z./_0-9-]+\.(?:[58]|rules)@[0-9a-f]{40}$/);
    }
  });
  for (const path of RECIPES) {
    it(basename(path), async () => {
      expect(check((await planOf(path)).steps)).toEqual([]);
    });
  }
  it('catches a keyword that is not in the list', () => {
    expect(check([{ op: 'run', argv: ['ifconfig', 'br0', 'addmember', 'vh1'] }])).toContain('ifconfig keyword addmember in: ifconfig br0 addmember vh1');
    expect(check([{ op: 'write', path: '/x/jail.conf', mode: 0o644, text: 'j {\n  vnet.iface = "a";\n}\n' }])).toEqual([
      'jail parameter vnet.iface (/x/jail.conf)',
    ]);
    expect(check([{ op: 'run', argv: ['pfctl', '-a', 'x', '-f', '-'], input: 'blok drop quick from any to any\n' }])).toEqual(['pf keyword blok (anchor x)']);
  });
});
