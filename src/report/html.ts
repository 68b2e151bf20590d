// The HTML report of one recipe (pure): the recipe's own Markdown, each step with its state, time, output and
// failure, a summary header and the lab's topology. Self-contained: no scripts, fonts, styles or images from anywhere.
import MarkdownIt from 'markdown-it';
import type { Recipe } from '../recipe/model.js';
import { REPORT_CSS } from './html-style.js';
import { exerciseWords, type RecipeResult, type StepResult } from './model.js';
import { isPatternLine, patternMeaning } from './patterns.js';
import { capabilityNotes } from './topology.js';

/** Escapes text for HTML element content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A duration for people. */
export function humanMs(ms: number): string {
  // Rounded before the unit is chosen: 119.6 s is 2 min 0 s, never 1 min 60 s.
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.round(ms / 100) < 600) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}

const MARK: Record<string, string> = {
  pass: '✓ pass',
  fail: '✗ fail',
  skip: '○ skip',
  notrun: '· not run',
  unrunnable: '! unrunnable',
  interrupted: '! interrupted',
};

/** The document head shared by reports and the index. */
export function htmlHead(title: string, meta: Record<string, string> = {}): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load: no scripts at all, styles only inline, images only as data.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    ...Object.entries(meta).map(([k, v]) => `<meta name="${esc(k)}" content="${esc(v)}">`),
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
  ].join('\n');
}

/** A diff with added and removed lines marked. */
function diffHtml(diff: string): string {
  return diff
    .split('\n')
    .map((l) =>
      l.startsWith('+') && !l.startsWith('+++')
        ? `<span class="ins">${esc(l)}</span>`
        : l.startsWith('-') && !l.startsWith('---')
          ? `<span class="del">${esc(l)}</span>`
          : `${esc(l)}\n`,
    )
    .join('');
}

/** A console block with its matching patterns marked, so expected text and patterns look different. */
function consoleHtml(body: string): string {
  return body
    .split('\n')
    .map((l) => (isPatternLine(l) ? `<span class="pattern" title="${esc(patternMeaning(l))}">${esc(l)}</span>` : esc(l)))
    .join('\n');
}

/** One step's card: state, time, the block as written, what it printed, and why it failed. */
function stepCard(body: string, r: StepResult): string {
  const opts = r.jail ? ` jail=${r.jail}` : '';
  const parts = [
    `<section class="step ${r.status}" id="${esc(r.id)}" data-status="${r.status}">`,
    `<header><span class="badge ${r.status}">${MARK[r.status]}</span><code>${esc(`${r.id} ${r.lang}${opts}`)}</code><span>line ${r.line}</span><span class="time">${humanMs(r.durationMs)}</span>${r.attempts > 1 ? `<span>${r.attempts} attempts</span>` : ''}${r.background ? '<span>background</span>' : ''}${r.exercise ? `<span class="exercise ${r.exercise.outcome}">${esc(exerciseWords(r.exercise))}</span>` : ''}</header>`,
    `<pre class="block"><code>${r.kind === 'console' ? consoleHtml(body) : esc(body)}</code></pre>`,
  ];
  if (r.reason && r.status !== 'pass') parts.push(`<p class="reason">${esc(r.reason)}</p>`);
  if (r.output && r.kind !== 'file') parts.push('<div class="label">output</div>', `<pre class="output">${esc(r.output)}</pre>`);
  if (r.failure) {
    const f = r.failure;
    parts.push('<div class="failure">', `<p><strong>${esc(f.kind)}</strong> at line ${f.line}: ${esc(f.message)}</p>`);
    if (f.diff) parts.push(`<pre class="diff">${diffHtml(f.diff)}</pre>`);
    if (f.details?.length) parts.push('<ul class="details">', ...f.details.map((d) => `<li><code>${esc(d)}</code></li>`), '</ul>');
    parts.push('</div>');
  }
  if (r.commands?.length) parts.push('<details><summary>engine commands</summary>', `<pre>${esc(r.commands.join('\n'))}</pre>`, '</details>');
  parts.push('</section>');
  return parts.join('\n');
}

/** The recipe's Markdown as HTML, with each step's fence replaced by its card. Raw HTML in the recipe is shown as text. */
function recipeBody(recipe: Recipe, result: RecipeResult): string {
  const lines = recipe.source.split('\n');
  // Front matter is not prose: blank it (keeping line numbers, which steps refer to).
  if (recipe.hasFrontMatter) {
    const end = lines.indexOf('---', 1);
    for (let i = 0; i <= end; i++) lines[i] = '';
  }
  const byLine = new Map(result.steps.map((s) => [s.line, s]));
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const fallback = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const t = tokens[idx]!;
    const r = t.map ? byLine.get(t.map[0] + 1) : undefined;
    return r ? stepCard(t.content, r) + '\n' : fallback(tokens, idx, options, env, self);
  };
  // Links may only point inside the page or to the recipe's own neighbours: no scheme can fetch anything.
  md.validateLink = (url: string) => !/^[a-z][a-z0-9+.-]*:/i.test(url);
  return md.render(lines.join('\n'));
}

/** The whole report page. `svg` is the topology drawing (from Graphviz), or why there is none. */
export function recipeHtml(recipe: Recipe, result: RecipeResult, svg: { svg: string } | { error: string } | undefined): string {
  const t = { pass: 0, fail: 0, skip: 0, notrun: 0 };
  for (const s of result.steps) t[s.status]++;
  const title = result.title ?? recipe.meta.title ?? result.name;
  const notes = result.topology ? capabilityNotes(result.topology) : [];
  const figure = !result.topology
    ? ''
    : svg && 'svg' in svg
      ? `<figure class="topology">${svg.svg}<figcaption>The lab at the end of the run, before teardown: ${result.topology.networks.length} network(s), ${result.topology.jails.length} jail(s).</figcaption></figure>`
      : `<p class="reason">No topology diagram: ${esc(svg && 'error' in svg ? svg.error : 'not rendered')}.</p>`;
  return [
    htmlHead(`${title} — vessel-cookbook`, {
      'vessel:status': result.status,
      'vessel:title': title,
      'vessel:path': result.path,
      'vessel:duration-ms': String(result.durationMs),
      'vessel:engine': result.engine,
      'vessel:totals': `${t.pass} passed, ${t.fail} failed, ${t.skip} skipped, ${t.notrun} not run`,
    }),
    '<body><main>',
    '<header class="report">',
    `<h1>${esc(title)}</h1>`,
    (result.summary ?? recipe.meta.summary) ? `<p>${esc(result.summary ?? recipe.meta.summary ?? '')}</p>` : '',
    `<div class="summary"><span class="badge ${result.status}">${MARK[result.status] ?? esc(result.status)}</span><code>${esc(result.path)}</code><span>engine ${esc(result.engine)}</span>${result.lab ? `<span>lab ${esc(result.lab)}</span>` : ''}<span>${humanMs(result.durationMs)}</span><span>${esc(result.startedAt)}</span></div>`,
    `<p class="totals"><span>${t.pass} passed</span><span>${t.fail} failed</span><span>${t.skip} skipped</span><span>${t.notrun} not run</span></p>`,
    result.reason ? `<p class="reason">${esc(result.reason)}</p>` : '',
    notes.length ? `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '',
    figure,
    '</header>',
    '<article>',
    recipeBody(recipe, result),
    '</article>',
    '</main></body></html>',
    '',
  ].join('\n');
}
