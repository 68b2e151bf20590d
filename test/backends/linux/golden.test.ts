// Every cookbook recipe has a golden linux plan (a vitest file snapshot), next to its freebsd one: every command,
// file write, service start and signal the linux backend would make, recorded with nothing run and no root. A
// drifting plan fails until the golden is updated on purpose, after reading the diff
// (npx vitest run test/backends/linux/golden.test.ts -u).
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf, RECIPES } from '../plans.js';

const GOLDEN = 'test/golden/linux';

describe('linux plans match their goldens', () => {
  for (const path of RECIPES) {
    it(basename(path), async () => {
      const { text, ok, steps } = await planOf(path, 'linux');
      await expect(text).toMatchFileSnapshot(join('../../..', GOLDEN, `${basename(path, '.md')}.plan`));
      // A cookbook recipe's plan runs to its end, and shows the services it starts (not only commands).
      expect(ok).toBe(true);
      if (/vessel (network --create|run-network)/.test(text)) expect(steps.some((s) => s.op === 'start')).toBe(true);
    });
  }

  it('is deterministic: the same seed gives the same plan twice, another seed another plan', async () => {
    const { loadRecipe } = await import('../../../src/recipe/load.js');
    const { planRecipe } = await import('../../../src/cli/plan-recipe.js');
    const { recipe } = await loadRecipe('cookbook/getting-started.md');
    const a = await planRecipe(recipe!, 'other-seed', 'linux');
    const b = await planRecipe(recipe!, 'other-seed', 'linux');
    expect(a.text).toBe(b.text);
    expect(a.text).not.toBe((await planOf('cookbook/getting-started.md', 'linux')).text);
  });

  it('needs no root and touches nothing: the plan of a whole lab leaves no file behind', async () => {
    const { existsSync } = await import('node:fs');
    const { planLabId, DEFAULT_SEED } = await import('../../../src/cli/plan-recipe.js');
    await planOf('cookbook/vnet-nat-virtualbox.md', 'linux');
    expect(existsSync(`/run/vessel/${planLabId(DEFAULT_SEED)}`)).toBe(false);
  });
});
