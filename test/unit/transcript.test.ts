// cram/scrut matching: exact, ..., (re), (glob), and the unified diff with recipe lines.
import { describe, expect, it } from 'vitest';
import { expectedLine } from '../../src/recipe/console.js';
import { matchLines, outputLines, unifiedDiff } from '../../src/match/transcript.js';

const exp = (...lines: string[]) => lines.map((l, i) => expectedLine(l, 10 + i));

describe('matchLines', () => {
  it('matches exact lines, ignoring trailing spaces', () => {
    expect(matchLines(exp('a', 'b  '), ['a  ', 'b']).ok).toBe(true);
    expect(matchLines(exp('a', 'b'), ['a', 'c']).ok).toBe(false);
    expect(matchLines(exp(' a'), ['a']).ok).toBe(false);
  });
  it('lets ... absorb any number of lines, including none', () => {
    expect(matchLines(exp('a', '...', 'z'), ['a', 'z']).ok).toBe(true);
    expect(matchLines(exp('a', '...', 'z'), ['a', 'b', 'c', 'z']).ok).toBe(true);
    expect(matchLines(exp('...'), []).ok).toBe(true);
    expect(matchLines(exp('a', '...'), ['b']).ok).toBe(false);
    expect(matchLines(exp('...', 'x', '...', 'y'), ['1', 'x', '2', '3', 'y']).ok).toBe(true);
    expect(matchLines(exp('...', 'y', '...', 'x'), ['x', 'y']).ok).toBe(false);
  });
  it('matches (re) against the whole line', () => {
    expect(matchLines(exp('\\d+ packets (re)'), ['64 packets']).ok).toBe(true);
    expect(matchLines(exp('\\d+ (re)'), ['64 packets']).ok).toBe(false);
  });
  it('matches (glob) with * and ? and escapes', () => {
    expect(matchLines(exp('inet 10.0.*/24 (glob)'), ['inet 10.0.2.15/24']).ok).toBe(true);
    expect(matchLines(exp('a?c (glob)'), ['abc']).ok).toBe(true);
    expect(matchLines(exp('a\\*c (glob)'), ['abc']).ok).toBe(false);
    expect(matchLines(exp('a\\*c (glob)'), ['a*c']).ok).toBe(true);
    expect(matchLines(exp('(x) (glob)'), ['(x)']).ok).toBe(true);
  });
  it('requires every output line to be accounted for', () => {
    expect(matchLines(exp('a'), ['a', 'b']).ok).toBe(false);
    expect(matchLines(exp(), ['a']).ok).toBe(false);
    expect(matchLines(exp(), []).ok).toBe(true);
  });
});

describe('outputLines', () => {
  it('drops only the final newline', () => {
    expect(outputLines('a\n\nb\n')).toEqual(['a', '', 'b']);
    expect(outputLines('a')).toEqual(['a']);
    expect(outputLines('')).toEqual([]);
  });
});

describe('unifiedDiff', () => {
  it('shows missing and unexpected lines with recipe line numbers', () => {
    const m = matchLines(exp('one', 'two', 'three'), ['one', '2', 'three']);
    expect(m.ok).toBe(false);
    expect(unifiedDiff(m.ops, { path: 'r.md' })).toBe(
      ['--- expected r.md', '+++ actual output', '@@ -10,3 +1,3 @@', ' one', '-two', '+2', ' three'].join('\n'),
    );
  });
  it('shows what ... absorbed as context, and nothing when it matched', () => {
    const ok = matchLines(exp('a', '...'), ['a', 'b']);
    expect(unifiedDiff(ok.ops, { path: 'r.md' })).toBe('');
    const bad = matchLines(exp('a', '...', 'z'), ['a', 'b', 'y']);
    expect(unifiedDiff(bad.ops, { path: 'r.md' })).toBe(['--- expected r.md', '+++ actual output', '@@ -10,3 +1,3 @@', ' a', ' b', ' y', '-z'].join('\n'));
  });
});

describe('(re) lines are matched in linear time (RE2)', async () => {
  const { reToRegExp, globToRegExp } = await import('../../src/recipe/console.js');
  it('a pattern that backtracks exponentially in a backtracking engine returns at once', () => {
    // With JavaScript's RegExp this spins for minutes on 58 characters; the test's own timeout would catch a hang.
    expect(reToRegExp('(a|aa)+$').test(`${'a'.repeat(57)}b`)).toBe(false);
    expect(reToRegExp('(a|aa)+').test('a'.repeat(58))).toBe(true);
    expect(globToRegExp('*a*a*a*a*a*a*a*b').test('a'.repeat(5000))).toBe(false);
  });
  it('refuses what RE2 does not have, with its message', () => {
    expect(() => reToRegExp('(?=a)a')).toThrow(/unsupported/);
    expect(() => reToRegExp('(a)\\1')).toThrow();
  });
});
