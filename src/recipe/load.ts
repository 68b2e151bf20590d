// Reads recipe files from disk, enforcing the contract's file rules (UTF-8, no NUL, at most 1 MiB).
import { readFile, stat, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseRecipe } from './parse.js';
import type { Recipe, RecipeError } from './model.js';

/** Largest recipe the contract accepts. */
export const MAX_RECIPE_BYTES = 1024 * 1024;

/** A file-level problem: the one line printed for it. */
export class InputError extends Error {
  readonly code = 'input';
}

/** Line (1-based) of byte offset `at` in `buf`. */
function lineAt(buf: Buffer, at: number): number {
  let n = 1;
  for (let i = 0; i < at && i < buf.length; i++) if (buf[i] === 0x0a) n++;
  return n;
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstBadUtf8(buf: Buffer): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    dec.decode(buf);
    return -1;
  } catch {
    // Narrow down by decoding growing prefixes line by line.
    let start = 0;
    while (start < buf.length) {
      let end = buf.indexOf(0x0a, start);
      end = end === -1 ? buf.length : end + 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start, end));
      } catch {
        return start;
      }
      start = end;
    }
    return 0;
  }
}

/** Loads and parses one recipe file; file-level problems come back as errors with a line. */
export async function loadRecipe(path: string): Promise<{ recipe?: Recipe; errors: RecipeError[] }> {
  const one = (line: number, message: string) => ({ errors: [{ path, line, message }] });
  let buf: Buffer;
  try {
    const st = await stat(path);
    if (st.isDirectory()) return one(0, 'is a directory (give recipe files, or a directory to `run`/`list`)');
    if (st.size > MAX_RECIPE_BYTES) return one(1, `file is ${st.size} bytes; a recipe is at most 1 MiB (${MAX_RECIPE_BYTES} bytes)`);
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return one(0, 'no such file');
    if (code === 'EACCES' || code === 'EPERM') return one(0, 'cannot read the file (permission denied)');
    return one(0, `cannot read the file (${code ?? (e as Error).message})`);
  }
  if (buf.length > MAX_RECIPE_BYTES) return one(1, `file is ${buf.length} bytes; a recipe is at most 1 MiB`);
  const nul = buf.indexOf(0);
  if (nul !== -1) return one(lineAt(buf, nul), 'contains a NUL byte: a recipe is UTF-8 text (is this a binary file?)');
  const bad = firstBadUtf8(buf);
  if (bad !== -1) return one(lineAt(buf, bad), 'is not valid UTF-8 text');
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { recipe, errors } = parseRecipe(path, text);
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
      throw new InputError(`${p}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (found.length === 0) throw new InputError(`${p}: no recipes (*.md files) in this directory`);
    out.push(...found);
  }
  return [...new Set(out)];
}
