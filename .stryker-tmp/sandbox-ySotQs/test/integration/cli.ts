// @ts-nocheck
// Helpers for integration tests: run the built CLI, find stray processes, wait for files.
import { execa, type ResultPromise } from 'execa';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');
/** The fixture folder for runnable recipes. */
export const RUN_FIXTURES = join(ROOT, 'test/fixtures/run');
const BIN = join(ROOT, 'bin/vessel-cookbook');

/** Runs `vessel-cookbook ARGS` and returns its status and output (never throws). */
export async function cli(args: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}) {
  const r = await execa(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...opts.env },
    reject: false,
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Starts `vessel-cookbook ARGS` without waiting, for signal tests. */
export function startCli(args: string[], env: Record<string, string>): ResultPromise<{ reject: false }> {
  return execa(process.execPath, [BIN, ...args], { cwd: ROOT, env: { NO_COLOR: '1', ...env }, reject: false });
}

/** PIDs of live processes whose command line contains `needle`. */
export function processesMatching(needle: string): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle)) out.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Waits until `path` exists (or throws after `ms`). */
export async function waitForFile(path: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${path}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
