// Every cookbook recipe has a golden freebsd plan (a vitest file snapshot): a drifting plan fails until the
// golden is updated on purpose, after reading the diff (npx vitest run test/backends/freebsd/golden.test.ts -u).
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf, RECIPES } from '../plans.js';

const GOLDEN = 'test/golden/freebsd';

describe('freebsd plans match their goldens', () => {
  for (const path of RECIPES) {
    it(basename(path), async () => {
      const { text, ok } = await planOf(path);
      await expect(text).toMatchFileSnapshot(join('../../..', GOLDEN, `${basename(path, '.md')}.plan`));
      // A cookbook recipe's plan runs to its end: no vessel command fails where the recipe expects success. (A
      // recipe for Linux only is planned too, to show what the backend would refuse, and may stop early.)
      const { recipe } = await (await import('../../../src/recipe/load.js')).loadRecipe(path);
      if (recipe!.meta.engines.includes('freebsd')) expect(ok).toBe(true);
    });
  }

  it('is deterministic: the same seed gives the same plan twice', async () => {
    const { loadRecipe } = await import('../../../src/recipe/load.js');
    const { planRecipe } = await import('../../../src/cli/plan-recipe.js');
    const { recipe } = await loadRecipe('cookbook/getting-started.md');
    const a = await planRecipe(recipe!, 'other-seed');
    const b = await planRecipe(recipe!, 'other-seed');
    expect(a.text).toBe(b.text);
    expect(a.text).not.toBe((await planOf('cookbook/getting-started.md')).text);
  });
});

describe('the cookbook runs on both engines', () => {
  // Linux only: namespaces-by-hand.md, by nature. Nothing else may leave FreeBSD out.
  const LINUX_ONLY: Record<string, string> = { 'namespaces-by-hand.md': 'Linux by nature' };
  it('every recipe but namespaces-by-hand.md declares engines linux and freebsd', async () => {
    const { loadRecipe } = await import('../../../src/recipe/load.js');
    for (const path of RECIPES) {
      const { recipe } = await loadRecipe(path);
      const want = LINUX_ONLY[basename(path)] ? ['linux'] : ['linux', 'freebsd'];
      expect(recipe!.meta.engines, path).toEqual(want);
    }
  });
});
