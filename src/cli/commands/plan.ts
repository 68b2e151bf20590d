// `vessel-cookbook plan --engine=NAME FILE...`: print what a backend would do on its host for each recipe's vessel commands.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EXIT, loadAll, printErrors } from '../common.js';
import { DEFAULT_SEED, planRecipe } from '../plan-recipe.js';
import { backendNamed } from '../../backends/registry.js';

/** Prints (or writes into --out) the plan of each recipe; exit 1 when a plan stops at a command that would fail. */
export async function planCommand(paths: string[], o: { engine?: string; seed?: string; out?: string }): Promise<number> {
  const engine = backendNamed(o.engine ?? 'freebsd').name;
  const { recipes, errors } = await loadAll(paths);
  if (printErrors(errors) > 0) return EXIT.usage;
  let code: number = EXIT.ok;
  for (const r of recipes) {
    const p = await planRecipe(r, o.seed ?? DEFAULT_SEED, engine);
    if (!p.ok) code = EXIT.failed;
    if (o.out) {
      mkdirSync(o.out, { recursive: true });
      writeFileSync(join(o.out, `${basename(r.path, '.md')}.${engine}.plan`), p.text);
    } else process.stdout.write(p.text);
  }
  return code;
}
