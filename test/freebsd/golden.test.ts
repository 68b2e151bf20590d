// Every cookbook recipe has a golden freebsd plan: a drifting plan fails until the golden is updated on purpose
// (VESSEL_UPDATE_GOLDEN=1 npx vitest run test/freebsd/golden.test.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf, RECIPES } from './plans.js';

const GOLDEN = 'test/golden/freebsd';

describe('freebsd plans match their goldens', () => {
  for (const path of RECIPES) {
    it(basename(path), async () => {
      const { text, ok } = await planOf(path);
      const file = join(GOLDEN, `${basename(path, '.md')}.plan`);
      if (process.env.VESSEL_UPDATE_GOLDEN === '1') writeFileSync(file, text);
      expect(existsSync(file), `${file} is missing: run with VESSEL_UPDATE_GOLDEN=1 to create it`).toBe(true);
      expect(text).toBe(readFileSync(file, 'utf8'));
      // A cookbook recipe's plan runs to its end: no vessel command fails where the recipe expects success.
      expect(ok).toBe(true);
    });
  }

  it('is deterministic: the same seed gives the same plan twice', async () => {
    const { loadRecipe } = await import('../../src/recipe/load.js');
    const { planRecipe } = await import('../../src/plan/plan.js');
    const { recipe } = await loadRecipe('cookbook/getting-started.md');
    const a = await planRecipe(recipe!, 'other-seed');
    const b = await planRecipe(recipe!, 'other-seed');
    expect(a.text).toBe(b.text);
    expect(a.text).not.toBe((await planOf('cookbook/getting-started.md')).text);
  });
});
