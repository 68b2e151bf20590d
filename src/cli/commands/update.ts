// `vessel-cookbook update FILE...`: runs recipes as `run` does, then rewrites the expected output of every console
// command that did not match. Prints the diff first; asks on a terminal (or --yes); --check writes nothing.
import { lstatSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { hostBackend } from '../../backends/registry.js';
import { runAll } from '../../harness/run.js';
import { ENGINE_NAMES, isRunnable, type EngineName, type Recipe } from '../../recipe/model.js';
import { applyEdits, editsDiff, recipeEdits, type RanCommand } from '../../match/update.js';
import { makeReporters } from '../../report/index.js';
import type { RecipeResult } from '../../report/model.js';
import { usage } from '../../util/errors.js';
import { didYouMean } from '../../util/suggest.js';
import { EXIT, loadAll, printErrors } from '../common.js';

/** Options of `update`. */
export interface UpdateOptions {
  yes?: boolean;
  check?: boolean;
  engine?: string;
}

/** What a recipe's run says about rewriting it: the new text, nothing to change, or why it is left alone. */
function planUpdate(recipe: Recipe, r: RecipeResult): { text?: string; diff?: string; reason?: string } {
  const other = r.steps.find((s) => s.status === 'fail' && s.failure?.kind !== 'mismatch');
  if (other)
    return {
      reason: `${recipe.path}:${other.failure?.line ?? other.line}: ${other.failure?.message ?? 'failed'} (not a stale transcript: nothing of it is written)`,
    };
  if (r.status === 'interrupted' || r.status === 'unrunnable') return { reason: `${recipe.path}: ${r.reason ?? r.status} (nothing written)` };
  const ran = new Map<number, RanCommand[]>();
  for (const s of r.steps) if (s.kind === 'console' && s.status === 'fail' && s.transcript) ran.set(s.line, s.transcript);
  const edits = recipeEdits(recipe, ran);
  if (typeof edits === 'string') return { reason: `${recipe.path}: ${edits} (nothing written)` };
  if (edits.length === 0) return {};
  return { text: applyEdits(recipe.source, edits), diff: editsDiff(recipe.path, recipe.source, edits) };
}

/** Writes `text` over `path` unless it is a symlink or changed since it was read (`was`); atomically. */
function writeBack(path: string, was: string, text: string): string | undefined {
  if (lstatSync(path).isSymbolicLink()) return `${path} is a symbolic link: update writes only regular files`;
  if (readFileSync(path, 'utf8') !== was) return `${path} changed since it was read: run update again`;
  const tmp = `${path}.vessel-update-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return undefined;
}

/** Asks y/N on the terminal. */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Runs `update`; returns the exit status (0 written or nothing to do, 1 --check found changes or a recipe failed otherwise, 2 bad input). */
export async function updateCommand(paths: string[], opts: UpdateOptions): Promise<number> {
  if (paths.length === 0) throw usage('update: give at least one recipe file or directory');
  const engine = (opts.engine ?? hostBackend()) as EngineName;
  if (!ENGINE_NAMES.includes(engine)) throw usage(`--engine "${opts.engine}" is not an engine${didYouMean(opts.engine ?? '', ENGINE_NAMES)}`);
  if (engine !== hostBackend()) throw usage(`--engine ${engine} cannot run on this ${process.platform} host`);
  const { recipes, errors } = await loadAll(paths);
  for (const r of recipes) {
    if (!r.steps.some(isRunnable)) errors.push({ path: r.path, line: 1, message: 'no runnable step (sh, bash, shell, console or assert block)' });
    if (lstatSync(r.path).isSymbolicLink()) errors.push({ path: r.path, line: 1, message: 'is a symbolic link: update writes only regular files' });
  }
  if (printErrors(errors) > 0) return EXIT.usage;
  const color = Boolean(process.stdout.isTTY && !process.env.NO_COLOR);
  const reporters = makeReporters([], undefined, process.stdout, color, false, true, 1);
  const { results } = await runAll(recipes, { engine, keep: false, bail: false, reporters, keepGoingOnMismatch: true });
  let changed = 0;
  let failed = 0;
  const writes: { recipe: Recipe; text: string }[] = [];
  for (const [i, recipe] of recipes.entries()) {
    const r = results[i];
    if (!r) continue;
    const p = planUpdate(recipe, r);
    if (p.reason) {
      failed++;
      process.stderr.write(`update: ${p.reason}\n`);
      continue;
    }
    if (!p.text) continue;
    changed++;
    process.stdout.write(p.diff!);
    writes.push({ recipe, text: p.text });
  }
  if (opts.check) {
    process.stdout.write(changed ? `update --check: ${changed} recipe(s) would change\n` : 'update --check: every transcript matches\n');
    return changed || failed ? EXIT.failed : EXIT.ok;
  }
  if (writes.length && !opts.yes) {
    if (!process.stdin.isTTY) throw usage('update: not on a terminal, so nothing was written; give --yes to write, or --check to only compare');
    if (!(await confirm(`write ${writes.length} recipe(s)? [y/N] `))) {
      process.stdout.write('nothing written\n');
      return EXIT.failed;
    }
  }
  for (const w of writes) {
    const problem = writeBack(w.recipe.path, w.recipe.source, w.text);
    if (problem) {
      failed++;
      process.stderr.write(`update: ${problem}; nothing written to it\n`);
    } else process.stdout.write(`updated ${w.recipe.path}\n`);
  }
  if (!writes.length && !failed) process.stdout.write('every transcript matches; nothing to write\n');
  return failed ? EXIT.failed : EXIT.ok;
}
