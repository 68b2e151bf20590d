// @ts-nocheck
// CommandRunner: runs engine commands as argument arrays, logs them, and reports failures as one line.
import { appendFileSync } from 'node:fs';
import { execa } from 'execa';
import { failed } from '../engine/errors.js';

/** What a command printed and how it ended. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs commands for the engine. */
export interface CommandRunner {
  /** Runs argv; throws a one-line EngineError when it fails (unless `allowFail`). */
  run(argv: string[], opts?: { input?: string; allowFail?: boolean }): Promise<CommandResult>;
}

/** Quotes one argument for display (the log only; commands never go through a shell). */
export function displayArg(a: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** A command line as a person would type it, with a batch's input appended. */
export function displayCommand(argv: string[], input?: string): string {
  const line = argv.map(displayArg).join(' ');
  if (!input) return line;
  const body = input.replace(/\n$/, '').split('\n').map((l) => `    ${l}`).join('\n');
  return `${line} <<EOF\n${body}\nEOF`;
}

/** Options for the real runner: where commands are logged. */
export interface LogOptions {
  /** Print every command to stderr (`vessel --verbose`). */
  verbose?: boolean;
  /** Append every command to this file (the runner's per-step command log). */
  logFile?: string;
}

/** Runs commands for real through execa, with no shell. */
export class ExecaRunner implements CommandRunner {
  constructor(private readonly log: LogOptions = {}) {}

  /** Sends the command log to another file from now on (the runner switches it per step). */
  setLogFile(path: string | undefined): void {
    this.log.logFile = path;
  }

  async run(argv: string[], opts: { input?: string; allowFail?: boolean } = {}): Promise<CommandResult> {
    const shown = displayCommand(argv, opts.input);
    if (this.log.verbose) process.stderr.write(`+ ${shown}\n`);
    if (this.log.logFile) {
      try {
        appendFileSync(this.log.logFile, `${shown}\n`);
      } catch {
        /* the log is best effort */
      }
    }
    const r = await execa(argv[0]!, argv.slice(1), {
      reject: false,
      ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
      env: { LC_ALL: 'C' },
    });
    const res = { code: r.exitCode ?? (r.failed ? 127 : 0), stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
    if (res.code !== 0 && !opts.allowFail) {
      const why = (res.stderr || res.stdout || r.shortMessage || '').trim().split('\n').slice(-1)[0];
      throw failed(`${argv.slice(0, 3).join(' ')} failed (exit ${res.code}): ${why}`);
    }
    return res;
  }
}

/** Records commands instead of running them (plans, dry runs, tests). */
export class RecordingRunner implements CommandRunner {
  readonly commands: { argv: string[]; input?: string }[] = [];
  constructor(private readonly answer: (argv: string[]) => CommandResult = () => ({ code: 0, stdout: '', stderr: '' })) {}
  async run(argv: string[], opts: { input?: string } = {}): Promise<CommandResult> {
    this.commands.push({ argv, ...(opts.input !== undefined ? { input: opts.input } : {}) });
    return this.answer(argv);
  }
}
