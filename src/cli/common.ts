// Shared CLI plumbing: exit statuses, one-line errors, loading and checking recipe files.
import { oneLine } from '../util/oneline.js';
import { expandPaths, loadRecipe } from '../recipe/load.js';
import type { Recipe, RecipeError } from '../recipe/model.js';

export { EXIT } from '../util/errors.js';

/** `path:line: message` (or `path: message` for whole-file problems). */
export function formatError(e: RecipeError): string {
  return e.line > 0 ? `${e.path}:${e.line}: ${oneLine(e.message)}` : `${e.path}: ${oneLine(e.message)}`;
}

/** Loads and checks every file (directories expand to their recipes); never throws for bad recipes. */
export async function loadAll(paths: string[]): Promise<{ recipes: Recipe[]; errors: RecipeError[] }> {
  let files: string[];
  files = await expandPaths(paths);
  const recipes: Recipe[] = [];
  const errors: RecipeError[] = [];
  for (const f of files) {
    const r = await loadRecipe(f);
    errors.push(...r.errors);
    if (r.recipe) recipes.push(r.recipe);
  }
  return { recipes, errors };
}

/** Prints errors to stderr; returns how many there were. */
export function printErrors(errors: RecipeError[]): number {
  for (const e of errors) process.stderr.write(formatError(e) + '\n');
  return errors.length;
}

/** The default recipes folder: ./cookbook when it exists, else the current directory. */
export async function defaultDir(): Promise<string> {
  const { stat } = await import('node:fs/promises');
  try {
    if ((await stat('cookbook')).isDirectory()) return 'cookbook';
  } catch {
    /* none */
  }
  return '.';
}
