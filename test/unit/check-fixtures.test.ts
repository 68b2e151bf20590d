// Every malformed fixture reports exactly the expected path:line set, with the expected messages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/recipe/load.js';
import { formatError } from '../../src/cli/common.js';

const dir = join(import.meta.dirname, '../fixtures/malformed');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();

describe('malformed recipe fixtures', () => {
  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });
  for (const file of cases) {
    it(file, async () => {
      const path = join(dir, file);
      const expected = readFileSync(path.replace(/\.md$/, '.expect'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => {
          const m = /^(\d+): (.*)$/.exec(l)!;
          return { line: Number(m[1]), message: m[2]! };
        });
      const { errors } = await loadRecipe(path);
      const reported = errors.map(formatError);
      expect([...new Set(errors.map((e) => e.line))].sort()).toEqual([...new Set(expected.map((e) => e.line))].sort());
      for (const e of expected) {
        expect(
          reported.some((r) => r.startsWith(`${path}:${e.line}: `) && r.includes(e.message)),
          `${e.line}: ${e.message}\n got:\n${reported.join('\n')}`,
        ).toBe(true);
      }
    });
  }
});
