// Helpers for the plan tests: every cookbook recipe's plan on a backend, made once per test file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRecipe } from '../../src/recipe/load.js';
import { planRecipe } from '../../src/cli/plan-recipe.js';
import type { PlanStep } from '../../src/host/recording.js';

/** The cookbook's recipe files. */
export const RECIPES = readdirSync('cookbook')
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => join('cookbook', f));

const cache = new Map<string, Promise<{ text: string; ok: boolean; steps: PlanStep[] }>>();

/** A backend plans are made for. */
export type PlannedEngine = 'linux' | 'freebsd';

/** The plan of a cookbook recipe (default seed) on a backend (default freebsd). */
export function planOf(path: string, engine: PlannedEngine = 'freebsd') {
  const key = `${engine}:${path}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      (async () => {
        const { recipe, errors } = await loadRecipe(path);
        // A recipe with any problem has no plan to compare: its errors fail the test that asked.
        if (!recipe || errors.length > 0) throw new Error(`${path}: ${errors.map((e) => `${e.line}: ${e.message}`).join('; ') || 'no recipe'}`);
        return planRecipe(recipe, undefined, engine);
      })(),
    );
  }
  return cache.get(key)!;
}
