// Property tests (fast-check, bounded runs): the parser never throws and always points inside the file; the console
// matcher accepts any output against itself, treats `...` and globs as promised, and its diff is well-formed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecipe } from '../../src/recipe/parse.js';
import { expectedLine, parseTranscript } from '../../src/recipe/console.js';
import { matchLines, outputLines, unifiedDiff } from '../../src/match/transcript.js';
import { parseAssertions } from '../../src/assert/grammar.js';
import { parseSupervisor } from '../../src/core/supervisor/model.js';

const RUNS = { numRuns: 300, seed: 4242 };

/** Markdown-ish text: fences, options, front matter, transcripts and noise. */
const pieces = fc.constantFrom(
  '---\n',
  'title: x\n',
  '```sh\n',
  '```console\n',
  '```assert\n',
  '```\n',
  '```sh {jail=a timeout=1s}\n',
  '```sh {file=a.txt}\n',
  '$ echo hi\n',
  'hi\n',
  '> more\n',
  '[1]\n',
  'mesh a-*\n',
  'reach a -> b:80\n',
  '# H\n',
  '- item\n',
  '... \n',
  '* (glob)\n',
  '\n',
  '{',
  '}',
  '`',
  '$(',
  ';',
  '\t',
);
const recipeText = fc.array(fc.oneof(pieces, fc.string({ maxLength: 20 })), { maxLength: 60 }).map((a) => a.join(''));

describe('parser properties', () => {
  it('never throws; every error points at a line of the file; steps are in order', () => {
    fc.assert(
      fc.property(recipeText, (src) => {
        const { recipe, errors } = parseRecipe('p.md', src);
        const nLines = src.split('\n').length;
        for (const e of errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(nLines + 1);
          expect(e.message.length).toBeGreaterThan(0);
        }
        let last = 0;
        for (const s of recipe.steps) {
          expect(s.line).toBeGreaterThan(last);
          expect(s.endLine).toBeGreaterThanOrEqual(s.line);
          last = s.endLine;
        }
      }),
      RUNS,
    );
  });

  it('arbitrary unicode never throws either, and every problem it reports lies within the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (src) => {
        const { recipe, errors } = parseRecipe('u.md', src);
        // Either a recipe or its problems: never neither.
        expect(recipe !== undefined || errors.length > 0).toBe(true);
        const lines = src.split('\n').length;
        for (const e of errors) expect(e.line).toBeLessThanOrEqual(lines + 1);
      }),
      RUNS,
    );
  });

  it('assertion and supervisor parsers never throw, and report lines within the text', () => {
    fc.assert(
      fc.property(
        fc
          .array(
            fc.oneof(
              fc.constantFrom('reach ', 'mesh ', 'isolated ', 'lease ', 'resolve ', ' -> ', ':', 'a', 'b-*', '10.0.0.0/24', ' in ', ' from ', '\n'),
              fc.string({ maxLength: 8 }),
            ),
            { maxLength: 30 },
          )
          .map((a) => a.join('')),
        (body) => {
          const { assertions, problems } = parseAssertions(body, 10);
          const last = 10 + body.split('\n').length - 1;
          for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(10);
          for (const p of problems) expect(p.line).toBeLessThanOrEqual(last);
          // Every non-blank line is either an assertion or a problem.
          const lines = body.split('\n').filter((l) => l.replace(/#.*/, '').trim() !== '').length;
          expect(assertions.length + new Set(problems.map((p) => p.line)).size).toBeGreaterThanOrEqual(Math.min(lines, 1));
        },
      ),
      RUNS,
    );
    // The generators above produce both outcomes, so the checks in them are exercised.
    expect(parseAssertions('reach a -> b', 1).assertions).toHaveLength(1);
    expect(parseAssertions('reach a ->', 1).problems).toHaveLength(1);
    fc.assert(
      fc.property(
        fc
          .array(
            fc.oneof(
              fc.constantFrom(
                '[network:n]\n',
                '[jail:j]\n',
                'subnet = 10.0.0.0/24\n',
                'network = n\n',
                'count = 3\n',
                'addr = dhcp\n',
                'ready = tcp:1\n',
                'depends = j\n',
                '=',
                '\n',
                ';c\n',
              ),
              fc.string({ maxLength: 10 }),
            ),
            { maxLength: 30 },
          )
          .map((a) => a.join('')),
        (text) => {
          const { problems } = parseSupervisor('s.ini', text);
          for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(1);
          for (const p of problems) expect(p.line).toBeLessThanOrEqual(text.split('\n').length);
        },
      ),
      RUNS,
    );
    expect(parseSupervisor('s.ini', '[jail:j]\n').problems.length).toBeGreaterThan(0);
  });
});

/** Output lines without characters that transcripts treat specially at the end of a line. */
const outLine = fc.string({ maxLength: 30 }).map((s) =>
  s
    .replace(/[\r\n]/g, '')
    .replace(/\s+$/, '')
    .replace(/ \((re|glob|esc|no-eol)\)$/, ''),
);

describe('console matcher properties', () => {
  it('any output matches itself written as exact lines', () => {
    fc.assert(
      fc.property(fc.array(outLine, { maxLength: 25 }), (lines) => {
        const expected = lines.map((l, i) => ({ line: i + 1, text: l, mode: 'exact' as const }));
        expect(matchLines(expected, lines).ok).toBe(true);
      }),
      RUNS,
    );
  });

  it('a line of `...` absorbs any run of lines; `* (glob)` matches any one line', () => {
    fc.assert(
      fc.property(fc.array(outLine, { maxLength: 10 }), fc.array(outLine, { maxLength: 10 }), outLine, (before, after, one) => {
        const e = [...before.map((l, i) => ({ line: i + 1, text: l, mode: 'exact' as const })), expectedLine('...', 100), expectedLine('* (glob)', 101)];
        expect(matchLines(e, [...before, ...after, one]).ok).toBe(true);
      }),
      RUNS,
    );
  });

  it('a changed line fails, and the diff shows it removed and added', () => {
    fc.assert(
      fc.property(fc.array(outLine, { minLength: 1, maxLength: 12 }), fc.nat(), (lines, k) => {
        const i = k % lines.length;
        const actual = [...lines];
        actual[i] = `${actual[i]}~changed`;
        const expected = lines.map((l, j) => ({ line: j + 1, text: l, mode: 'exact' as const }));
        const r = matchLines(expected, actual);
        expect(r.ok).toBe(false);
        const diff = unifiedDiff(r.ops, { path: 'p.md' });
        expect(diff).toContain(`+${actual[i]}`);
      }),
      RUNS,
    );
  });

  it('transcripts: every `$ ` line is a command, and outputLines splits like the transcript', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            outLine.filter((s) => s.trim() !== ''),
            fc.array(
              outLine.filter((s) => !/^[$>]/.test(s) && !/^\[\d+\]$/.test(s)),
              { maxLength: 4 },
            ),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (cmds) => {
          const body = cmds.map(([c, out]) => [`$ ${c}`, ...out].join('\n')).join('\n') + '\n';
          const { commands, problems } = parseTranscript(body, 1);
          expect(problems).toEqual([]);
          expect(commands.map((c) => c.command)).toEqual(cmds.map(([c]) => c));
          // Each command's expected lines are exactly the output lines written under it.
          expect(commands.map((c) => c.expected.map((e) => e.text))).toEqual(cmds.map(([, out]) => out));
          const joined = cmds.flatMap(([, o]) => o);
          expect(outputLines(joined.map((l) => `${l}\n`).join(''))).toEqual(joined);
        },
      ),
      RUNS,
    );
  });
});
