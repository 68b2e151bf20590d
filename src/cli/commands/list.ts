// `vessel-cookbook list [DIR]`: path, title, summary, steps, engines and tags of each recipe.
import { usage } from '../../util/errors.js';
import { byShard, byTags, parseShard } from '../../harness/select.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inLearningOrder } from '../../recipe/learning-order.js';
import { defaultDir, EXIT, loadAll, printErrors } from '../common.js';

/** A folder's README.md, whose links give its recipes' learning order, or undefined. */
function readmeOf(dir: string): string | undefined {
  const f = join(dir, 'README.md');
  try {
    return statSync(dir).isDirectory() && existsSync(f) ? readFileSync(f, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Lists recipes, optionally filtered by tag and shard. */
export async function listCommand(dir: string | undefined, opts: { tag: string[]; shard?: string; json?: boolean }): Promise<number> {
  const shard = opts.shard !== undefined ? parseShard(opts.shard) : undefined;
  if (typeof shard === 'string') throw usage(shard);
  const where = dir ?? (await defaultDir());
  const { recipes, errors } = await loadAll([where]);
  // In the order of the folder's map (cookbook/README.md), the learning path; shards still split by path.
  const chosen = inLearningOrder(byShard(byTags(recipes, opts.tag), shard), readmeOf(where));
  const rows = chosen.map((r) => ({
    path: r.path,
    title: r.meta.title ?? '',
    summary: r.meta.summary ?? '',
    steps: r.steps.length,
    engines: r.meta.engines,
    tags: r.meta.tags,
  }));
  if (opts.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else {
    for (const r of rows) {
      process.stdout.write(`${r.path}\n  ${r.title || '(no title)'}${r.summary ? ` — ${r.summary}` : ''}\n`);
      process.stdout.write(`  steps: ${r.steps}  engines: ${r.engines.join(', ')}  tags: ${r.tags.join(', ') || '-'}\n`);
    }
    process.stdout.write(`${rows.length} recipe(s)\n`);
  }
  if (errors.length > 0) {
    printErrors(errors);
    return EXIT.usage;
  }
  return EXIT.ok;
}
