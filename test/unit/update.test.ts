// `update`'s rewrite: the smallest change that makes console blocks match, patterns kept, everything else byte for byte.
import { describe, expect, it } from 'vitest';
import { parseRecipe } from '../../src/recipe/parse.js';
import { applyEdits, literalLine, recipeEdits, type RanCommand } from '../../src/match/update.js';

const SRC = [
  '---',
  'title: Stale',
  '---',
  '# Stale',
  '',
  'Some prose that must not change.  ',
  '',
  '```console',
  '$ echo one; echo two; echo three',
  'one',
  'TWO',
  'three',
  '$ uname -s',
  'L*x (glob)',
  '$ echo v1.2',
  'v\\d+\\.\\d+ (re)',
  '$ seq 5',
  '1',
  '...',
  '$ printf "x\\n"; exit 3',
  'x',
  '```',
  '',
  '```sh',
  'echo untouched',
  '```',
  '',
].join('\n');

const update = (src: string, ran: RanCommand[]) => {
  const { recipe, errors } = parseRecipe('stale.md', src);
  expect(errors).toEqual([]);
  const step = recipe.steps.find((s) => s.kind === 'console')!;
  const edits = recipeEdits(recipe, new Map([[step.line, ran]]));
  if (typeof edits === 'string') throw new Error(edits);
  return { text: applyEdits(src, edits), edits };
};

describe('update', () => {
  const ran: RanCommand[] = [
    { line: 9, actual: ['one', 'two', 'three'], exit: 0 },
    { line: 13, actual: ['Linux'], exit: 0 },
    { line: 15, actual: ['v1.2'], exit: 0 },
    { line: 17, actual: ['1', '2', '3', '4', '5'], exit: 0 },
    { line: 20, actual: ['x'], exit: 3 },
  ];

  it('replaces only the failing lines, adds [N], and keeps (glob) and ... lines as written', () => {
    const { text, edits } = update(SRC, ran);
    expect(edits.map((e) => [e.from, e.to, e.lines])).toEqual([
      [10, 13, ['one', 'two', 'three']],
      [21, 22, ['x', '[3]']],
    ]);
    const lines = text.split('\n');
    expect(lines.slice(8, 24)).toEqual([
      '$ echo one; echo two; echo three',
      'one',
      'two',
      'three',
      '$ uname -s',
      'L*x (glob)',
      '$ echo v1.2',
      'v\\d+\\.\\d+ (re)',
      '$ seq 5',
      '1',
      '...',
      '$ printf "x\\n"; exit 3',
      'x',
      '[3]',
      '```',
      '',
    ]);
  });

  it('leaves prose and other blocks byte for byte, and the final newline', () => {
    const { text } = update(SRC, ran);
    expect(text.split('\n').slice(0, 8)).toEqual(SRC.split('\n').slice(0, 8));
    expect(text.endsWith('```sh\necho untouched\n```\n')).toBe(true);
    // A second update of the updated text changes nothing.
    expect(update(text, ran).edits).toEqual([]);
  });

  it('keeps CRLF line endings', () => {
    const crlf = SRC.replace(/\n/g, '\r\n');
    const { text } = update(crlf, ran);
    expect(text.split('\r\n').slice(9, 12)).toEqual(['one', 'two', 'three']);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes output that looks like transcript syntax as an exact (re) line', () => {
    expect(literalLine('$ not a command')).toBe('\\$ not a command (re)');
    expect(literalLine('...')).toBe('\\.\\.\\. (re)');
    expect(literalLine('[2]')).toBe('\\[2\\] (re)');
    expect(literalLine('a (glob)')).toBe('a \\(glob\\) (re)');
    expect(literalLine('plain  ')).toBe('plain');
  });
});

describe('update writes only output, never recipe syntax (property)', async () => {
  const fc = await import('fast-check');
  const { matchLines } = await import('../../src/match/transcript.js');
  // Lines a program may print, weighted toward what reads as syntax: prompts, continuations, fences, patterns.
  const tricky = fc.oneof(
    fc.constantFrom(
      '$',
      '$ rm -rf /',
      '$\tx',
      '>',
      '> touch /tmp/pwned',
      '```',
      '````',
      '~~~',
      '  ```',
      '...',
      '[3]',
      'a (re)',
      'b* (glob)',
      '```sh',
      '(a|aa)+$',
    ),
    fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s)),
    fc.tuple(fc.constantFrom('> ', '$ ', '```', '.*', '\\', '[', '('), fc.string({ maxLength: 8 })).map(([a, b]) => (a + b).replace(/[\r\n]/g, '')),
  );
  const SRC2 = ['# R', '', '```console', '$ printf stale', 'stale', '```', '', 'Closing prose.', '', '```sh', 'echo after', '```', ''].join('\n');

  it('for any output, the rewritten recipe parses to the same steps, and its transcript matches that output', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 3 }), (actual, exit) => {
        const out = actual.map((l) => l.replace(/\s+$/, ''));
        const { text } = update(SRC2, [{ line: 4, actual: out, exit }]);
        const { recipe, errors } = parseRecipe('r.md', text);
        expect(errors).toEqual([]);
        // Nothing else changed: the same two blocks, the prose and the sh block intact.
        expect(recipe.steps.map((s) => s.kind)).toEqual(['console', 'sh']);
        expect(text.endsWith('Closing prose.\n\n```sh\necho after\n```\n')).toBe(true);
        const c = recipe.steps[0]!;
        if (c.kind !== 'console') throw new Error('not console');
        // One command, exactly the one that ran (no output line became a continuation or a command).
        expect(c.commands.map((x) => x.command)).toEqual(['printf stale']);
        expect(c.commands[0]!.exit).toBe(exit);
        expect(matchLines(c.commands[0]!.expected, out).ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
