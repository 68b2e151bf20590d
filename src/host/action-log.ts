// How a live host shows what it does: every action as a person would type it, on stderr (`--verbose`) and in the
// runner's per-step command log. Shared by the local and the SSH host.
import { appendFileSync } from 'node:fs';

/** Where host actions are shown. */
export interface LogOptions {
  /** Print every action to stderr (`vessel --verbose`). */
  verbose?: boolean;
  /** Append every action to this file (the runner's per-step command log). */
  logFile?: string;
}

/** Shows host actions where LogOptions say; formats a line only when something shows or logs it. */
export class ActionLog {
  constructor(
    private readonly opts: LogOptions = {},
    private readonly prefix = '',
  ) {}

  /** Shows one action. */
  show(line: () => string): void {
    if (!this.opts.verbose && !this.opts.logFile) return;
    const text = `${this.prefix}${line()}`;
    if (this.opts.verbose) process.stderr.write(`+ ${text}\n`);
    if (this.opts.logFile) {
      try {
        appendFileSync(this.opts.logFile, `${text}\n`);
      } catch {
        /* the log is best effort */
      }
    }
  }

  /** Sends the log to this file from now on, or stops logging to a file. */
  setFile(path: string | undefined): void {
    this.opts.logFile = path;
  }
}
