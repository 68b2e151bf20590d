// Background blocks: started and left running, watched for an exit, and judged by how they ended.
import type { ShStep } from '../recipe/model.js';
import { formatDuration } from '../recipe/duration.js';
import type { Failure } from '../report/model.js';
import { readExcerpt } from '../exec/output.js';
import { tailLines } from '../report/labels.js';
import type { BackgroundStep, RunContext } from './context.js';
import { prepareShell, spawnShell } from './shell.js';
import type { Attempt } from './steps/attempt.js';

/** How long a new background block is watched before the run goes on: an exit in this time fails its own step. */
export const EARLY_EXIT_MS = 1000;

function how(end: NonNullable<BackgroundStep['end']>): string {
  return end.signal ? `was killed by ${end.signal}` : `exited with status ${end.exitCode}`;
}

/**
 * Judges a background block that has ended, once: a failure is a non-zero status, or a signal that its jail's
 * stop or destruction by the recipe does not explain (that end is recorded as its note).
 */
function judge(ctx: RunContext, b: BackgroundStep): boolean {
  const end = b.end!;
  b.settled = true;
  if (b.jail && (end.signal === 'SIGKILL' || end.signal === 'SIGTERM')) {
    const j = ctx.jailState(b.jail);
    // (a stop a moment before the end: the jail may have been started again since)
    if (!j) b.note = `it ended (${end.signal}) because its jail ${b.jail} was destroyed`;
    else if (j.stoppedAt !== undefined && j.stoppedAt >= b.started && j.stoppedAt <= end.at + 10_000)
      b.note = `it ended (${end.signal}) because its jail ${b.jail} was stopped`;
    if (b.note) return false;
  }
  return Boolean(end.signal) || (end.exitCode ?? 1) !== 0;
}

/** The output of a background block so far, bounded, for reports. */
export function backgroundOutput(ctx: RunContext, b: BackgroundStep): string {
  return readExcerpt(b.outputFile, ctx.keep ? { wholeAt: b.outputFile } : {}).text;
}

/** Starts a `background` sh block, records it, and watches its first second: an exit then is judged now. */
export async function startBackground(ctx: RunContext, step: ShStep): Promise<Attempt> {
  const cmd = await prepareShell(ctx, step.id, step.body, 'sh', step.options.jail);
  if (typeof cmd === 'string') return { ok: false, output: '', failure: { kind: 'start', line: step.line, message: cmd } };
  const r = await spawnShell(ctx, cmd, { timeoutMs: step.options.timeoutMs, detachOnly: true });
  if (r.startError || r.pid === undefined || !r.done) {
    return {
      ok: false,
      output: '',
      failure: { kind: 'start', line: step.line, message: `the background block could not start: ${r.startError ?? 'no process'}` },
    };
  }
  const b: BackgroundStep = {
    pgid: r.pid,
    marker: cmd.marker,
    stepId: step.id,
    line: step.line,
    ...(step.options.jail ? { jail: step.options.jail } : {}),
    outputFile: cmd.outputFile,
    started: Date.now(),
    settled: false,
  };
  void r.done.then((e) => {
    b.end = { ...e, at: Date.now() };
  });
  ctx.background.push(b);
  await Promise.race([r.done, new Promise((res) => setTimeout(res, EARLY_EXIT_MS))]);
  // Let the `then` above record the end before looking at it.
  await new Promise((res) => setImmediate(res));
  // (what a passing block printed, and how it ended, go into its result at teardown)
  if (!b.end || !judge(ctx, b)) return { ok: true, output: `started in the background (pid ${r.pid}); it is stopped at teardown` };
  return {
    ok: false,
    output: backgroundOutput(ctx, b),
    failure: {
      kind: 'exit',
      line: step.line,
      message: `the background block ${how(b.end)} ${formatDuration(b.end.at - b.started)} after it started (a background block is expected to keep running)`,
    },
  };
}

/** A background block that has ended badly since it was started, as a failure (once each); undefined if none. */
export function backgroundFailure(ctx: RunContext): { b: BackgroundStep; failure: Failure; output: string } | undefined {
  for (const b of ctx.background) {
    if (b.settled || !b.end || !judge(ctx, b)) continue;
    const output = backgroundOutput(ctx, b);
    const tail = tailLines(output, 10);
    const message = `the background block (${b.stepId}, line ${b.line}) ${how(b.end)} ${formatDuration(b.end.at - b.started)} after it started${tail.length ? `; its output ends: ${tail[tail.length - 1]}` : '; it printed nothing'}`;
    return { b, failure: { kind: 'exit', line: b.line, message, details: tail.map((l) => `| ${l}`) }, output };
  }
  return undefined;
}
