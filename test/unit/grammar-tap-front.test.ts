// The assertion grammar's edges, TAP for every recipe status, and front matter with CRLF line ends.
import { describe, expect, it } from 'vitest';
import { parseAssertions } from '../../src/assert/grammar.js';
import { tapForRecipe, tapForRun } from '../../src/report/tap.js';
import type { RecipeResult, StepResult } from '../../src/report/model.js';
import { parseFrontMatter, splitFrontMatter } from '../../src/recipe/frontmatter.js';

const problem = (text: string) => {
  const r = parseAssertions(text, 4);
  expect(r.assertions).toEqual([]);
  return r.problems.map((p) => `${p.line}: ${p.message}`);
};
const parsed = (text: string) => {
  const r = parseAssertions(text, 4);
  expect(r.problems).toEqual([]);
  return r.assertions[0];
};

describe('assertion grammar', () => {
  it('reads each kind into its fields', () => {
    expect(parsed('reach a->b:80')).toEqual({
      kind: 'reach',
      line: 4,
      text: 'reach a->b:80',
      from: { kind: 'jail', name: 'a' },
      to: { endpoint: { kind: 'jail', name: 'b' }, port: 80 },
    });
    expect(parsed('isolated web-* -> 10.0.0.1:65535  # comment')).toMatchObject({
      kind: 'isolated',
      from: { kind: 'pattern', pattern: 'web-*' },
      to: { endpoint: { kind: 'ip', address: '10.0.0.1' }, port: 65535 },
    });
    expect(parsed('reach host -> www.example:1')).toMatchObject({ from: { kind: 'host' }, to: { endpoint: { kind: 'dns', name: 'www.example' }, port: 1 } });
    expect(parsed('resolve web from upstream')).toEqual({
      kind: 'resolve',
      line: 4,
      text: 'resolve web from upstream',
      name: 'web',
      from: { kind: 'upstream' },
      expect: { kind: 'any' },
      record: 'A',
    });
    expect(parsed('resolve web from a = 10.0.0.2')).toMatchObject({ expect: { kind: 'ip', address: '10.0.0.2' } });
    expect(parsed('resolve web from a in 10.0.0.0/24')).toMatchObject({ expect: { kind: 'cidr', cidr: '10.0.0.0/24' } });
    expect(parsed('lease a-*')).toEqual({ kind: 'lease', line: 4, text: 'lease a-*', jail: { kind: 'pattern', pattern: 'a-*' } });
    expect(parsed('lease a in 10.0.0.0/25')).toMatchObject({ cidr: '10.0.0.0/25' });
    expect(parsed('hostname a = web')).toEqual({ kind: 'hostname', line: 4, text: 'hostname a = web', jail: { kind: 'jail', name: 'a' }, name: 'web' });
    expect(parsed('mesh a-*')).toEqual({ kind: 'mesh', line: 4, text: 'mesh a-*', jails: { kind: 'pattern', pattern: 'a-*' } });
  });

  it('refuses each malformed shape with its usage', () => {
    expect(problem('reach a b')).toEqual(['4: malformed reach assertion (expected "reach [-4|-6] A -> B[:PORT]")']);
    expect(problem('reach a -> b c')).toEqual(['4: malformed reach assertion (expected "reach [-4|-6] A -> B[:PORT]")']);
    expect(problem('isolated a =>b')).toEqual(['4: malformed isolated assertion (expected "isolated [-4|-6] A -> B[:PORT]")']);
    expect(problem('mesh a b')).toEqual(['4: malformed mesh assertion (expected "mesh [-4|-6] PATTERN")']);
    expect(problem('resolve web')).toEqual(['4: malformed resolve assertion (expected "resolve NAME [A|AAAA] from A [= IP | in CIDR]")']);
    expect(problem('resolve web from a =')).toEqual(['4: malformed resolve assertion (expected "resolve NAME [A|AAAA] from A [= IP | in CIDR]")']);
    expect(problem('resolve web to a')).toEqual(['4: malformed resolve assertion (expected "resolve NAME [A|AAAA] from A [= IP | in CIDR]")']);
    expect(problem('resolve web from a ~ 10.0.0.1')).toEqual(['4: malformed resolve assertion (expected "resolve NAME [A|AAAA] from A [= IP | in CIDR]")']);
    expect(problem('resolve web from a = 10.0.0.300')).toEqual(['4: malformed address "10.0.0.300" in resolve: not a valid IPv4 address']);
    expect(problem('resolve web from a in 10.0.0.1/24')).toEqual(['4: bad CIDR "10.0.0.1/24": host bits are set (did you mean "10.0.0.0/24"?)']);
    expect(problem('resolve web from 10.0.0.1')).toEqual(['4: malformed endpoint "10.0.0.1": a source must be a jail, a jail pattern, host or upstream']);
    expect(problem('resolve web from www.example')).toEqual(['4: malformed endpoint "www.example": a source must be a jail, a jail pattern, host or upstream']);
    expect(problem('resolve -bad from a')[0]).toMatch(/^4: malformed name "-bad" in resolve: a DNS name /);
    expect(problem('lease a in')).toEqual(['4: malformed lease assertion (expected "lease A [in CIDR]")']);
    expect(problem('lease a at 10.0.0.0/24')).toEqual(['4: malformed lease assertion (expected "lease A [in CIDR]")']);
    expect(problem('lease a in 10.0.0.0/33')).toEqual(['4: bad CIDR "10.0.0.0/33": prefix /33 is longer than 32']);
    expect(problem('lease host')).toEqual(['4: malformed endpoint "host": lease must be a jail name or a jail pattern']);
    expect(problem('hostname a web')).toEqual(['4: malformed hostname assertion (expected "hostname A = NAME")']);
    expect(problem('hostname a = b c')).toEqual(['4: malformed hostname assertion (expected "hostname A = NAME")']);
    expect(problem('hostname a = -x')[0]).toMatch(/^4: malformed hostname "-x": /);
    expect(problem('reach a:80 -> b')).toEqual(['4: malformed endpoint "a:80": a source takes no port']);
    expect(problem('reach a -> b:0')).toEqual(['4: malformed endpoint "b:0": port "0" must be a number from 1 to 65535']);
    expect(problem('reach a -> b:65536')).toEqual(['4: malformed endpoint "b:65536": port "65536" must be a number from 1 to 65535']);
    expect(problem('reach a -> b:x80')).toEqual(['4: malformed endpoint "b:x80": port "x80" must be a number from 1 to 65535']);
    expect(problem('reach a -> b:80x')).toEqual(['4: malformed endpoint "b:80x": port "80x" must be a number from 1 to 65535']);
    expect(problem('reach a -> :80')).toEqual(['4: malformed endpoint ":80": nothing before ":80"']);
    expect(problem('reach a -> 10.0.0')).toEqual(['4: malformed endpoint "10.0.0": not a valid IPv4 address']);
    expect(problem('reech a -> b')).toEqual(['4: unknown assertion "reech" (did you mean "reach"?); known: reach, isolated, mesh, resolve, lease, hostname']);
  });

  it('skips blank and comment lines, and numbers the rest from the first line', () => {
    const r = parseAssertions('\n# only a comment\nmesh a-*\n   \nreach a ->\n', 10);
    expect(r.assertions.map((a) => a.line)).toEqual([12]);
    expect(r.problems.map((p) => p.line)).toEqual([14]);
  });
});

const step = (status: StepResult['status'], extra: Partial<StepResult> = {}): StepResult => ({
  id: 'L3',
  line: 3,
  kind: 'sh',
  lang: 'sh',
  status,
  durationMs: 1,
  attempts: 1,
  output: '',
  ...extra,
});
const recipe = (status: RecipeResult['status'], steps: StepResult[], reason?: string): RecipeResult => ({
  path: 'r.md',
  name: 'r',
  tags: [],
  engine: 'linux',
  lab: 'x',
  status,
  startedAt: 'now',
  durationMs: 5,
  steps,
  ...(reason ? { reason } : {}),
});

describe('TAP', () => {
  it('an interrupted or failed recipe is never ok', () => {
    const run = tapForRun([
      recipe('interrupted', [step('pass'), step('notrun', { reason: 'the run was interrupted' })]),
      recipe('fail', [step('fail', { failure: { kind: 'exit', line: 3, message: 'the block exited with status 1 (expected 0)' } })]),
      recipe('pass', [step('pass')]),
      recipe('skip', [step('skip', { reason: 'marked skip' })], 'every step was skipped'),
    ]);
    const top = run.split('\n').filter((l) => /^(ok|not ok) /.test(l));
    expect(top).toEqual(['not ok 1 - r.md', 'not ok 2 - r.md', 'ok 3 - r.md', 'ok 4 - r.md # SKIP every step was skipped']);
    expect(run).toContain('    ok 2 - L3 sh # SKIP not run: the run was interrupted');
    expect(run.trimEnd().split('\n').at(-1)).toBe('1..4');
  });

  it('a failing step carries its message, place, kind and output as YAML', () => {
    const t = tapForRecipe(recipe('fail', [step('fail', { output: 'oops\n', attempts: 2, failure: { kind: 'exit', line: 9, message: 'boom: it # broke' } })]));
    expect(t).toBe(
      [
        'TAP version 14',
        '# r.md',
        '1..1',
        'not ok 1 - L3 sh',
        '  ---',
        '  message: |-',
        '    boom: it # broke',
        '  at: r.md:9',
        '  kind: exit',
        '  attempts: 2',
        '  output: oops',
        '  ...',
        '',
      ].join('\n'),
    );
    const d = tapForRecipe(recipe('fail', [step('fail', { output: 'x', failure: { kind: 'mismatch', line: 4, message: 'differs', diff: '-a\n+b' } })]));
    expect(d).toContain('  diff: |-\n    -a\n    +b\n');
    expect(d).not.toContain('output:');
    expect(tapForRecipe(recipe('unrunnable', [step('notrun', { reason: 'the host cannot run this recipe' })], 'needs x'))).toBe(
      'TAP version 14\n# r.md\n1..0 # SKIP needs x\n',
    );
  });
});

describe('front matter', () => {
  it('is found with CRLF line ends, and with ... as its end', () => {
    expect(splitFrontMatter('---\r\ntitle: x\r\n---\r\nbody\r\n')).toEqual({ yaml: 'title: x\r', lineCount: 3, unterminated: false });
    expect(splitFrontMatter('---\ntitle: x\n...\nbody')).toEqual({ yaml: 'title: x', lineCount: 3, unterminated: false });
    expect(splitFrontMatter('---  \ntitle: x\n---')).toMatchObject({ lineCount: 3 });
    expect(splitFrontMatter('# no front matter\n---\n')).toEqual({ lineCount: 0, unterminated: false });
    expect(splitFrontMatter('---\ntitle: x\n')).toEqual({ lineCount: 0, unterminated: true });
    const { meta, problems } = parseFrontMatter('title: x\r\nengines: [linux]\r\n', 2);
    expect(problems).toEqual([]);
    expect(meta).toMatchObject({ title: 'x', engines: ['linux'] });
  });
});
