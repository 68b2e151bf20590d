// The index page of a cookbook run (pure): one row per recipe report, with its status and duration, linking to it.
import { esc, htmlHead, humanMs } from './html.js';

/** What the index needs of one report, read from its meta tags. */
export interface ReportEntry {
  file: string;
  title: string;
  path: string;
  status: string;
  durationMs: number;
  totals: string;
  engine: string;
}

/** Reads a report's entry from its `vessel:*` meta tags; undefined when the file is not a recipe report. */
export function readEntry(file: string, html: string): ReportEntry | undefined {
  const meta = (name: string) => {
    const m = new RegExp(`<meta name="vessel:${name}" content="([^"]*)">`).exec(html);
    return m
      ? m[1]!
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&')
      : undefined;
  };
  const status = meta('status');
  if (!status) return undefined;
  return {
    file,
    title: meta('title') ?? file,
    path: meta('path') ?? '',
    status,
    durationMs: Number(meta('duration-ms') ?? 0),
    totals: meta('totals') ?? '',
    engine: meta('engine') ?? '',
  };
}

/** The index page. */
export function indexHtml(entries: ReportEntry[], generatedAt: string): string {
  const count = (s: string) => entries.filter((e) => e.status === s).length;
  const total = entries.reduce((a, e) => a + e.durationMs, 0);
  return [
    htmlHead('Cookbook run — vessel-cookbook'),
    '<body><main>',
    '<h1>Cookbook run</h1>',
    `<div class="summary"><span>${entries.length} recipe(s)</span><span>${count('pass')} passed</span><span>${count('fail')} failed</span><span>${entries.length - count('pass') - count('fail')} other</span><span>${humanMs(total)} in all</span><span>${esc(generatedAt)}</span></div>`,
    '<div class="table-wrap"><table>',
    '<thead><tr><th>Recipe</th><th>Status</th><th>Steps</th><th class="num">Duration</th></tr></thead><tbody>',
    ...entries.map(
      (e) =>
        `<tr data-status="${esc(e.status)}"><td><a href="${esc(encodeURIComponent(e.file))}">${esc(e.title)}</a><br><code>${esc(e.path)}</code></td><td><span class="badge ${esc(e.status)}">${esc(e.status)}</span></td><td>${esc(e.totals)}</td><td class="num">${humanMs(e.durationMs)}</td></tr>`,
    ),
    '</tbody></table></div>',
    '</main></body></html>',
    '',
  ].join('\n');
}
