// GitHub Actions (pure): workflow commands that mark failed steps and assertions on the recipe's lines, and the
// Markdown job summary. Escaping as GitHub's workflow-commands documentation requires.
import { formatDuration } from '../recipe/duration.js';
import type { RecipeResult, StepResult } from './model.js';
import { totals } from './model.js';

/** Escapes a workflow command's message: `%`, `\r`, `\n`. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as data, and `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error file=PATH,line=N,title=TITLE::MESSAGE` line. */
export function errorCommand(a: { file: string; line: number; title: string; message: string }): string {
  return `::error file=${escapeProperty(a.file)},line=${a.line},title=${escapeProperty(a.title)}::${escapeData(a.message)}`;
}

/** Most lines of a diff an annotation or the summary carries. */
const DIFF_LINES = 12;

/** The first lines of a diff, without its `---`/`+++` header. */
function diffHead(diff: string): string[] {
  return diff
    .split('\n')
    .filter((l) => !l.startsWith('--- ') && !l.startsWith('+++ '))
    .slice(0, DIFF_LINES);
}

/** The failing assertions of an assert step's failure details (`L<line> text`, then indented details). */
function failingAssertions(s: StepResult): { line: number; text: string; details: string[] }[] {
  const out: { line: number; text: string; details: string[] }[] = [];
  for (const d of s.failure?.details ?? []) {
    const m = /^L(\d+) (.*)$/.exec(d);
    if (m) out.push({ line: Number(m[1]), text: m[2]!, details: [] });
    else if (out.length) out.at(-1)!.details.push(d.trim());
  }
  return out;
}

/** The workflow commands for one recipe's failures: one per failed step, one per failing assertion. */
export function annotations(r: RecipeResult): string[] {
  const out: string[] = [];
  for (const s of r.steps) {
    if (s.status !== 'fail' || !s.failure) continue;
    const failing = s.kind === 'assert' ? failingAssertions(s) : [];
    if (failing.length) {
      for (const a of failing)
        out.push(errorCommand({ file: r.path, line: a.line, title: `${r.name}: ${a.text}`, message: [a.text, ...a.details].join('\n') }));
      continue;
    }
    const diff = s.failure.diff ? `\n${diffHead(s.failure.diff).join('\n')}` : '';
    out.push(errorCommand({ file: r.path, line: s.failure.line, title: `${r.name}: step ${s.id} (${s.kind})`, message: `${s.failure.message}${diff}` }));
  }
  if (r.status === 'fail' && out.length === 0)
    out.push(errorCommand({ file: r.path, line: 1, title: `${r.name}: failed`, message: r.reason ?? 'the recipe failed' }));
  return out;
}

/** A status in the summary. */
function statusCell(s: RecipeResult['status']): string {
  return { pass: '✅ pass', fail: '❌ fail', skip: '⏭️ skip', unrunnable: '⚠️ cannot run here', interrupted: '⏹️ interrupted', notrun: '· not run' }[s];
}

/** A table cell: no pipes or newlines. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown job summary: every recipe with its status and duration, then each failure with its first diff lines. */
export function jobSummary(results: RecipeResult[]): string {
  const t = totals(results);
  const failed = results.filter((r) => r.status === 'fail');
  const lines = [
    `## vessel-cookbook: ${results.filter((r) => r.status === 'pass').length} passed, ${failed.length} failed of ${results.length} recipe(s)`,
    '',
    `Steps: ${t.pass} passed, ${t.fail} failed, ${t.skip} skipped, ${t.notrun} not run.`,
    '',
    '| recipe | engine | status | duration |',
    '| --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| \`${cell(r.path)}\` | ${cell(r.engine)} | ${statusCell(r.status)}${r.reason && r.status !== 'pass' ? ` (${cell(r.reason)})` : ''} | ${formatDuration(r.durationMs)} |`,
    ),
  ];
  for (const r of failed) {
    lines.push('', `### ❌ \`${r.path}\``);
    for (const s of r.steps.filter((x) => x.status === 'fail' && x.failure)) {
      lines.push('', `\`${r.path}:${s.failure!.line}\`: ${s.failure!.message}`);
      if (s.failure!.diff) lines.push('', '```diff', ...diffHead(s.failure!.diff), '```');
      else if (s.failure!.details?.length) lines.push('', '```', ...s.failure!.details.slice(0, DIFF_LINES), '```');
    }
  }
  return `${lines.join('\n')}\n`;
}
