// Unified diffs byte for byte: extra lines, missing lines, hunks with three lines of context, split and merged
// hunks, and the recipe's line numbers; and which last lines of a transcript are an exit status.
import { describe, expect, it } from 'vitest';
import { matchLines, unifiedDiff } from '../../src/match/transcript.js';
import { expectedLine, parseTranscript } from '../../src/recipe/console.js';

const E = (texts: string[], first = 10) => texts.map((t, i) => expectedLine(t, first + i));
const diff = (exp: string[], act: string[]) => unifiedDiff(matchLines(E(exp), act).ops, { path: 'r.md' });

describe('unified diffs', () => {
  it('extra output lines at the end', () => {
    expect(diff(['a', 'b'], ['a', 'b', 'c', 'd'])).toBe(['--- expected r.md', '+++ actual output', '@@ -10,2 +1,4 @@', ' a', ' b', '+c', '+d'].join('\n'));
  });

  it('a missing line in the middle, with three lines of context each side', () => {
    const exp = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    const act = ['1', '2', '3', '4', '6', '7', '8', '9'];
    expect(diff(exp, act)).toBe(['--- expected r.md', '+++ actual output', '@@ -11,7 +2,6 @@', ' 2', ' 3', ' 4', '-5', ' 6', ' 7', ' 8'].join('\n'));
  });

  it('two changes far apart make two hunks; close ones make one', () => {
    const exp = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const far = [...exp];
    far[2] = 'X';
    far[17] = 'Y';
    expect(diff(exp, far)).toBe(
      [
        '--- expected r.md',
        '+++ actual output',
        '@@ -10,6 +1,6 @@',
        ' l0',
        ' l1',
        '-l2',
        '+X',
        ' l3',
        ' l4',
        ' l5',
        '@@ -24,6 +15,6 @@',
        ' l14',
        ' l15',
        ' l16',
        '-l17',
        '+Y',
        ' l18',
        ' l19',
      ].join('\n'),
    );
    // Six unchanged lines between two changes (twice the context) still make one hunk, as in GNU diff.
    const six = [...exp];
    six[3] = 'X';
    six[10] = 'Y';
    expect(
      diff(exp, six)
        .split('\n')
        .filter((l) => l.startsWith('@@')),
    ).toEqual(['@@ -10,14 +1,14 @@']);
    const seven = [...exp];
    seven[3] = 'X';
    seven[11] = 'Y';
    expect(
      diff(exp, seven)
        .split('\n')
        .filter((l) => l.startsWith('@@')),
    ).toHaveLength(2);
    const near = [...exp];
    near[5] = 'X';
    near[10] = 'Y';
    expect(diff(exp, near)).toBe(
      [
        '--- expected r.md',
        '+++ actual output',
        '@@ -12,12 +3,12 @@',
        ' l2',
        ' l3',
        ' l4',
        '-l5',
        '+X',
        ' l6',
        ' l7',
        ' l8',
        ' l9',
        '-l10',
        '+Y',
        ' l11',
        ' l12',
        ' l13',
      ].join('\n'),
    );
  });

  it('absorbed lines show as context; no change, no diff', () => {
    // (`...` takes y too: one missing line is a smaller difference than a changed one)
    expect(diff(['a', '...', 'z'], ['a', 'b', 'c', 'y'])).toBe(
      ['--- expected r.md', '+++ actual output', '@@ -11,2 +2,3 @@', ' b', ' c', ' y', '-z'].join('\n'),
    );
    expect(diff(['a', '...'], ['a', 'b'])).toBe('');
    expect(unifiedDiff(matchLines(E(['x']), ['y']).ops, { path: 'p.md', title: 'L3' }).split('\n')[0]).toBe('--- expected p.md (L3)');
    expect(unifiedDiff(matchLines(E(['x']), ['y']).ops, { path: 'p.md', context: 0 })).toBe(
      ['--- expected p.md', '+++ actual output', '@@ -10,1 +1,1 @@', '-x', '+y'].join('\n'),
    );
  });

  it('only output, nothing expected', () => {
    expect(diff([], ['a'])).toBe(['--- expected r.md', '+++ actual output', '@@ -1,0 +1,1 @@', '+a'].join('\n'));
  });
});

describe('exit status lines', () => {
  const exitOf = (body: string) => parseTranscript(body, 1).commands[0]!;
  it('only a whole last line of up to three digits in brackets, written exactly', () => {
    expect(exitOf('$ x\n[3]\n')).toMatchObject({ exit: 3, exitLine: 2, expected: [] });
    expect(exitOf('$ x\n[3]  \n')).toMatchObject({ exit: 3 });
    expect(exitOf('$ x\nout [3]\n')).toMatchObject({ exit: 0, expected: [{ text: 'out [3]' }] });
    expect(exitOf('$ x\n[3] more\n')).toMatchObject({ exit: 0, expected: [{ text: '[3] more' }] });
    expect(exitOf('$ x\n[3]x\n')).toMatchObject({ exit: 0 });
    expect(exitOf('$ x\n[1234]\n')).toMatchObject({ exit: 0, expected: [{ text: '[1234]' }] });
    expect(exitOf('$ x\n[3] (glob)\n')).toMatchObject({ exit: 0 });
    expect(exitOf('$ x\n[3]\nlater\n')).toMatchObject({ exit: 0, expected: [{ text: '[3]' }, { text: 'later' }] });
  });
});
