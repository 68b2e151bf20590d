// Runs a console transcript command by command and matches each output with cram/scrut rules.
import type { ConsoleStep, ExpectedLine } from '../../recipe/model.js';
import { matchLines, outputLines, unifiedDiff, type DiffOp } from '../../match/transcript.js';
import { readFileSync } from 'node:fs';
import { StreamMatcher } from '../../match/stream.js';
import { forEachLine, MAX_LINE_BYTES } from '../../exec/output.js';
import type { RunContext } from '../context.js';
import { prepareShell, spawnShell } from '../shell.js';
import type { Attempt, AttemptLimits } from './attempt.js';
import type { ConsoleOutcome } from '../../report/model.js';
import { abnormalEnd, commitExports } from './sh.js';

/** The command as a person would see it typed: `$ ` then `> ` continuations. */
function promptLines(command: string): string[] {
  return command.split('\n').map((l, i) => (i === 0 ? `$ ${l}` : `> ${l}`));
}

/** Outputs up to this size are matched in memory with the full alignment; larger ones are streamed. */
export const SMALL_OUTPUT_BYTES = 4 * 1024 * 1024;

/** Lines of actual output shown around the place where a large output stopped matching. */
const WINDOW = 40;
/** Longest line shown in such a window. */
const SHOWN_LINE = 1000;

/**
 * Matches a large output against the expected lines while reading it once from its file, in bounded memory.
 * A mismatch is shown as the alignment of the expected lines with the actual lines around where the match stopped.
 */
function matchLarge(expected: ExpectedLine[], file: string): { ok: boolean; ops: DiffOp[]; lines: number } {
  const sm = new StreamMatcher(expected);
  const { cut } = forEachLine(file, (l, _i, isCut) => sm.push(l, isCut));
  const out = sm.finish();
  if (out.ok) {
    const ops: DiffOp[] = expected.map((e) =>
      e.mode === 'any'
        ? { op: 'absorbed', expected: e, actual: `[... ${out.lines} output lines matched in all ...]` }
        : { op: 'same', expected: e, actual: e.text },
    );
    return { ok: true, ops, lines: out.lines };
  }
  // The window starts right after the last line the partial match used (at the start when nothing matched).
  const from = out.reached === 0 ? 0 : out.reachedAt + 1;
  const window: string[] = [];
  // Lines in the window are shown at most SHOWN_LINE characters long, marked when longer or cut.
  forEachLine(file, (l, i, isCut) => {
    if (i >= from && i < from + WINDOW)
      window.push(
        l.length > SHOWN_LINE || isCut
          ? `${l.slice(0, SHOWN_LINE)}[... line of ${isCut ? `over ${MAX_LINE_BYTES} bytes` : `${l.length} characters`} cut ...]`
          : l,
      );
  });
  const m = matchLines(expected.slice(out.reached), window);
  const cutNote = cut > 0 ? `; ${cut} line(s) longer than ${MAX_LINE_BYTES} bytes, which only ... can match` : '';
  const note: DiffOp = {
    op: 'ins',
    actual: `[the output has ${out.lines} lines${cutNote}; expected lines up to recipe line ${expected[out.reached - 1]?.line ?? '-'} matched; shown: actual lines ${from + 1}-${from + window.length}]`,
    actualIndex: from,
  };
  const matched: DiffOp[] = expected
    .slice(0, out.reached)
    .map((e) => (e.mode === 'any' ? { op: 'absorbed', expected: e, actual: '[...]' } : { op: 'same', expected: e, actual: e.text }));
  return { ok: false, ops: [...matched, note, ...m.ops], lines: out.lines };
}

/** Runs one attempt of a console block. */
export async function runConsole(ctx: RunContext, step: ConsoleStep, limits: AttemptLimits, path: string): Promise<Attempt> {
  const started = Date.now();
  const transcript: string[] = [];
  const outcomes: ConsoleOutcome[] = [];
  const ops: DiffOp[] = [];
  let failedAt: number | undefined;
  for (const [k, c] of step.commands.entries()) {
    const remaining = limits.timeoutMs - (Date.now() - started);
    const cmd = await prepareShell(ctx, `${step.id}-${k + 1}`, c.command, 'console', step.options.jail);
    if (typeof cmd === 'string') return { ok: false, output: transcript.join('\n'), failure: { kind: 'start', line: c.line, message: cmd } };
    const r = await spawnShell(ctx, cmd, { timeoutMs: Math.max(1, remaining), signal: limits.signal });
    const prompt = promptLines(c.command);
    for (const p of prompt) transcript.push(p);
    // The transcript in reports shows the output's excerpt; matching reads the whole output from its file.
    const shown = outputLines(r.output);
    for (const l of shown) transcript.push(l);
    const abnormal = abnormalEnd(r, c.line, limits, `the command on line ${c.line}`);
    if (abnormal) return { ...abnormal, output: transcript.join('\n') + '\n' };
    const refused = await commitExports(ctx, cmd);
    if (refused)
      return {
        ok: false,
        output: transcript.join('\n') + '\n',
        failure: { kind: 'exit', line: c.line, message: `the command on line ${c.line} ran, but ${refused}` },
      };
    prompt.forEach((p, i) => {
      const e: ExpectedLine = { line: c.line + i, text: p, mode: 'exact' };
      ops.push({ op: 'same', expected: e, actual: p });
    });
    let m: { ok: boolean; ops: DiffOp[] };
    let lineCount: number;
    if (r.outputBytes <= SMALL_OUTPUT_BYTES) {
      const all = r.outputBytes === Buffer.byteLength(r.output) ? shown : outputLines(readFileSync(cmd.outputFile, 'utf8'));
      m = matchLines(c.expected, all);
      lineCount = all.length;
      outcomes.push({ line: c.line, actual: all, exit: r.exitCode ?? 128 });
    } else {
      const big = matchLarge(c.expected, cmd.outputFile);
      m = big;
      lineCount = big.lines;
      outcomes.push({ line: c.line, exit: r.exitCode ?? 128 });
    }
    for (const op of m.ops) ops.push(op);
    const rc = r.exitCode ?? 128;
    const showExit = c.exitLine !== undefined || c.exit !== 0;
    const exitOk = rc === c.exit;
    if (rc !== 0 || showExit) transcript.push(`[${rc}]`);
    const lastLine = c.expected.length ? c.expected[c.expected.length - 1]!.line : c.line + prompt.length - 1;
    const eExit: ExpectedLine = { line: c.exitLine ?? lastLine + 1, text: `[${c.exit}]`, mode: 'exact' };
    if (exitOk && showExit) ops.push({ op: 'same', expected: eExit, actual: eExit.text });
    else if (!exitOk) {
      if (showExit) ops.push({ op: 'del', expected: eExit });
      ops.push({ op: 'ins', actual: `[${rc}]`, actualIndex: lineCount });
    }
    if ((!m.ok || !exitOk) && failedAt === undefined) failedAt = c.line;
  }
  const output = transcript.join('\n') + '\n';
  if (failedAt === undefined) return { ok: true, output, transcript: outcomes };
  const diff = unifiedDiff(ops, { path });
  return {
    ok: false,
    output,
    transcript: outcomes,
    failure: { kind: 'mismatch', line: failedAt, message: `output of the command on line ${failedAt} does not match the transcript`, diff },
  };
}
