// `update` (pure): the smallest rewrite of a recipe's console expectations that makes them match what ran.
// Expected lines that still match stay exactly as written (patterns too); only failing lines are replaced;
// prose, other blocks, options, line endings and the final newline are untouched.
import { matchLines } from './transcript.js';
import type { ConsoleStep, ExpectedLine, Recipe } from '../recipe/model.js';

/** One command as it ran. */
export interface RanCommand {
  line: number;
  actual?: string[];
  exit: number;
}

/** A replaced range of source lines (1-based, inclusive start, exclusive end) and its new lines. */
export interface Edit {
  from: number;
  to: number;
  lines: string[];
}

/**
 * Writes an actual output line so the transcript reads it back as exactly that line. A line that would read as
 * transcript or Markdown syntax becomes an exact ` (re)` line instead: a command (`$`), a continuation (`>`), `...`,
 * a pattern, an exit status `[N]`, or a fence that would close the block.
 */
export function literalLine(actual: string): string {
  const a = actual.replace(/\s+$/, '');
  const special =
    a === '$' ||
    a.startsWith('$ ') ||
    a.startsWith('$\t') ||
    a === '>' ||
    a.startsWith('> ') ||
    a === '...' ||
    / \((re|glob)\)$/.test(a) ||
    /^\[\d+\]$/.test(a) ||
    /^ {0,3}(`{3,}|~{3,})/.test(a);
  if (!special) return a;
  // Escaped for RE2; a leading `>` goes in a class, so the line no longer starts with `> `.
  const body = a.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/^>/, '[>]');
  return `${body} (re)`;
}

/** The new expected lines of one command (without its `[N]`), keeping every expected line that still matches. */
function newExpected(expected: ExpectedLine[], actual: string[]): string[] {
  const m = matchLines(expected, actual);
  const seen = new Set<ExpectedLine>();
  const out: string[] = [];
  // A `...` that absorbed nothing has no op: it is kept where it stood.
  const flushUntil = (e: ExpectedLine | undefined) => {
    for (const x of expected) {
      if (x === e) break;
      if (!seen.has(x) && x.mode === 'any') {
        seen.add(x);
        out.push(x.text);
      } else seen.add(x);
    }
  };
  for (const op of m.ops) {
    if (op.op === 'ins') {
      out.push(literalLine(op.actual));
      continue;
    }
    flushUntil(op.expected);
    if (seen.has(op.expected) && op.op !== 'same' && op.op !== 'absorbed') continue;
    if (op.op === 'del') {
      seen.add(op.expected);
      continue;
    }
    if (op.op === 'absorbed' && seen.has(op.expected)) continue;
    seen.add(op.expected);
    out.push(op.expected.text);
  }
  flushUntil(undefined);
  return out;
}

/** The source lines (1-based) a command's expected output spans: after its prompt lines, up to the next command or fence. */
function span(step: ConsoleStep, k: number, sourceLines: string[]): { from: number; to: number } {
  const c = step.commands[k]!;
  let from = c.line + 1;
  while (from < step.endLine && /^> /.test(sourceLines[from - 1] ?? '')) from++;
  const next = step.commands[k + 1];
  return { from, to: next ? next.line : step.endLine };
}

/** The edits that make a console step's commands match what they printed; none when they already do. */
export function consoleEdits(step: ConsoleStep, ran: RanCommand[], sourceLines: string[]): Edit[] | string {
  const edits: Edit[] = [];
  for (const [k, c] of step.commands.entries()) {
    const r = ran.find((x) => x.line === c.line);
    if (!r) continue;
    if (!r.actual) return `the command on line ${c.line} printed too much to rewrite its expected output`;
    const lines = newExpected(c.expected, r.actual);
    if (r.exit !== 0) lines.push(`[${r.exit}]`);
    const { from, to } = span(step, k, sourceLines);
    const old = sourceLines.slice(from - 1, to - 1).map((l) => l.replace(/\r$/, ''));
    if (sameLines(lines, old)) continue;
    edits.push({ from, to, lines });
  }
  return edits;
}

/** True when the new lines say what the old ones did (nothing to write). */
function sameLines(lines: string[], old: string[]): boolean {
  return lines.length === old.length && lines.every((l, i) => l === old[i]!.replace(/\s+$/, '') || l === old[i]);
}

/** Applies edits to the source: line endings as the file has them, the final newline kept. */
export function applyEdits(source: string, edits: Edit[]): string {
  const lines = source.split('\n');
  const crlf = lines.length > 1 && lines.slice(0, -1).every((l) => l.endsWith('\r'));
  for (const e of [...edits].sort((a, b) => b.from - a.from)) {
    lines.splice(e.from - 1, e.to - e.from, ...e.lines.map((l) => (crlf ? `${l}\r` : l)));
  }
  return lines.join('\n');
}

/** A readable diff of edits: each replaced range with its line numbers. */
export function editsDiff(path: string, source: string, edits: Edit[]): string {
  const lines = source.split('\n').map((l) => l.replace(/\r$/, ''));
  const out = [`--- ${path}`, `+++ ${path} (updated)`];
  for (const e of [...edits].sort((a, b) => a.from - b.from)) {
    out.push(`@@ -${e.from},${e.to - e.from} +${e.from},${e.lines.length} @@`);
    for (const l of lines.slice(e.from - 1, e.to - 1)) out.push(`-${l}`);
    for (const l of e.lines) out.push(`+${l}`);
  }
  return `${out.join('\n')}\n`;
}

/** Every edit of a recipe, from its console steps' outcomes (by step line); or the first reason it cannot be. */
export function recipeEdits(recipe: Recipe, ran: Map<number, RanCommand[]>): Edit[] | string {
  const sourceLines = recipe.source.split('\n');
  const edits: Edit[] = [];
  for (const s of recipe.steps) {
    if (s.kind !== 'console') continue;
    const r = ran.get(s.line);
    if (!r) continue;
    const e = consoleEdits(s, r, sourceLines);
    if (typeof e === 'string') return e;
    edits.push(...e);
  }
  return edits;
}
