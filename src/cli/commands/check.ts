// `vessel-cookbook check FILE...`: report every problem in every recipe, exit 2 if any.
import { usage } from '../../util/errors.js';
import { EXIT, loadAll, printErrors } from '../common.js';

/** Checks the files; prints each problem as path:line: message. */
export async function checkCommand(paths: string[], opts: { quiet?: boolean }): Promise<number> {
  if (paths.length === 0) throw usage('check: give at least one recipe file or directory');
  const { recipes, errors } = await loadAll(paths);
  if (printErrors(errors) > 0) {
    const files = new Set(errors.map((e) => e.path)).size;
    if (errors.length > 1) process.stderr.write(`${errors.length} error(s) in ${files} file(s)\n`);
    return EXIT.usage;
  }
  if (!opts.quiet) for (const r of recipes) process.stdout.write(`${r.path}: ok (${r.steps.length} steps)\n`);
  return EXIT.ok;
}
