// Runs a sh/bash/shell block with `set -euo pipefail` and checks its exit status.
import { copyFile, stat } from 'node:fs/promises';
import type { ShStep } from '../../recipe/model.js';
import { formatDuration } from '../../recipe/duration.js';
import type { SpawnResult } from '../../exec/spawn.js';
import type { RunContext } from '../context.js';
import { prepareShell, spawnShell } from '../shell.js';
import type { Attempt, AttemptLimits } from './attempt.js';

/** Copies a block's saved exports into the run's state file. */
export async function commitExports(ctx: RunContext, stateOut: string): Promise<void> {
  try {
    if ((await stat(stateOut)).size > 0) await copyFile(stateOut, ctx.stateFile);
  } catch {
    /* the block saved nothing */
  }
}

/** A failure for a process that did not end normally, or undefined if it did. */
export function abnormalEnd(r: SpawnResult, line: number, limits: AttemptLimits, what: string): Attempt | undefined {
  if (r.startError) return { ok: false, output: r.output, failure: { kind: 'start', line, message: `${what} could not run: ${r.startError}` } };
  const recipeTimeout = (r.aborted && limits.signal.reason === 'recipe-timeout') || (r.timedOut && limits.recipeDeadline);
  if (recipeTimeout) {
    return {
      ok: false,
      output: r.output,
      failure: { kind: 'recipe-timeout', line, message: `${what} was stopped: the recipe's timeout ran out; its process tree was killed` },
    };
  }
  if (r.aborted) return { ok: false, output: r.output, failure: { kind: 'interrupted', line, message: `${what} was stopped: the run was interrupted` } };
  if (r.timedOut) {
    return {
      ok: false,
      output: r.output,
      failure: { kind: 'timeout', line, message: `${what} timed out after ${formatDuration(limits.timeoutMs)}; its process tree was killed` },
    };
  }
  return undefined;
}

/** Runs one attempt of a sh block. */
export async function runSh(ctx: RunContext, step: ShStep, limits: AttemptLimits): Promise<Attempt> {
  const cmd = await prepareShell(ctx, step.id, step.body, 'sh', step.options.jail);
  if (typeof cmd === 'string') return { ok: false, output: '', failure: { kind: 'start', line: step.line, message: cmd } };
  const r = await spawnShell(ctx, cmd, { timeoutMs: limits.timeoutMs, signal: limits.signal });
  const abnormal = abnormalEnd(r, step.line, limits, 'the block');
  if (abnormal) return abnormal;
  const want = step.options.exit;
  if (r.exitCode !== want) {
    const got = r.signal ? `was killed by ${r.signal}` : `exited with status ${r.exitCode}`;
    return { ok: false, output: r.output, failure: { kind: 'exit', line: step.line, message: `the block ${got} (expected ${want})` } };
  }
  await commitExports(ctx, cmd.stateOut);
  return { ok: true, output: r.output };
}
