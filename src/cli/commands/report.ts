// `vessel-cookbook report DIR`: an index page for a whole cookbook run's HTML reports.
import { usage } from '../../util/errors.js';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexHtml, readEntry } from '../../report/index-page.js';
import { EXIT } from '../common.js';

/** Writes DIR/index.html; exit 2 when DIR has no recipe reports. */
export async function reportCommand(dir: string): Promise<number> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usage(`report: ${dir} is not a directory (give the --out DIR of a run with --reporter html)`);
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.html') && f !== 'index.html')
    .sort()
    .map((f) => readEntry(f, readFileSync(join(dir, f), 'utf8')))
    .filter((e) => e !== undefined);
  if (entries.length === 0) throw usage(`report: no recipe reports in ${dir} (run with --reporter html --out ${dir} first)`);
  const out = join(dir, 'index.html');
  writeFileSync(out, indexHtml(entries, new Date().toISOString()));
  process.stdout.write(`${out}: ${entries.length} recipe report(s)\n`);
  return EXIT.ok;
}
