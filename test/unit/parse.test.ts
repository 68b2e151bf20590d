// The parser turns recipes into plain data with the right line numbers, options and typed steps.
import { describe, expect, it } from 'vitest';
import { parseRecipe } from '../../src/recipe/parse.js';
import type { AssertStep, ConsoleStep, FileStep, ShStep } from '../../src/recipe/model.js';

const recipe = `---
title: Example
summary: Shows every block kind
engines: [linux]
needs: [dnsmasq]
timeout: 5m
tags: [dns, demo]
---
# Setting up

Some prose.

\`\`\`sh {name=setup timeout=2s}
export A=1
\`\`\`

\`\`\`bash {exit=3 eventually}
exit 3
\`\`\`

## Transcript

\`\`\`console {jail=web-1 retry=5s}
$ echo one \\
> two
one two
$ ls
a.txt (glob)
...
b+ (re)
[2]
\`\`\`

\`\`\`ini {file=conf/a.ini skip}
[x]
key = "value"
\`\`\`

\`\`\`assert
reach web-1 -> db:5432   # postgres
isolated elixir-* -> upstream
mesh elixir-cluster-*
resolve db.lab.example from web-1 = 10.1.2.3
resolve db from host in 10.1.0.0/16
lease web-1 in 192.168.1.0/24
hostname web-1 = web-1
reach upstream -> 198.51.100.80:80
reach host->www.example
\`\`\`

\`\`\`python
print("prose: never runs")
\`\`\`
`;

describe('parseRecipe', () => {
  const { recipe: r, errors } = parseRecipe('cookbook/example.md', recipe);

  it('parses without errors', () => {
    expect(errors).toEqual([]);
  });

  it('reads and defaults the front matter', () => {
    expect(r.meta).toEqual({
      title: 'Example',
      summary: 'Shows every block kind',
      format: 2,
      engines: ['linux'],
      needs: ['dnsmasq'],
      timeoutMs: 300_000,
      tags: ['dns', 'demo'],
    });
    expect(r.name).toBe('example');
  });

  it('finds the runnable blocks in order with their lines and headings, ignoring other languages', () => {
    expect(r.steps.map((s) => [s.kind, s.line, s.id, s.heading])).toEqual([
      ['sh', 13, 'setup', 'Setting up'],
      ['sh', 17, 'L17', 'Setting up'],
      ['console', 23, 'L23', 'Transcript'],
      ['file', 34, 'L34', 'Transcript'],
      ['assert', 39, 'L39', 'Transcript'],
    ]);
  });

  it('reads options', () => {
    const [setup, exit3, con, file] = r.steps as [ShStep, ShStep, ConsoleStep, FileStep];
    expect(setup.options).toMatchObject({ name: 'setup', timeoutMs: 2000, exit: 0, background: false, skip: false });
    expect(setup.options.retryMs).toBeUndefined();
    expect(exit3.options).toMatchObject({ exit: 3, retryMs: 30_000 });
    expect(con.options).toMatchObject({ jail: 'web-1', retryMs: 5000, timeoutMs: 60_000 });
    expect(file).toMatchObject({ path: 'conf/a.ini', body: '[x]\nkey = "value"\n' });
    expect(file.options.skip).toBe(true);
  });

  it('splits transcripts into commands with continuations, expected lines and exit codes', () => {
    const con = r.steps[2] as ConsoleStep;
    expect(con.commands).toEqual([
      { line: 24, command: 'echo one \\\ntwo', expected: [{ line: 26, text: 'one two', mode: 'exact' }], exit: 0 },
      {
        line: 27,
        command: 'ls',
        exit: 2,
        exitLine: 31,
        expected: [
          { line: 28, text: 'a.txt (glob)', mode: 'glob', pattern: 'a.txt' },
          { line: 29, text: '...', mode: 'any' },
          { line: 30, text: 'b+ (re)', mode: 're', pattern: 'b+' },
        ],
      },
    ]);
  });

  it('types every assertion form', () => {
    const a = (r.steps[4] as AssertStep).assertions;
    expect(a.map((x) => x.line)).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48]);
    expect(a[0]).toMatchObject({ kind: 'reach', from: { kind: 'jail', name: 'web-1' }, to: { endpoint: { kind: 'jail', name: 'db' }, port: 5432 } });
    expect(a[1]).toMatchObject({ kind: 'isolated', from: { kind: 'pattern', pattern: 'elixir-*' }, to: { endpoint: { kind: 'upstream' } } });
    expect(a[2]).toMatchObject({ kind: 'mesh', jails: { kind: 'pattern', pattern: 'elixir-cluster-*' } });
    expect(a[3]).toMatchObject({ kind: 'resolve', name: 'db.lab.example', from: { kind: 'jail', name: 'web-1' }, expect: { kind: 'ip', address: '10.1.2.3' } });
    expect(a[4]).toMatchObject({ kind: 'resolve', name: 'db', from: { kind: 'host' }, expect: { kind: 'cidr', cidr: '10.1.0.0/16' } });
    expect(a[5]).toMatchObject({ kind: 'lease', jail: { kind: 'jail', name: 'web-1' }, cidr: '192.168.1.0/24' });
    expect(a[6]).toMatchObject({ kind: 'hostname', jail: { kind: 'jail', name: 'web-1' }, name: 'web-1' });
    expect(a[7]).toMatchObject({ kind: 'reach', from: { kind: 'upstream' }, to: { endpoint: { kind: 'ip', address: '198.51.100.80' }, port: 80 } });
    expect(a[8]).toMatchObject({ kind: 'reach', from: { kind: 'host' }, to: { endpoint: { kind: 'dns', name: 'www.example' } } });
  });

  it('gives defaults without front matter, and a 30s timeout to assert blocks', () => {
    const { recipe: plain, errors: e } = parseRecipe('x.md', '```assert\nmesh a-*\n```\n');
    expect(e).toEqual([]);
    expect(plain.hasFrontMatter).toBe(false);
    expect(plain.meta).toMatchObject({ format: 2, engines: ['linux', 'freebsd'], timeoutMs: 600_000, tags: [] });
    expect(plain.steps[0]!.options.timeoutMs).toBe(30_000);
  });

  it('accepts quoted option values, fences in lists and blockquotes, and ~~~ fences', () => {
    const src = '- item\n\n  ```sh {name="a-b"}\n  true\n  ```\n\n> ~~~console\n> $ echo x\n> x\n> ~~~\n';
    const { recipe: q, errors: e } = parseRecipe('q.md', src);
    expect(e).toEqual([]);
    expect(q.steps.map((s) => [s.kind, s.line, s.id])).toEqual([
      ['sh', 3, 'a-b'],
      ['console', 7, 'L7'],
    ]);
  });

  it('reports every error of a multi-error file at once, sorted by line', () => {
    const src = '---\ntittle: x\n---\n```sh {jial=a}\n```\n```assert\nreach a -> b:0\nmesh\n```\n```console\nx\n$\n```\n';
    const { errors: e } = parseRecipe('m.md', src);
    expect(e.map((x) => x.line)).toEqual([2, 4, 7, 8, 11, 12]);
  });

  it('counts blank lines in transcripts as expected output', () => {
    const { recipe: b } = parseRecipe('b.md', '```console\n$ printf "a\\n\\nb\\n"\na\n\nb\n```\n');
    expect((b.steps[0] as ConsoleStep).commands[0]!.expected.map((e) => e.text)).toEqual(['a', '', 'b']);
  });
});
