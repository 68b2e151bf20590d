// Exercises (contract format 2): the option rules and the pairing rules, each with its line; and what --step's `s`
// warns about.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecipe } from '../../src/recipe/parse.js';
import { dependents } from '../../src/harness/step-mode.js';

const parse = (path: string) => parseRecipe(path, readFileSync(path, 'utf8'));

describe('exercises', () => {
  it('pairs each solution with one check after it, and says what is wrong with the line', () => {
    expect(parse('test/fixtures/exercise/bad-pairs.md').errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      '5: the check of exercise early comes before its solution',
      '13: exercise lonely has a solution but no check (an assert or console block with exercise=lonely after it)',
      '21: exercise twice already has a solution (line 17)',
      '29: option "solution" is for sh blocks only (the reference solution of an exercise)',
    ]);
  });

  it('reads a good pair, and accepts format 2 (and still 1)', () => {
    const { recipe, errors } = parse('test/fixtures/exercise/done.md');
    expect(errors).toEqual([]);
    expect(recipe.meta.format).toBe(2);
    expect(recipe.steps.map((s) => [s.kind, s.options.solution, s.options.exercise])).toEqual([
      ['sh', 'make-done', undefined],
      ['console', undefined, 'make-done'],
      ['sh', undefined, undefined],
    ]);
    expect(parseRecipe('x.md', '---\nformat: 1\n---\n```sh\ntrue\n```\n').errors).toEqual([]);
    expect(parseRecipe('x.md', '```console {exercise=Bad_ID}\n$ true\n```\n').errors.map((e) => e.message)).toEqual([
      'exercise=Bad_ID: an exercise ID is lower-case letters, digits and "-", starting with a letter or digit',
    ]);
  });
});

describe('what a skipped step leaves out', () => {
  it('names the later steps that use its files, exports, jails and networks', () => {
    const src = [
      '```sh',
      'export PORT=8080',
      'vessel network --create --name=lan --subnet=10.1.0.0/24',
      'vessel run --name=web --network=lan',
      '```',
      '',
      '```sh {file=app.sh}',
      'echo hi',
      '```',
      '',
      '```console {jail=web}',
      '$ sh app.sh $PORT',
      'hi',
      '```',
      '',
      '```sh',
      'echo unrelated webby',
      '```',
      '',
    ].join('\n');
    const { recipe } = parseRecipe('x.md', src);
    expect(dependents(recipe, recipe.steps[0]!)).toEqual(['L11 ($PORT, web)']);
    expect(dependents(recipe, recipe.steps[1]!)).toEqual(['L11 (file app.sh)']);
  });
});
