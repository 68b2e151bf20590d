// Reads recipe files from disk, enforcing the contract's file rules (UTF-8, no NUL, at most 1 MiB).
import { usage } from '../util/errors.js';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseRecipe } from './parse.js';
import type { Recipe, RecipeError } from './model.js';
import { readTextFile } from './textfile.js';
/** Largest recipe the contract accepts (the shared text-file limit). */
export { MAX_TEXT_BYTES as MAX_RECIPE_BYTES } from './textfile.js';

/** Loads and parses one recipe file; file-level problems come back as errors with a line. */
export async function loadRecipe(path: string): Promise<{ recipe?: Recipe; errors: RecipeError[] }> {
  const t = await readTextFile(path, 'a recipe');
  if ('line' in t) return { errors: [{ path, line: t.line, message: t.message }] };
  const { recipe, errors } = parseRecipe(path, t.text);
  return { recipe, errors };
}

/** Files named README are documentation of a folder, not recipes. */
function isRecipeFile(name: string): boolean {
  return /\.md$/i.test(name) && !/^readme\.md$/i.test(name);
}

/** The recipe files under `dir`, recursively, sorted; skips dot folders and node_modules. */
export async function findRecipes(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isRecipeFile(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out.sort((a, b) => relative(dir, a).localeCompare(relative(dir, b)));
}

/** Expands the command line's paths: files stay, directories become their recipes. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      out.push(p); // loadRecipe reports it
      continue;
    }
    if (!isDir) {
      out.push(p);
      continue;
    }
    let found: string[];
    try {
      found = await findRecipes(p);
    } catch (e) {
      throw usage(`${p}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (found.length === 0) throw usage(`${p}: no recipes (*.md files) in this directory`);
    out.push(...found);
  }
  return [...new Set(out)];
}
