// The fixed bash wrappers that run recipe blocks: source the state file, run the block, save exports.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunContext } from './context.js';
import { spawnStep, type SpawnResult } from '../exec/spawn.js';

// $1 state file to source, $2 state file to write, $3 the block's script. No recipe text is ever spliced in here.
const SAVE = `trap '__vc_rc=$?; unset VESSEL_COOKBOOK_STEP VESSEL_COOKBOOK_RUN; export -p > "$__vc_out" 2>/dev/null; exit $__vc_rc' EXIT`;
const SH_WRAPPER = [
  'exec 2>&1',
  '__vc_out=$2; __vc_script=$3',
  'if [ -s "$1" ]; then . "$1" >/dev/null 2>&1; fi',
  SAVE,
  'set -euo pipefail',
  'set --',
  '. "$__vc_script"',
].join('\n');
const CONSOLE_WRAPPER = [
  'exec 2>&1',
  '__vc_out=$2; __vc_script=$3',
  'if [ -s "$1" ]; then . "$1" >/dev/null 2>&1; fi',
  SAVE,
  'set --',
  '. "$__vc_script"',
].join('\n');

/** A command line for execa: bash with a fixed wrapper and file arguments. */
export interface ShellCommand {
  file: string;
  args: string[];
  /** Where the block's exports are written; copied to the state file when the block passes. */
  stateOut: string;
  outputFile: string;
  marker: string;
  /** The block ran in a jail: its saved exports are the jail's writing, read as data only. */
  fromJail?: boolean;
}

/**
 * Writes `script` to a file and returns the bash invocation that runs it as `mode`, in the lab host or `jail`. A
 * lab host block's files are in the run's private folder. A jail's are in the jail steps' folder, which a thin root
 * shows: written only as new files (a name a jail made first is refused, never followed), with a copy of the
 * exports; what the block saves there is read back as data (commitExports).
 */
export async function prepareShell(ctx: RunContext, label: string, script: string, mode: 'sh' | 'console', jail?: string): Promise<ShellCommand | string> {
  const prefix = ctx.enter(jail);
  if (typeof prefix === 'string') return prefix;
  const n = ++ctx.seq;
  const name = `${String(n).padStart(4, '0')}-${label}`;
  const base = join(jail ? ctx.jailFiles : ctx.privdir, name);
  const scriptFile = `${base}.sh`;
  await writeFile(scriptFile, script, { flag: 'wx', mode: 0o600 });
  let stateIn = ctx.stateFile;
  if (jail) {
    stateIn = `${base}.in`;
    await writeFile(stateIn, await readFile(ctx.stateFile).catch(() => ''), { flag: 'wx', mode: 0o600 });
  }
  const stateOut = `${base}.state`;
  const outputFile = join(ctx.privdir, `${name}.out`);
  await writeFile(outputFile, '');
  const bash = ['bash', '--noprofile', '--norc', '-c', mode === 'sh' ? SH_WRAPPER : CONSOLE_WRAPPER, `vessel-${label}`, stateIn, stateOut, scriptFile];
  const argv = [...prefix, ...bash];
  return {
    file: argv[0]!,
    args: argv.slice(1),
    stateOut,
    outputFile,
    marker: `${ctx.runId}.${n}`,
    ...(jail ? { fromJail: true } : {}),
  };
}

/** Spawns a prepared block in the run's work directory and environment. */
export function spawnShell(ctx: RunContext, cmd: ShellCommand, opts: { timeoutMs: number; signal?: AbortSignal; detachOnly?: boolean }): Promise<SpawnResult> {
  return spawnStep({
    file: cmd.file,
    args: cmd.args,
    cwd: ctx.workdir,
    env: ctx.env,
    outputFile: cmd.outputFile,
    marker: cmd.marker,
    ...(ctx.keep ? { wholeAt: cmd.outputFile } : {}),
    ...opts,
  });
}
