// Runs one command as its own process group with output to a file, a timeout and an abort signal.
import { openSync, closeSync } from 'node:fs';
import { readExcerpt } from './output.js';
import { execa } from 'execa';
import { endTree } from './procs.js';

/** The environment variable that marks every process of one step attempt. */
export const STEP_MARKER = 'VESSEL_COOKBOOK_STEP';
/** The environment variable that marks every process of one run. */
export const RUN_MARKER = 'VESSEL_COOKBOOK_RUN';

/** What to run. */
export interface SpawnSpec {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Combined stdout+stderr go here (appended). */
  outputFile: string;
  timeoutMs: number;
  /** Unique value for STEP_MARKER, so stray children can be found. */
  marker: string;
  signal?: AbortSignal;
  /** Do not wait: return once started (for background steps). */
  detachOnly?: boolean;
  /** Where the whole output can be read after the run (named in an excerpt's omission line), if it is kept. */
  wholeAt?: string;
}

/** How a spawned command ended. */
export interface SpawnResult {
  exitCode?: number;
  signal?: string;
  timedOut: boolean;
  aborted: boolean;
  /** Set when the command could not be started at all. */
  startError?: string;
  /** The output, or its first and last parts around an omission line when it is large. */
  output: string;
  /** Size of the whole output in bytes. */
  outputBytes: number;
  durationMs: number;
  pid?: number;
  /** For `detachOnly`: settles when the command ends, with how it ended. */
  done?: Promise<{ exitCode?: number; signal?: string }>;
}

/** Starts the command in a new process group; output is written to `outputFile`. */
export async function spawnStep(spec: SpawnSpec): Promise<SpawnResult> {
  const started = Date.now();
  const fd = openSync(spec.outputFile, 'a', 0o600);
  const child = (() => {
    try {
      return execa(spec.file, spec.args, {
        cwd: spec.cwd,
        env: { ...spec.env, [STEP_MARKER]: spec.marker },
        extendEnv: false,
        stdin: 'ignore',
        // A raw file descriptor: no pipe, so a stray child holding the output cannot delay the result.
        // (execa accepts integers at run time; its types only list them for some option shapes.)
        stdout: fd as unknown as 'ignore',
        stderr: fd as unknown as 'ignore',
        detached: true,
        reject: false,
      });
    } finally {
      closeSync(fd);
    }
  })();
  const pid = child.pid;
  if (spec.detachOnly) {
    const done = child.then(
      (r) => ({ ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}), ...(r.signal ? { signal: r.signal } : {}) }),
      () => ({}),
    );
    const early = await Promise.race([
      child.then(
        (r) => r,
        () => undefined,
      ),
      new Promise((r) => setTimeout(r, 50, undefined)),
    ]);
    const r = early as { failed?: boolean; exitCode?: number; code?: string; message?: string } | undefined;
    if (pid === undefined || (r && r.code === 'ENOENT')) {
      return { timedOut: false, aborted: false, startError: r?.message ?? 'could not start', output: '', outputBytes: 0, durationMs: Date.now() - started };
    }
    return { timedOut: false, aborted: false, output: '', outputBytes: 0, durationMs: Date.now() - started, pid, done };
  }
  let timedOut = false;
  let aborted = false;
  const stop = () => endTree({ ...(pid !== undefined ? { pgid: pid } : {}), marker: { name: STEP_MARKER, value: spec.marker }, graceMs: 500 });
  const timer = setTimeout(() => {
    timedOut = true;
    void stop();
  }, spec.timeoutMs);
  const onAbort = () => {
    aborted = true;
    void stop();
  };
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  if (spec.signal?.aborted) onAbort();
  const r = await child;
  clearTimeout(timer);
  spec.signal?.removeEventListener('abort', onAbort);
  // Whatever the step left running in its group or with its marker is ended now, so nothing outlives it.
  await stop();
  // Memory stays bounded whatever the size of the output: the whole of it stays in the file.
  const ex = readExcerpt(spec.outputFile, spec.wholeAt !== undefined ? { wholeAt: spec.wholeAt } : {});
  const res: SpawnResult = { timedOut, aborted, output: ex.text, outputBytes: ex.bytes, durationMs: Date.now() - started };
  if (pid !== undefined) res.pid = pid;
  if (r.failed && r.exitCode === undefined && r.signal === undefined) res.startError = r.shortMessage ?? r.message;
  if (r.exitCode !== undefined) res.exitCode = r.exitCode;
  if (r.signal) res.signal = r.signal;
  return res;
}
