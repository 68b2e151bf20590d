// cram/scrut matching of expected transcript lines against actual output, with a unified diff on mismatch.
import { globToRegExp, reToRegExp } from '../recipe/console.js';
import type { ExpectedLine } from '../recipe/model.js';

/** One line of an alignment between expected and actual output. */
export type DiffOp =
  | { op: 'same'; expected: ExpectedLine; actual: string }
  | { op: 'absorbed'; expected: ExpectedLine; actual: string }
  | { op: 'del'; expected: ExpectedLine }
  | { op: 'ins'; actual: string; actualIndex: number };

/** The outcome of matching one command's output. */
export interface MatchResult {
  ok: boolean;
  ops: DiffOp[];
}

/** Splits captured output into lines, dropping the final newline's empty tail. */
export function outputLines(output: string): string[] {
  if (output === '') return [];
  const lines = output.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** True when one expected line matches one actual line (trailing spaces ignored). */
export function lineMatches(e: ExpectedLine, actual: string): boolean {
  const a = actual.replace(/\s+$/, '');
  switch (e.mode) {
    case 'exact':
      return e.text.replace(/\s+$/, '') === a;
    case 'any':
      return true;
    case 're':
      try {
        return reToRegExp(e.pattern!).test(a);
      } catch {
        return false;
      }
    case 'glob':
      return globToRegExp(e.pattern!).test(a);
  }
}

/** Aligns expected against actual lines with the fewest differences; `...` absorbs any run of lines. */
export function matchLines(expected: ExpectedLine[], actual: string[]): MatchResult {
  const n = expected.length;
  const m = actual.length;
  const W = m + 1;
  // cost[i*W+j]: fewest differing lines to align expected[i..] with actual[j..].
  const cost = new Int32Array((n + 1) * W);
  const memo = new Map<number, boolean>();
  const matches = (i: number, j: number) => {
    const k = i * W + j;
    let v = memo.get(k);
    if (v === undefined) {
      v = lineMatches(expected[i]!, actual[j]!);
      memo.set(k, v);
    }
    return v;
  };
  for (let j = m; j >= 0; j--) cost[n * W + j] = m - j;
  for (let i = n - 1; i >= 0; i--) {
    const any = expected[i]!.mode === 'any';
    cost[i * W + m] = cost[(i + 1) * W + m]! + (any ? 0 : 1);
    for (let j = m - 1; j >= 0; j--) {
      if (any) {
        cost[i * W + j] = Math.min(cost[(i + 1) * W + j]!, cost[i * W + j + 1]!);
      } else {
        let best = Math.min(1 + cost[(i + 1) * W + j]!, 1 + cost[i * W + j + 1]!);
        if (matches(i, j)) best = Math.min(best, cost[(i + 1) * W + j + 1]!);
        cost[i * W + j] = best;
      }
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const here = cost[i * W + j]!;
    if (i === n) {
      ops.push({ op: 'ins', actual: actual[j]!, actualIndex: j });
      j++;
    } else if (expected[i]!.mode === 'any') {
      if (j < m && cost[i * W + j + 1] === here) {
        ops.push({ op: 'absorbed', expected: expected[i]!, actual: actual[j]! });
        j++;
      } else i++;
    } else if (j < m && matches(i, j) && cost[(i + 1) * W + j + 1] === here) {
      ops.push({ op: 'same', expected: expected[i]!, actual: actual[j]! });
      i++;
      j++;
    } else if (cost[(i + 1) * W + j] === here - 1) {
      ops.push({ op: 'del', expected: expected[i]! });
      i++;
    } else {
      ops.push({ op: 'ins', actual: actual[j]!, actualIndex: j });
      j++;
    }
  }
  return { ok: cost[0] === 0, ops };
}

/** Renders a unified diff of an alignment; `-` lines carry their recipe line numbers in the hunk headers. */
export function unifiedDiff(ops: DiffOp[], opts: { path: string; title?: string; context?: number }): string {
  const context = opts.context ?? 3;
  const changed = ops.map((o) => o.op === 'del' || o.op === 'ins');
  if (!changed.includes(true)) return '';
  const out = [`--- expected ${opts.path}${opts.title ? ` (${opts.title})` : ''}`, '+++ actual output'];
  // Running positions: expected recipe line and actual output line (1-based) before each op.
  let eLine = 0;
  let aLine = 1;
  const pos = ops.map((o) => {
    if ('expected' in o) eLine = o.expected.line;
    const here = { e: eLine, a: aLine };
    if (o.op !== 'del') aLine++;
    return here;
  });
  let k = 0;
  while (k < ops.length) {
    if (!changed[k]) {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    let lastChange = k;
    // As GNU diff: changes at most 2×context unchanged lines apart share one hunk.
    while (end < ops.length && end - lastChange - 1 <= context * 2) {
      if (changed[end]) lastChange = end;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    const slice = ops.slice(start, end);
    const eCount = new Set(slice.filter((o) => o.op !== 'ins').map((o) => (o as { expected: ExpectedLine }).expected.line)).size;
    const aCount = slice.filter((o) => o.op !== 'del').length;
    const firstE = slice.find((o) => 'expected' in o) as { expected: ExpectedLine } | undefined;
    const eStart = firstE ? firstE.expected.line : pos[start]!.e + 1;
    out.push(`@@ -${eStart},${eCount} +${pos[start]!.a},${aCount} @@`);
    for (const o of slice) {
      if (o.op === 'same') out.push(` ${o.expected.text}`);
      else if (o.op === 'absorbed') out.push(` ${o.actual}`);
      else if (o.op === 'del') out.push(`-${o.expected.text}`);
      else out.push(`+${o.actual}`);
    }
    k = end;
  }
  return out.join('\n');
}
