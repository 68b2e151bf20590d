// @ts-nocheck
// Helpers for the freebsd plan tests: every cookbook recipe's plan, made once per test file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRecipe } from '../../src/recipe/load.js';
import { planRecipe } from '../../src/plan/plan.js';
import type { PlanStep } from '../../src/freebsd/host.js';

/** The cookbook's recipe files. */
export const RECIPES = readdirSync('cookbook').filter((f) => f.endsWith('.md')).sort().map((f) => join('cookbook', f));

const cache = new Map<string, Promise<{ text: string; ok: boolean; steps: PlanStep[] }>>();

/** The plan of a cookbook recipe (default seed). */
export function planOf(path: string) {
  if (!cache.has(path)) {
    cache.set(path, (async () => {
      const { recipe, errors } = await loadRecipe(path);
      // A recipe with any problem has no plan to compare: its errors fail the test that asked.
      if (!recipe || errors.length > 0) throw new Error(`${path}: ${errors.map((e) => `${e.line}: ${e.message}`).join('; ') || 'no recipe'}`);
      return planRecipe(recipe);
    })());
  }
  return cache.get(path)!;
}
