#!/usr/bin/env node
// Writes test/fixtures/corpus/: malformed and hostile recipes and supervisor files, generated from the cookbook
// with a fixed seed (so the corpus is the same on every run), plus hand-written hostile cases.
//   node harness/gen-corpus.mjs            # rewrite the corpus
// invalid/ must be refused (path:line, exit 2, nothing provisioned); strange/ must run or be refused the same way;
// supervisor/ must be refused by `vessel supervise --check`.
import { fs, path } from 'zx';

const ROOT = path.join(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test/fixtures/corpus');

// mulberry32: a small seeded PRNG, so mutations are reproducible.
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rand() * a.length)];

const recipes = fs
  .readdirSync(path.join(ROOT, 'cookbook'))
  .filter((f) => f.endsWith('.md'))
  .sort();
const src = Object.fromEntries(recipes.map((f) => [f.replace(/\.md$/, ''), fs.readFileSync(path.join(ROOT, 'cookbook', f), 'utf8')]));
const lines = (t) => t.split('\n');
const openFences = (t) => {
  const out = [];
  let open = false;
  lines(t).forEach((l, i) => {
    if (/^```/.test(l)) {
      if (!open && /^```\S/.test(l)) out.push(i);
      open = !open;
    }
  });
  return out;
};
// Fences of blocks that run (sh, bash, shell, console, assert), without file=.
const runFences = (t) => openFences(t).filter((i) => /^```(sh|bash|shell|console|assert)\b/.test(lines(t)[i]) && !/file=/.test(lines(t)[i]));
const atLine = (t, i, f) =>
  lines(t)
    .map((l, k) => (k === i ? f(l) : l))
    .join('\n');
const frontEnd = (t) => lines(t).indexOf('---', 1);

/** Mutations that make a recipe invalid under the contract (each returns text or a Buffer). */
const RECIPE_MUTATIONS = {
  // Cut just after a fence opens: an unterminated fence.
  'truncated-fence': (t) =>
    lines(t)
      .slice(0, pick(openFences(t)) + 2)
      .join('\n') + '\n',
  // One byte that is not UTF-8, in the middle of the file.
  'invalid-utf8': (t) => {
    const b = Buffer.from(t);
    const at = Math.floor(b.length * (0.2 + rand() * 0.6));
    return Buffer.concat([b.subarray(0, at), Buffer.from([0xff, 0xfe]), b.subarray(at)]);
  },
  'nul-byte': (t) => {
    const b = Buffer.from(t);
    const at = Math.floor(b.length * rand());
    return Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
  },
  'utf16le-bom': (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  'latin1-prose': (t) => Buffer.from(t.replace(/\n\n([A-Z][a-z]+ )/, '\n\nCafé $1'), 'latin1'),
  'random-bytes': () => Buffer.from(Array.from({ length: 512 }, () => Math.floor(rand() * 256)).map((b) => (b === 0 ? 1 : b) | 0x80)),
  'misspelt-option': (t) =>
    atLine(t, pick(runFences(t)), (l) => `${l.replace(/ \{.*\}$/, '')} {${pick(['timout=5s', 'jial=web', 'retyr=5s', 'backgroud', 'exitt=1', 'nmae=x'])}}`),
  'bad-duration': (t) => atLine(t, pick(runFences(t)), (l) => `${l.replace(/ \{.*\}$/, '')} {timeout=${pick(['5 minutes', '-3s', '10', '1h30', 'soon'])}}`),
  'malformed-assertion': (t) =>
    t +
    `\n\`\`\`assert\n${pick(['reach web ->', 'mesh', 'lease web in 10.0.0.0/33', 'resolve from a', 'isolated -> b', 'reach a -> b:99999', 'hostname = x', 'reach a => b'])}\n\`\`\`\n`,
  'unknown-frontmatter-key': (t) => atLine(t, 1, (l) => `${pick(['titel', 'engins', 'timeot', 'neds', 'tgs'])}: x\n${l}`),
  'frontmatter-bad-timeout': (t) =>
    lines(t)
      .map((l, i) => (i < frontEnd(t) && /^timeout:/.test(l) ? `timeout: ${pick(['forever', '5 minutes', '-1s'])}` : l))
      .join('\n'),
  'empty-console-command': (t) => t + '\n```console\n$ \nsomething\n```\n',
  'exit-on-console': (t) => t + '\n```console {exit=1}\n$ false\n```\n',
  'invalid-jail-name': (t) => t + `\n\`\`\`sh {jail=${pick(['Bad.Name', 'a;b', '-lead', 'UPPER', 'a_b', 'x'.repeat(80)])}}\ntrue\n\`\`\`\n`,
  'file-escape': (t) => t + `\n\`\`\`text {file=${pick(['../escape.txt', '/etc/passwd', '', 'a/../../b'])}}\nx\n\`\`\`\n`,
  'duplicate-step-name': (t) => t + '\n```sh {name=dup}\ntrue\n```\n\n```sh {name=dup}\ntrue\n```\n',
};

/** Valid but strange recipes: they must run correctly or be refused like invalid ones. */
const STRANGE = {
  'huge-line': () => `---\ntitle: A huge line\nengines: [linux]\n---\n# Huge\n\n${'word '.repeat(40_000)}\n\n\`\`\`sh\necho ok\n\`\`\`\n`,
  'huge-output-line': () =>
    `---\ntitle: A huge output line\nengines: [linux]\n---\n\`\`\`console\n$ printf 'x%.0s' $(seq 1 50000); echo\n${'x'.repeat(50_000)}\n\`\`\`\n`,
  'deep-list': () =>
    `---\ntitle: Deep nesting\nengines: [linux]\n---\n${Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\n\`\`\`sh\necho deep\n\`\`\`\n`,
  'deep-quotes': () => `---\ntitle: Deep quotes\nengines: [linux]\n---\n${'>'.repeat(3000)} quoted\n\n\`\`\`sh\necho quotes\n\`\`\`\n`,
  'many-steps': () =>
    `---\ntitle: Many steps\nengines: [linux]\n---\n${Array.from({ length: 300 }, (_, i) => `\`\`\`sh\ntest ${i} -ge 0\n\`\`\`\n`).join('\n')}`,
  crlf: () => '---\r\ntitle: CRLF line ends\r\nengines: [linux]\r\n---\r\n```sh\r\necho crlf\r\n```\r\n',
  bom: () => '\ufeff---\ntitle: A BOM\nengines: [linux]\n---\n```sh\necho bom\n```\n',
  'long-fence': () => `---\ntitle: A long fence\nengines: [linux]\n---\n${'`'.repeat(500)}sh\necho long\n${'`'.repeat(500)}\n`,
};

/** Hand-written hostile recipes: every one must be refused before anything runs. */
const HOSTILE = {
  'jail-command-substitution': '```sh {jail=$(reboot)}\ntrue\n```\n',
  'jail-backticks': '```sh {jail=`id`}\ntrue\n```\n',
  'jail-semicolon': '```sh {jail=web;rm}\ntrue\n```\n',
  'jail-dotdot': '```sh {jail=../../etc}\ntrue\n```\n',
  'jail-newline-escape': '```sh {jail="a\nb"}\ntrue\n```\n',
  'jail-too-long': `\`\`\`sh {jail=${'a'.repeat(300)}}\ntrue\n\`\`\`\n`,
  'name-injection': '```sh {name=$(id)}\ntrue\n```\n',
  'engine-injection': '```sh {engine=linux;id}\ntrue\n```\n',
  'timeout-injection': '```sh {timeout=$(sleep 100)}\ntrue\n```\n',
  'file-absolute': '```text {file=/etc/shadow}\nx\n```\n',
  'file-dotdot-deep': '```text {file=a/b/../../../../x}\nx\n```\n',
  'needs-injection': '---\nneeds: ["$(reboot)"]\n---\n```sh\ntrue\n```\n',
  'needs-semicolon': '---\nneeds: ["dnsmasq; rm -rf /"]\n---\n```sh\ntrue\n```\n',
  'tags-newline': '---\ntags: ["a\\nb"]\n---\n```sh\ntrue\n```\n',
  'engines-unknown': '---\nengines: [linux, "windows; id"]\n---\n```sh\ntrue\n```\n',
  'frontmatter-list': '---\n- a\n- b\n---\n```sh\ntrue\n```\n',
  'frontmatter-unterminated': '---\ntitle: x\n```sh\ntrue\n```\n',
  'frontmatter-yaml-bomb': `---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\ntitle: bomb\n---\n\`\`\`sh\ntrue\n\`\`\`\n`,
  'frontmatter-yaml-bomb-in-tags': `---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntags: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n\`\`\`sh\ntrue\n\`\`\`\n`,
  'frontmatter-tag': '---\ntitle: !!js/function "function(){}"\n---\n```sh\ntrue\n```\n',
  'frontmatter-format-2': '---\nformat: 2\n---\n```sh\ntrue\n```\n',
  'assert-injection': '```assert\nreach $(id) -> b\n```\n',
  'assert-port-text': '```assert\nreach a -> b:80;id\n```\n',
  'assert-cidr-injection': '```assert\nlease a in 10.0.0.0/24;id\n```\n',
  'assert-resolve-backticks': '```assert\nresolve `id` from a in 10.0.0.0/8\n```\n',
  'console-continuation-only': '```console\n> continued\n```\n',
  'option-unquoted-space': '```sh {jail=a b}\ntrue\n```\n',
  'option-duplicate': '```sh {timeout=1s timeout=2s}\ntrue\n```\n',
  'exit-not-number': '```sh {exit=one}\ntrue\n```\n',
  'exit-too-big': '```sh {exit=300}\ntrue\n```\n',
  'retry-garbage': '```sh {retry=$(id)}\ntrue\n```\n',
  'no-runnable-step': '# Only prose\n\nNothing to run here.\n',
  'background-on-assert': '```assert {background}\nmesh a-*\n```\n',
  'ansi-in-option': '```sh {jail=\u001b[31mred}\ntrue\n```\n',
};

/** Supervisor file mutations and hostile cases: `vessel supervise --check` must refuse each with path:line. */
const SUP_BASE = fs.readFileSync(path.join(ROOT, 'test/fixtures/engine/sup-light.ini'), 'utf8');
const SUP = {
  'unknown-key': SUP_BASE.replace('subnet =', 'subnett ='),
  'unknown-jail-key': SUP_BASE.replace('network = svc\naddr', 'netwrok = svc\naddr'),
  'bad-subnet': SUP_BASE.replace('10.66.1.0/24', '10.66.1.0/33'),
  'subnet-host-bits': SUP_BASE.replace('10.66.1.0/24', '10.66.1.7/24'),
  'duplicate-section': SUP_BASE + '\n[jail:db]\nnetwork = svc\n',
  'depends-cycle': SUP_BASE.replace('addr = dhcp', 'addr = dhcp\ndepends = web'),
  'depends-unknown': SUP_BASE.replace('depends = db', 'depends = nosuch'),
  'network-unknown': SUP_BASE.replace('count = 2\nnetwork = svc', 'count = 2\nnetwork = nosuch'),
  'count-zero': SUP_BASE.replace('count = 2', 'count = 0'),
  'count-huge': SUP_BASE.replace('count = 2', 'count = 1001'),
  'count-text': SUP_BASE.replace('count = 2', 'count = two'),
  'addr-garbage': SUP_BASE.replace('addr = dhcp', 'addr = 10.66.1.999'),
  'addr-outside': SUP_BASE.replace('addr = dhcp', 'addr = 192.168.9.9'),
  'ready-bad-form': SUP_BASE.replace('ready = tcp:7000', 'ready = http:7000'),
  'ready-port-range': SUP_BASE.replace('ready = tcp:7000', 'ready = tcp:70000'),
  'ready-bad-regex': SUP_BASE.replace('ready = log:^web', 'ready = log:(unclosed'),
  'type-unknown': SUP_BASE.replace('[network:svc]\n', '[network:svc]\ntype = bridge\n'),
  'vlan-out-of-range': SUP_BASE.replace('[network:svc]\n', '[network:svc]\nvlan = 5000\n'),
  'domain-injection': SUP_BASE.replace('[network:svc]\n', '[network:svc]\ndomain = $(reboot).test\n'),
  'domain-semicolon': SUP_BASE.replace('[network:svc]\n', '[network:svc]\ndomain = a;b.test\n'),
  'jail-name-semicolon': SUP_BASE.replace('[jail:db]', '[jail:db;id]'),
  'jail-name-subst': SUP_BASE.replace('[jail:db]', '[jail:$(id)]'),
  'jail-name-backtick': SUP_BASE.replace('[jail:db]', '[jail:`id`]'),
  'jail-name-dotdot': SUP_BASE.replace('[jail:db]', '[jail:../db]'),
  'jail-name-dot': SUP_BASE.replace('[jail:db]', '[jail:db.local]'),
  'jail-name-long': SUP_BASE.replace('[jail:db]', `[jail:${'d'.repeat(100)}]`),
  'network-name-long': SUP_BASE.replace(/svc/g, 'averyveryverylongnetworkname'),
  'network-name-injection': SUP_BASE.replace(/svc/g, 'svc;id'),
  'section-unknown-kind': SUP_BASE + '\n[volume:data]\nsize = 1\n',
  'section-unclosed': SUP_BASE.replace('[jail:web]', '[jail:web'),
  'key-outside-section': 'subnet = 10.0.0.0/24\n' + SUP_BASE,
  'line-without-equals': SUP_BASE.replace('count = 2', 'count 2'),
  'empty-value': SUP_BASE.replace('network = svc\naddr', 'network =\naddr'),
  'slot-outside': SUP_BASE.replace('count = 2', 'count = 2\nslot = 250'),
  'slot-and-addr': SUP_BASE.replace('addr = dhcp', 'addr = 10.66.1.5\nslot = 5'),
  'dhcp-range-outside': SUP_BASE.replace('[network:svc]\n', '[network:svc]\ndhcp-range = 10.66.2.10-10.66.2.20\n'),
  'no-jail-network': '[jail:x]\ncommand = true\n',
  'duplicate-jail-first-bare': '[network:n]\nsubnet = 10.0.0.0/24\n\n[jail:j]\n\n[jail:j]\nnetwork = n\ndepends = j\n',
  'random-bytes': Buffer.from(Array.from({ length: 400 }, () => Math.floor(rand() * 127) | 0x80)),
  'nul-byte': Buffer.concat([Buffer.from(SUP_BASE.slice(0, 60)), Buffer.from([0]), Buffer.from(SUP_BASE.slice(60))]),
  utf16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SUP_BASE, 'utf16le')]),
  'truncated-key': SUP_BASE.slice(0, SUP_BASE.indexOf('count') + 4),
  'mutated-cluster-1': null,
  'mutated-cluster-2': null,
  'mutated-cluster-3': null,
};

fs.rmSync(OUT, { recursive: true, force: true });
for (const d of ['invalid', 'strange', 'supervisor']) fs.mkdirSync(path.join(OUT, d), { recursive: true });
let n = 0;
const write = (dir, name, content) => {
  fs.writeFileSync(path.join(OUT, dir, name), content);
  n++;
};
for (const [recipe, text] of Object.entries(src)) {
  for (const [m, f] of Object.entries(RECIPE_MUTATIONS)) write('invalid', `${recipe}--${m}.md`, f(text));
}
for (const [name, text] of Object.entries(HOSTILE)) write('invalid', `hostile--${name}.md`, text);
for (const [name, f] of Object.entries(STRANGE)) write('strange', `${name}.md`, f());
// The cluster supervisor file of the headline recipe, with one key broken at random.
const clusterIni = /```ini \{file=cluster\.ini\}\n([\s\S]*?)```/g;
const inis = [...src['elixir-cluster'].matchAll(clusterIni)].map((m) => m[1]);
const fullIni = inis[inis.length - 1];
for (const [name, content] of Object.entries(SUP)) {
  if (content !== null) {
    write('supervisor', `${name}.ini`, content);
    continue;
  }
  const L = fullIni.split('\n');
  const keyLines = L.flatMap((l, i) => (/^\w[\w-]* = /.test(l) ? [i] : []));
  const i = pick(keyLines);
  L[i] = L[i].replace(/^(\w[\w-]*) = (.*)$/, (_m, k, v) => pick([`${k}x = ${v}`, `${k} = ${v}$(id)`, `${k} = `, `${k} == ${v}`]));
  write('supervisor', `${name}.ini`, L.join('\n'));
}
console.log(`wrote ${n} files into ${path.relative(ROOT, OUT)}`);
