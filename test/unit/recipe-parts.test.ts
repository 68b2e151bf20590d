// Info-string options, transcript parsing, glob and re lines, the streaming matcher, and the text file rules, exactly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKind, filePathProblem, hasContractOption, splitInfo, validateOptions } from '../../src/recipe/options.js';
import { expectedLine, globToRegExp, parseTranscript, reToRegExp } from '../../src/recipe/console.js';
import { StreamMatcher } from '../../src/match/stream.js';
import { lineMatches, matchLines } from '../../src/match/transcript.js';
import { readTextFile } from '../../src/recipe/textfile.js';
import type { ExpectedLine } from '../../src/recipe/model.js';

const opts = (info: string, kind: 'sh' | 'console' | 'assert' | 'file' = 'sh') => validateOptions(splitInfo(info), kind);

describe('info strings', () => {
  it('splits the language from braced options, flags and quoted values', () => {
    expect(splitInfo('sh {jail=a-1 background name="my step" timeout=5s}')).toEqual({
      lang: 'sh',
      hasBraces: true,
      problems: [],
      options: [
        { key: 'jail', value: 'a-1' },
        { key: 'background', value: true },
        { key: 'name', value: 'my step' },
        { key: 'timeout', value: '5s' },
      ],
    });
    expect(splitInfo('sh{skip}')).toEqual({ lang: 'sh', hasBraces: true, problems: [], options: [{ key: 'skip', value: true }] });
    expect(splitInfo('  python  ')).toEqual({ lang: 'python', hasBraces: false, problems: [], options: [] });
    expect(splitInfo('sh skip').problems).toEqual(['unexpected "skip" after the language; options go in braces: sh {skip}']);
    expect(splitInfo('sh {skip} tail').problems).toEqual(['unexpected "tail" after the closing "}"']);
    expect(splitInfo('sh {name="open}').problems).toEqual(['unterminated quote in option name']);
    expect(splitInfo('sh {skip').problems).toEqual(['missing "}" at the end of the options']);
    expect(splitInfo('sh {="x"}').problems).toEqual(['cannot read the options "{="x"}" (expected key=value or a flag)']);
    expect(splitInfo('sh {a= b}').options).toEqual([
      { key: 'a', value: '' },
      { key: 'b', value: true },
    ]);
  });

  it('knows contract options and block kinds', () => {
    expect(hasContractOption(splitInfo('js {foo}'))).toBe(false);
    expect(hasContractOption(splitInfo('js {skip}'))).toBe(true);
    expect(blockKind(splitInfo('text {file=a.txt}'))).toBe('file');
    expect(blockKind(splitInfo('bash'))).toBe('sh');
    expect(blockKind(splitInfo('shell'))).toBe('sh');
    expect(blockKind(splitInfo('console'))).toBe('console');
    expect(blockKind(splitInfo('assert'))).toBe('assert');
    expect(blockKind(splitInfo('python'))).toBeUndefined();
  });

  it('file paths', () => {
    expect(filePathProblem('')).toBe('file= needs a path');
    expect(filePathProblem('/etc/x')).toBe('file="/etc/x" is absolute; paths are relative to the work directory');
    expect(filePathProblem('a/../b')).toBe('file="a/../b" contains ".."');
    expect(filePathProblem('a/')).toBe('file="a/" names a directory');
    expect(filePathProblem('a/b..c')).toBeUndefined();
  });

  it('defaults, and each option set', () => {
    expect(opts('sh')).toEqual({ problems: [], options: { timeoutMs: 60_000, exit: 0, background: false, skip: false, raw: {} } });
    expect(opts('assert', 'assert').options.timeoutMs).toBe(30_000);
    expect(opts('sh {skip}').options.skip).toBe(true);
    expect(opts('sh {background}').options.background).toBe(true);
    expect(opts('sh {eventually}').options.retryMs).toBe(30_000);
    expect(opts('sh {eventually retry=5s}').options.retryMs).toBe(5000);
    expect(opts('sh {retry=5s eventually}').options.retryMs).toBe(5000);
    expect(opts('sh {exit=3}').options.exit).toBe(3);
    expect(opts('sh {exit=255}').problems).toEqual([]);
    expect(opts('sh {timeout=2m}').options.timeoutMs).toBe(120_000);
    expect(opts('sh {engine=freebsd}').options.engine).toBe('freebsd');
    expect(opts('sh {jail=host}').options.jail).toBe('host');
    expect(opts('sh {jail=upstream}')).toMatchObject({ problems: [], options: { jail: 'upstream' } });
    expect(opts('sh {name=setup}').options.name).toBe('setup');
    expect(opts('text {file=a/b.txt}', 'file').options.file).toBe('a/b.txt');
  });

  it('every problem', () => {
    expect(opts('sh {jial=a}').problems).toEqual(['unknown option "jial" (did you mean "jail"?)']);
    expect(opts('sh {skip skip}').problems).toEqual(['option "skip" is given twice']);
    expect(opts('sh {skip=yes}').problems).toEqual(['option "skip" is a flag and takes no value']);
    expect(opts('sh {jail}').problems).toEqual(['option "jail" needs a value (jail=...)']);
    expect(opts('text {file=a jail=b}', 'file').problems).toEqual(['option "jail" does not apply to file= blocks, which are written to the work directory']);
    expect(opts('assert {jail=b}', 'assert').problems).toEqual(['option "jail" does not apply to assert blocks; each assertion names its own source']);
    expect(opts('sh {jail=Bad}').problems[0]).toMatch(/^jail="Bad" is not a valid jail name: it /);
    expect(opts('sh {timeout=soon}').problems[0]).toMatch(/^bad duration "soon" for timeout /);
    expect(opts('text {file=a timeout=1s}', 'file').problems).toEqual(['option "timeout" does not apply to file= blocks']);
    expect(opts('console {exit=1}', 'console').problems).toEqual(['option "exit" is for sh blocks; in a console transcript write [N] after the command']);
    expect(opts('assert {exit=1}', 'assert').problems).toEqual(['option "exit" is for sh blocks only']);
    expect(opts('sh {exit=256}').problems).toEqual(['exit="256" must be a status from 0 to 255']);
    expect(opts('sh {exit=-1}').problems).toEqual(['exit="-1" must be a status from 0 to 255']);
    expect(opts('text {file=a eventually}', 'file').problems).toEqual(['option "eventually" does not apply to file= blocks']);
    expect(opts('text {file=a retry=1s}', 'file').problems).toEqual(['option "retry" does not apply to file= blocks']);
    expect(opts('sh {retry=x}').problems[0]).toMatch(/^bad duration "x" for retry /);
    expect(opts('console {background}', 'console').problems).toEqual(['option "background" is for sh blocks only']);
    expect(opts('sh {background eventually}').problems).toEqual(['option "background" cannot be combined with eventually or retry=']);
    expect(opts('sh {background retry=1s}').problems).toEqual(['option "background" cannot be combined with eventually or retry=']);
    expect(opts('sh {background exit=1}').problems).toEqual(['option "background" cannot be combined with exit=']);
    expect(opts('sh {engine=solaris}').problems).toEqual(['unknown engine "solaris"; known: linux, freebsd']);
    expect(opts('sh {engine=linu}').problems).toEqual(['unknown engine "linu" (did you mean "linux"?); known: linux, freebsd']);
    expect(opts('sh {name="a b"}').problems[0]).toMatch(/^name="a b" /);
    expect(opts('text {file}', 'file').problems).toEqual(['file= needs a path']);
    expect(opts('text {file=/x}', 'file').problems).toEqual(['file="/x" is absolute; paths are relative to the work directory']);
  });
});

describe('transcripts', () => {
  it('reads commands, continuations, expected lines and exit statuses', () => {
    const t = parseTranscript(['$ echo a \\', '> b', 'a b', '$ false', '[1]', '$ true', '$ exit 127', '[127]', '$ x', '[256]', ''].join('\n'), 10);
    expect(t.problems).toEqual([{ line: 19, message: 'exit status [256] must be from 0 to 255' }]);
    expect(t.commands.map((c) => [c.line, c.command, c.exit, c.exitLine, c.expected.map((e) => e.text)])).toEqual([
      [10, 'echo a \\\nb', 0, undefined, ['a b']],
      [13, 'false', 1, 14, []],
      [15, 'true', 0, undefined, []],
      [16, 'exit 127', 127, 17, []],
      [18, 'x', 256, 19, []],
    ]);
  });

  it('an exit line only at the end, and only exact', () => {
    const t = parseTranscript(['$ cmd', '[1]', 'after', '$ two', '[1] (re)'].join('\n'), 1);
    expect(t.commands[0]).toMatchObject({ exit: 0, expected: [{ text: '[1]' }, { text: 'after' }] });
    expect(t.commands[1]).toMatchObject({ exit: 0 });
  });

  it('problems', () => {
    expect(parseTranscript('out\n$ x\n', 5).problems).toEqual([{ line: 5, message: 'output line before the first "$ " command' }]);
    expect(parseTranscript('$\n', 5).problems).toEqual([{ line: 5, message: 'empty console command ("$" with nothing after it)' }]);
    expect(parseTranscript('just prose\n', 5).problems).toEqual([{ line: 5, message: 'output line before the first "$ " command' }]);
    expect(parseTranscript('\n', 5).problems).toEqual([{ line: 5, message: 'console block has no "$ " command' }]);
    expect(parseTranscript('$ x\n( (re)\n', 5).problems[0]).toMatchObject({
      line: 6,
      message: expect.stringMatching(/^bad regular expression in \(re\) line: /),
    });
    expect(parseTranscript('$\tx\n', 1).commands[0]!.command).toBe('x');
    expect(parseTranscript('$ x\r\nout\r\n', 1).commands[0]!.expected[0]!.text).toBe('out');
    expect(parseTranscript('$ a\n>\n', 1).commands[0]!.command).toBe('a\n');
  });

  it('expected-line modes', () => {
    expect(expectedLine('...', 3)).toEqual({ line: 3, text: '...', mode: 'any' });
    expect(expectedLine('a.b (re)', 3)).toEqual({ line: 3, text: 'a.b (re)', mode: 're', pattern: 'a.b' });
    expect(expectedLine('a* (glob)', 3)).toEqual({ line: 3, text: 'a* (glob)', mode: 'glob', pattern: 'a*' });
    expect(expectedLine('plain', 3)).toEqual({ line: 3, text: 'plain', mode: 'exact' });
  });

  it('glob characters mean what they say, and nothing else is special', () => {
    const g = (p: string, s: string) => globToRegExp(p).test(s);
    expect(g('a*c', 'abbbc')).toBe(true);
    expect(g('a*c', 'ab')).toBe(false);
    expect(g('a?c', 'abc')).toBe(true);
    expect(g('a?c', 'abbc')).toBe(false);
    expect(g('a.c', 'abc')).toBe(false);
    expect(g('a.c', 'a.c')).toBe(true);
    expect(g('a\\*c', 'a*c')).toBe(true);
    expect(g('a\\*c', 'abc')).toBe(false);
    expect(g('a\\?', 'a?')).toBe(true);
    expect(g('(x)+[y]', '(x)+[y]')).toBe(true);
    expect(g('^$', '^$')).toBe(true);
    expect(g('x', 'xx')).toBe(false);
    expect(g('x', 'yx')).toBe(false);
    expect(g('a\\', 'a\\')).toBe(true);
  });

  it('re lines match the whole line', () => {
    expect(reToRegExp('a|b').test('a')).toBe(true);
    expect(reToRegExp('a|b').test('ab')).toBe(false);
    expect(reToRegExp('\\d+').test('x12')).toBe(false);
    expect(() => reToRegExp('(')).toThrow(/missing closing|error parsing/);
  });
});

describe('matching', () => {
  const E = (texts: string[]): ExpectedLine[] => texts.map((t, i) => expectedLine(t, i + 1));

  it('line rules: trailing spaces, modes, a bad re never matches', () => {
    expect(lineMatches(expectedLine('a  ', 1), 'a')).toBe(true);
    expect(lineMatches(expectedLine('a', 1), 'a \t')).toBe(true);
    expect(lineMatches(expectedLine(' a', 1), 'a')).toBe(false);
    expect(lineMatches({ line: 1, text: '( (re)', mode: 're', pattern: '(' }, '(')).toBe(false);
    expect(lineMatches(expectedLine('x* (glob)', 1), 'xyz  ')).toBe(true);
  });

  it('the streaming matcher agrees with the full alignment', () => {
    const cases: [string[], string[]][] = [
      [
        ['1', '...', '5'],
        ['1', '2', '3', '4', '5'],
      ],
      [
        ['1', '...', '5'],
        ['1', '5'],
      ],
      [
        ['1', '...', '5'],
        ['1', '2'],
      ],
      [['...'], []],
      [['...', '...'], ['a']],
      [[], []],
      [[], ['a']],
      [['a'], []],
      [
        ['a', 'b'],
        ['a', 'b', 'c'],
      ],
      [['a', '...', 'a'], ['a']],
      [
        ['a', '...', 'a'],
        ['a', 'a'],
      ],
      [
        ['\\d+ (re)', '...'],
        ['12', 'x'],
      ],
      [['x* (glob)'], ['y']],
    ];
    for (const [exp, act] of cases) {
      const sm = new StreamMatcher(E(exp));
      for (const l of act) sm.push(l);
      const out = sm.finish();
      expect(out.ok, `${exp.join('|')} vs ${act.join('|')}`).toBe(matchLines(E(exp), act).ok);
      expect(out.lines).toBe(act.length);
    }
  });

  it('tells how far a failing stream got', () => {
    const sm = new StreamMatcher(E(['a', 'b', 'c']));
    for (const l of ['a', 'b', 'x', 'y']) sm.push(l);
    expect(sm.finish()).toEqual({ ok: false, lines: 4, reached: 2, reachedAt: 1 });
    const none = new StreamMatcher(E(['a']));
    none.push('z');
    expect(none.finish()).toEqual({ ok: false, lines: 1, reached: 0, reachedAt: 0 });
  });

  it('a cut line is matched by ... alone', () => {
    const glob = new StreamMatcher(E(['y* (glob)']));
    glob.push('yyyy', true);
    expect(glob.finish().ok).toBe(false);
    const any = new StreamMatcher(E(['...']));
    any.push('yyyy', true);
    expect(any.finish().ok).toBe(true);
    const plain = new StreamMatcher(E(['y* (glob)']));
    plain.push('yyyy');
    expect(plain.finish().ok).toBe(true);
  });
});

describe('text files', () => {
  // Made when the suite runs (not when the file is loaded, as a mutation run that selects other tests does).
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vc-text-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = (name: string, data: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };

  it('reads UTF-8 and drops a BOM', async () => {
    expect(await readTextFile(at('a.md', 'héllo\n'), 'a recipe')).toEqual({ text: 'héllo\n' });
    expect(await readTextFile(at('b.md', '\ufeffx\r\ny\r\n'), 'a recipe')).toEqual({ text: 'x\r\ny\r\n' });
  });

  it('says which line is broken, or that the file as a whole is', async () => {
    expect(await readTextFile(at('n.md', 'a\nb\0c\n'), 'a recipe')).toEqual({
      line: 2,
      message: 'contains a NUL byte: a recipe is UTF-8 text (is this a binary file?)',
    });
    expect(await readTextFile(at('u.md', Buffer.concat([Buffer.from('ok\nok\n'), Buffer.from([0xe9, 0x0a])])), 'a recipe')).toEqual({
      line: 3,
      message: 'is not valid UTF-8 text',
    });
    expect(await readTextFile(at('v.md', Buffer.from([0xff])), 'a recipe')).toEqual({ line: 1, message: 'is not valid UTF-8 text' });
    expect(await readTextFile(join(dir, 'missing.md'), 'a recipe')).toEqual({ line: 0, message: 'no such file' });
    expect(await readTextFile(dir, 'a recipe')).toEqual({ line: 0, message: 'is a directory (give recipe files, or a directory to `run`/`list`)' });
    const big = at('big.md', Buffer.alloc(1024 * 1024 + 1, 0x61));
    expect(await readTextFile(big, 'a recipe')).toEqual({ line: 1, message: `file is ${1024 * 1024 + 1} bytes; a recipe is at most 1 MiB (1048576 bytes)` });
    expect(await readTextFile(at('max.md', Buffer.alloc(1024 * 1024, 0x61)), 'a recipe')).toHaveProperty('text');
  });
});
