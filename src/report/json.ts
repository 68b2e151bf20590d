// JSON reports: one object per recipe, or one document for a whole run.
import type { RecipeResult } from './model.js';
import { totals } from './model.js';

/** The JSON report format's version. */
export const JSON_REPORT_VERSION = 1;

/** A recipe's result without what only `update` reads (each console command's whole output, already in `output`). */
function forReport(r: RecipeResult): RecipeResult {
  return { ...r, steps: r.steps.map(({ transcript: _t, ...s }) => s) };
}

/** The JSON document for one recipe (the `--out` file). */
export function jsonForRecipe(r: RecipeResult): string {
  return JSON.stringify({ version: JSON_REPORT_VERSION, ...forReport(r) }, null, 2) + '\n';
}

/** The JSON document for a whole run. */
export function jsonForRun(results: RecipeResult[], exitCode: number): string {
  return JSON.stringify({ version: JSON_REPORT_VERSION, exitCode, totals: totals(results), recipes: results.map(forReport) }, null, 2) + '\n';
}
