// Issue 25's pure rules: what a jail wrote is read as data, answers are exact, durations and limits say what they mean.
import { describe, expect, it } from 'vitest';
import { checkExports } from '../../src/harness/exports.js';
import { answerProblem } from '../../src/assert/evaluate.js';
import { formatDuration } from '../../src/recipe/duration.js';
import { humanMs } from '../../src/report/html.js';
import { MIN_PIDS, parseLimit, parseLimitPairs } from '../../src/core/limits.js';
import { exposeProblem } from '../../src/core/expose.js';
import { oneLine } from '../../src/util/oneline.js';

describe("a jail step's exports are data", () => {
  it('accepts what bash export -p prints', () => {
    expect(checkExports('declare -x A="1"\ndeclare -x B\ndeclare -rx C="a \\"q\\" \\$x \\`y\\` \\\\"\ndeclare -ix N="3"\n')).toEqual({ ok: true });
    expect(checkExports('declare -x M="two\nlines"\n')).toEqual({ ok: true });
    expect(checkExports('')).toEqual({ ok: true });
  });
  it('refuses anything that could run or expand when the host sources it', () => {
    for (const bad of [
      'touch /tmp/pwned\n',
      'declare -x A="$(id)"\n',
      'declare -x A="`id`"\n',
      'declare -x A=1; id\n',
      'declare -x A="1"; rm -rf /\n',
      'declare -ax A=([0]="1")\n',
      'declare -x A="1"\nexport PATH=/evil\n',
      'declare -x A="unterminated\n',
      'declare -x 1A="x"\n',
    ])
      expect(checkExports(bad).ok, bad).toBe(false);
    expect(checkExports('declare -x A="1"\nid\n')).toEqual({ ok: false, problem: 'not a plain export: "id"' });
  });
});

describe('resolve NAME from A = IP means exactly IP', () => {
  it('fails when IP is one answer of several, or missing; passes on exactly it (repeats are one answer)', () => {
    expect(answerProblem(['10.0.0.2', '10.0.0.2'], { kind: 'ip', address: '10.0.0.2' })).toBeUndefined();
    expect(answerProblem(['10.0.0.2', '10.0.0.9'], { kind: 'ip', address: '10.0.0.2' })).toBe('answered 10.0.0.2, 10.0.0.9, expected exactly 10.0.0.2');
    expect(answerProblem(['10.0.0.9'], { kind: 'ip', address: '10.0.0.2' })).toBe('answered 10.0.0.9, expected 10.0.0.2');
    expect(answerProblem(['10.0.1.3', '192.0.2.1'], { kind: 'cidr', cidr: '10.0.1.0/24' })).toBeUndefined();
    expect(answerProblem(['10.0.2.3'], { kind: 'cidr', cidr: '10.0.1.0/24' })).toBe('answered 10.0.2.3, not in 10.0.1.0/24');
  });
});

describe('durations round before their unit is chosen', () => {
  it('never prints 60 seconds in a minute, nor 1000 ms', () => {
    expect(formatDuration(119_600)).toBe('2m00s');
    expect(formatDuration(59_960)).toBe('1m00s');
    expect(formatDuration(999.6)).toBe('1.0s');
    expect(formatDuration(999.4)).toBe('999ms');
    expect(formatDuration(61_400)).toBe('1m01s');
    expect(formatDuration(12_345)).toBe('12.3s');
    expect(humanMs(119_600)).toBe('2 min 0 s');
    expect(humanMs(59_960)).toBe('1 min 0 s');
    expect(humanMs(999.6)).toBe('1.0 s');
  });
});

describe('limits that cannot work are refused', () => {
  it('a process limit too small to enter the jail, and a key given twice', () => {
    expect(parseLimit('pids', '1')).toMatch(/pids=1 is below 8/);
    expect(parseLimit('pids', String(MIN_PIDS))).toBe(MIN_PIDS);
    expect(parseLimitPairs(['memory=8M', 'memory=16M'])).toBe('memory is given twice (memory=8M, memory=16M): give each limit once');
    expect(parseLimitPairs(['memory=8M', 'pids=9'])).toEqual({ memory: 8 * 1024 ** 2, pids: 9 });
  });
});

describe('exposed ports', () => {
  it("refuse the SSH port of a network made with --ssh (its router's sshd has it)", () => {
    const net = { name: 'lan', hasUplink: true, jails: [], sshPort: 22 };
    expect(exposeProblem([{ port: 22, proto: 'tcp', jailPort: 22 }], net, [])).toMatch(/port 22\/tcp is the SSH port of network lan's router/);
    expect(exposeProblem([{ port: 22, proto: 'udp', jailPort: 22 }], net, [])).toBeUndefined();
    expect(exposeProblem([{ port: 22, proto: 'tcp', jailPort: 22 }], { ...net, sshPort: undefined }, [])).toBeUndefined();
  });
});

describe('one line stays one line', () => {
  it('escapes line breaks and other controls, so a title cannot start a CI log line', () => {
    expect(oneLine('A\r\n::error::x\u001b[2J\u0085\u2028')).toBe('A\\r\\n::error::x\\u001b[2J\\u0085\\u2028');
  });
});

describe('an exercise proves itself, so neither half may be skipped or run on another engine', async () => {
  const { parseRecipe } = await import('../../src/recipe/parse.js');
  const recipe = (sol: string, chk: string) =>
    ['# E', '', `\`\`\`sh {solution=x${sol}}`, 'touch x', '```', '', `\`\`\`console {exercise=x${chk}}`, '$ test -e x && echo yes', 'yes', '```', ''].join(
      '\n',
    );
  it('refuses skip on the solution or the check, and engines that differ', () => {
    expect(parseRecipe('e.md', recipe(' skip', '')).errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'exercise x: its solution cannot be marked skip (an exercise proves itself by its check failing before its solution runs, then passing)'],
    ]);
    expect(parseRecipe('e.md', recipe('', ' skip')).errors.map((e) => e.line)).toEqual([7]);
    expect(parseRecipe('e.md', recipe(' engine=freebsd', '')).errors.map((e) => e.message)).toEqual([
      'exercise x: its check has engine=(any) but its solution (line 3) has engine=freebsd; give both the same',
    ]);
    expect(parseRecipe('e.md', recipe(' engine=linux', ' engine=linux')).errors).toEqual([]);
  });
});

describe("plans expand the runner's own variables", async () => {
  const { splitWords } = await import('../../src/util/words.js');
  const vars = { VESSEL_WORKDIR: '/w', VESSEL_LAB: 'lab1' };
  it('expands known variables bare, braced and in double quotes, and refuses the rest', () => {
    expect(splitWords('vessel run --name=a -- python3 "$VESSEL_WORKDIR/s.py"', vars)).toEqual(['vessel', 'run', '--name=a', '--', 'python3', '/w/s.py']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and source text, not a template
    expect(splitWords('cat /run/vessel/${VESSEL_LAB}/x $VESSEL_LAB', vars)).toEqual(['cat', '/run/vessel/lab1/x', 'lab1']);
    expect(splitWords("echo '$VESSEL_LAB'", vars)).toEqual(['echo', '$VESSEL_LAB']);
    expect(splitWords('echo "$HOME"', vars)).toBeUndefined();
    expect(splitWords('echo $VESSEL_LAB$(id)', vars)).toBeUndefined();
    expect(splitWords('echo $X', { X: 'two words' })).toBeUndefined();
    expect(splitWords('echo "$X"', { X: 'two words' })).toEqual(['echo', 'two words']);
    expect(splitWords('echo "$VESSEL_WORKDIR"')).toBeUndefined();
  });
});

describe('update: diff, line endings and literal lines', async () => {
  const { applyEdits, editsDiff, literalLine } = await import('../../src/match/update.js');
  const { escapeControls } = await import('../../src/util/oneline.js');
  it('shows each replaced range with its line numbers, oldest line first', () => {
    const src = 'a\r\nb\r\nc\r\nd\r\n';
    const edits = [
      { from: 3, to: 4, lines: ['C'] },
      { from: 1, to: 2, lines: ['A', 'A2'] },
    ];
    expect(editsDiff('r.md', src, edits)).toBe('--- r.md\n+++ r.md (updated)\n@@ -1,1 +1,2 @@\n-a\n+A\n+A2\n@@ -3,1 +3,1 @@\n-c\n+C\n');
    // CRLF files keep CRLF on the new lines; an LF file stays LF.
    expect(applyEdits(src, edits)).toBe('A\r\nA2\r\nb\r\nC\r\nd\r\n');
    expect(applyEdits('a\nb\n', [{ from: 2, to: 3, lines: ['B'] }])).toBe('a\nB\n');
  });
  it('writes syntax-looking output as exact (re) lines, and anything else as it is', () => {
    expect(literalLine('plain text  ')).toBe('plain text');
    expect(literalLine('> rm -rf /')).toBe('[>] rm -rf \\/ (re)');
    expect(literalLine('>')).toBe('[>] (re)');
    expect(literalLine('$ ls')).toBe('\\$ ls (re)');
    expect(literalLine('$')).toBe('\\$ (re)');
    expect(literalLine('$\tx')).toBe('\\$\tx (re)');
    expect(literalLine('...')).toBe('\\.\\.\\. (re)');
    expect(literalLine('[3]')).toBe('\\[3\\] (re)');
    expect(literalLine('```')).toBe('``` (re)');
    expect(literalLine('   ~~~~')).toBe('   ~~~~ (re)');
    expect(literalLine('    ```')).toBe('    ```');
    expect(literalLine('x (glob)')).toBe('x \\(glob\\) (re)');
    expect(literalLine('a.b*c+d?e^f{g}h|i')).toBe('a.b*c+d?e^f{g}h|i');
  });
  it('escapeControls keeps line breaks and tabs, and shows every other control', () => {
    expect(escapeControls('a\nb\tc\r\u001b[1m\u0007\u0085')).toBe('a\nb\tc\\r\\u001b[1m\\u0007\\u0085');
    expect(oneLine('a\tb\u0000')).toBe('a\\tb\\u0000');
  });
});
