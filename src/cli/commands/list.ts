// `vessel-cookbook list [DIR]`: path, title, summary, steps, engines and tags of each recipe.
import { usage } from '../../util/errors.js';
import { byShard, byTags, parseShard } from '../../harness/select.js';
import { defaultDir, EXIT, loadAll, printErrors } from '../common.js';

/** Lists recipes, optionally filtered by tag and shard. */
export async function listCommand(dir: string | undefined, opts: { tag: string[]; shard?: string; json?: boolean }): Promise<number> {
  const shard = opts.shard !== undefined ? parseShard(opts.shard) : undefined;
  if (typeof shard === 'string') throw usage(shard);
  const { recipes, errors } = await loadAll([dir ?? (await defaultDir())]);
  const chosen = byShard(byTags(recipes, opts.tag), shard);
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
