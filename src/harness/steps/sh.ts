// Runs a sh/bash/shell block with `set -euo pipefail` and checks its exit status.
import { constants } from 'node:fs';
import { copyFile, open, stat, writeFile } from 'node:fs/promises';
import { checkExports } from '../exports.js';
import type { ShStep } from '../../recipe/model.js';
import { formatDuration } from '../../recipe/duration.js';
import type { SpawnResult } from '../../exec/spawn.js';
import type { RunContext } from '../context.js';
import { prepareShell, spawnShell, type ShellCommand } from '../shell.js';
import type { Attempt, AttemptLimits } from './attempt.js';

/** The most a block's saved exports may be. */
const MAX_EXPORTS = 4 * 1024 * 1024;

/**
 * Copies a block's saved exports into the run's state file. A jail block's are read without following a link, and
 * only as plain declarations: the host sources them later. Returns why they were refused, if they were.
 */
export async function commitExports(ctx: RunContext, cmd: Pick<ShellCommand, 'stateOut' | 'fromJail'>): Promise<string | undefined> {
  if (!cmd.fromJail) {
    try {
      if ((await stat(cmd.stateOut)).size > 0) await copyFile(cmd.stateOut, ctx.stateFile);
    } catch {
      /* the block saved nothing */
    }
    return undefined;
  }
  let text: string;
  try {
    const fh = await open(cmd.stateOut, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const st = await fh.stat();
      if (!st.isFile() || st.size > MAX_EXPORTS) return `its exports file ${cmd.stateOut} is not a plain file of at most 4 MiB`;
      text = await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `its exports file ${cmd.stateOut} could not be read safely (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  if (text === '') return undefined;
  const c = checkExports(text);
  if (!c.ok) return `its exports (written in the jail) were refused: ${c.problem}`;
  await writeFile(ctx.stateFile, text);
  return undefined;
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
  const refused = await commitExports(ctx, cmd);
  if (refused) return { ok: false, output: r.output, failure: { kind: 'exit', line: step.line, message: `the block passed, but ${refused}` } };
  return { ok: true, output: r.output };
}
