// Runs a console transcript command by command and matches each output with cram/scrut rules.
import type { ConsoleStep, ExpectedLine } from '../../recipe/model.js';
import { matchLines, outputLines, unifiedDiff, type DiffOp } from '../../match/transcript.js';
import type { RunContext } from '../context.js';
import { prepareShell, spawnShell } from '../shell.js';
import type { Attempt, AttemptLimits } from './attempt.js';
import { abnormalEnd, commitExports } from './sh.js';

/** The command as a person would see it typed: `$ ` then `> ` continuations. */
function promptLines(command: string): string[] {
  return command.split('\n').map((l, i) => (i === 0 ? `$ ${l}` : `> ${l}`));
}

/** Runs one attempt of a console block. */
export async function runConsole(ctx: RunContext, step: ConsoleStep, limits: AttemptLimits, path: string): Promise<Attempt> {
  const started = Date.now();
  const transcript: string[] = [];
  const ops: DiffOp[] = [];
  let failedAt: number | undefined;
  for (const [k, c] of step.commands.entries()) {
    const remaining = limits.timeoutMs - (Date.now() - started);
    const cmd = await prepareShell(ctx, `${step.id}-${k + 1}`, c.command, 'console', step.options.jail);
    if (typeof cmd === 'string') return { ok: false, output: transcript.join('\n'), failure: { kind: 'start', line: c.line, message: cmd } };
    const r = await spawnShell(ctx, cmd, { timeoutMs: Math.max(1, remaining), signal: limits.signal });
    const prompt = promptLines(c.command);
    transcript.push(...prompt);
    const actual = outputLines(r.output);
    transcript.push(...actual);
    const abnormal = abnormalEnd(r, c.line, limits, `the command on line ${c.line}`);
    if (abnormal) return { ...abnormal, output: transcript.join('\n') + '\n' };
    await commitExports(ctx, cmd.stateOut);
    prompt.forEach((p, i) => {
      const e: ExpectedLine = { line: c.line + i, text: p, mode: 'exact' };
      ops.push({ op: 'same', expected: e, actual: p });
    });
    const m = matchLines(c.expected, actual);
    ops.push(...m.ops);
    const rc = r.exitCode ?? 128;
    const showExit = c.exitLine !== undefined || c.exit !== 0;
    const exitOk = rc === c.exit;
    if (rc !== 0 || showExit) transcript.push(`[${rc}]`);
    const lastLine = c.expected.length ? c.expected[c.expected.length - 1]!.line : c.line + prompt.length - 1;
    const eExit: ExpectedLine = { line: c.exitLine ?? lastLine + 1, text: `[${c.exit}]`, mode: 'exact' };
    if (exitOk && showExit) ops.push({ op: 'same', expected: eExit, actual: eExit.text });
    else if (!exitOk) {
      if (showExit) ops.push({ op: 'del', expected: eExit });
      ops.push({ op: 'ins', actual: `[${rc}]`, actualIndex: actual.length });
    }
    if ((!m.ok || !exitOk) && failedAt === undefined) failedAt = c.line;
  }
  const output = transcript.join('\n') + '\n';
  if (failedAt === undefined) return { ok: true, output };
  const diff = unifiedDiff(ops, { path });
  return {
    ok: false,
    output,
    failure: { kind: 'mismatch', line: failedAt, message: `output of the command on line ${failedAt} does not match the transcript`, diff },
  };
}
