// Runs one step: skip rules, the retry loop (eventually/retry=, always for assert), timeouts, result.
import type { Recipe, Step } from '../recipe/model.js';
import { formatDuration } from '../recipe/duration.js';
import type { StepResult } from '../report/model.js';
import { emit, type Reporter } from '../report/reporter.js';
import type { RunContext } from './context.js';
import type { Attempt, AttemptLimits } from './steps/attempt.js';
import { runConsole } from './steps/console.js';
import { writeFileStep } from './steps/file.js';
import { runSh } from './steps/sh.js';
import { startBackground } from './background.js';
import { runAssert } from './steps/assert.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diskFullProblem, isNoSpace } from './disk.js';
import { splitWords } from '../util/words.js';
import { displayArg } from '../util/display-arg.js';

/** Why a step will not run here, or undefined when it runs. */
export function skipReason(step: Step, engine: string, only?: ReadonlySet<string>): string | undefined {
  if (step.options.skip) return 'marked skip';
  if (step.options.engine && step.options.engine !== engine) return `engine=${step.options.engine}; this run uses ${engine}`;
  if (only && !only.has(step.id)) return 'not selected by --only';
  return undefined;
}

async function attemptOnce(ctx: RunContext, recipe: Recipe, step: Step, limits: AttemptLimits): Promise<Attempt> {
  switch (step.kind) {
    case 'sh':
      return runSh(ctx, step, limits);
    case 'console':
      return runConsole(ctx, step, limits, recipe.path);
    case 'file':
      return writeFileStep(ctx, step);
    case 'assert':
      return runAssert(ctx, step);
  }
}

/** Points the engine's command log (in-process and in `vessel` children) at a fresh file for one attempt. */
function startCommandLog(ctx: RunContext, step: Step): string {
  const file = join(ctx.privdir, `${String(++ctx.seq).padStart(4, '0')}-${step.id}.commands`);
  writeFileSync(file, '');
  ctx.env.VESSEL_COMMAND_LOG = file;
  ctx.setCommandLog(file);
  return file;
}

/** The commands an attempt logged, one entry per command (batches keep their input). */
function readCommandLog(ctx: RunContext, file: string): string[] {
  ctx.setCommandLog(undefined);
  delete ctx.env.VESSEL_COMMAND_LOG;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('    ') || line === 'EOF') out[out.length - 1] += `\n${line}`;
    else out.push(labelEntry(ctx, line));
  }
  return out;
}

/** A logged command with the place it runs put first (`[in jail web] CMD`), as its backend tells it. */
function labelEntry(ctx: RunContext, line: string): string {
  // A service start keeps its redirection and cgroup note, a batch its here-document marker.
  const sfx = / >>\S+ 2>&1 &( {3}# .*)?$| <<EOF$/.exec(line);
  const head = sfx ? line.slice(0, sfx.index) : line;
  const args = splitWords(head);
  const e = args && ctx.entryOf?.(args);
  return e ? `[${e.where}] ${e.rest.map(displayArg).join(' ')}${sfx ? sfx[0] : ''}` : line;
}

/** Waits `ms`, or less when `signal` aborts; its abort listener goes with it either way. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Runs `step` to completion (with retries) and returns its result; emits step events. */
export async function runStep(ctx: RunContext, recipe: Recipe, step: Step, reporters: Reporter[]): Promise<StepResult> {
  const base = {
    id: step.id,
    line: step.line,
    kind: step.kind,
    lang: step.lang,
    ...(step.options.jail !== undefined ? { jail: step.options.jail } : {}),
    ...(step.heading !== undefined ? { heading: step.heading } : {}),
  };
  await emit(reporters, 'onStepStart', recipe, step);
  const started = Date.now();
  if (step.kind === 'sh' && step.options.background) {
    const a = await startBackground(ctx, step).catch((e: unknown): Attempt => {
      if (!isNoSpace(e)) throw e;
      return {
        ok: false,
        output: '',
        failure: { kind: 'start', line: step.line, message: `the background block could not start: no space left on device in ${ctx.workdir}` },
      };
    });
    return {
      ...base,
      status: a.ok ? 'pass' : 'fail',
      durationMs: Date.now() - started,
      attempts: 1,
      output: a.output,
      background: true,
      ...(a.failure ? { failure: a.failure } : {}),
    };
  }
  const retryMs = step.kind === 'assert' ? (step.options.retryMs ?? step.options.timeoutMs) : step.options.retryMs;
  const retryUntil = retryMs === undefined ? 0 : started + retryMs;
  let attempts = 0;
  let last: Attempt;
  let commands: string[] = [];
  let pause = 200;
  for (;;) {
    attempts++;
    const left = ctx.deadline - Date.now();
    const limits: AttemptLimits = {
      timeoutMs: Math.max(1, Math.min(step.options.timeoutMs, left)),
      recipeDeadline: left < step.options.timeoutMs,
      signal: ctx.signal,
    };
    try {
      const log = startCommandLog(ctx, step);
      last = await attemptOnce(ctx, recipe, step, limits);
      commands = readCommandLog(ctx, log);
    } catch (e) {
      if (!isNoSpace(e)) throw e;
      last = {
        ok: false,
        output: '',
        retryable: false,
        failure: { kind: 'start', line: step.line, message: `the step could not run: no space left on device in ${ctx.workdir}` },
      };
    }
    // A step that failed because the work directory's disk is full says so: its output may be missing for that reason.
    const full = last.ok ? undefined : diskFullProblem(ctx.workdir);
    if (full && last.failure && !last.failure.message.includes('no space left'))
      last.failure = { ...last.failure, message: `${last.failure.message}; ${full}` };
    if (last.ok || last.retryable === false || ctx.signal.aborted) break;
    if (last.failure?.kind === 'recipe-timeout' || last.failure?.kind === 'interrupted') break;
    if (Date.now() + pause >= retryUntil) break;
    await emit(reporters, 'onStepRetry', recipe, step, attempts + 1, last.failure?.message ?? 'failed');
    await sleep(pause, ctx.signal);
    pause = Math.min(2000, Math.round(pause * 1.5));
  }
  const result: StepResult = { ...base, status: last.ok ? 'pass' : 'fail', durationMs: Date.now() - started, attempts, output: last.output };
  if (last.transcript) result.transcript = last.transcript;
  if (commands.length > 0) result.commands = commands;
  if (last.failure) {
    const f = { ...last.failure };
    if (attempts > 1 && retryMs !== undefined) f.message = `${f.message} (after ${attempts} attempts over ${formatDuration(Date.now() - started)})`;
    result.failure = f;
  }
  return result;
}

/** The check of an exercise, evaluated once: no retries, at most 10 s (contract, Exercises), no step events. */
export async function checkOnce(ctx: RunContext, recipe: Recipe, step: Step): Promise<Attempt> {
  const left = ctx.deadline - Date.now();
  const limits: AttemptLimits = { timeoutMs: Math.max(1, Math.min(10_000, step.options.timeoutMs, left)), recipeDeadline: left < 10_000, signal: ctx.signal };
  const log = startCommandLog(ctx, step);
  try {
    return await attemptOnce(ctx, recipe, step, limits);
  } finally {
    readCommandLog(ctx, log);
  }
}
