// @ts-nocheck
// Where a FreeBSD plan goes: a recording host captures commands and file writes (here), a real host runs them (in the VM).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExecaRunner, type CommandResult, type CommandRunner } from '../exec/runner.js';

/** Options of one planned command. */
export interface PlanRunOptions {
  input?: string;
  allowFail?: boolean;
  /** What a FreeBSD host would print here; the recording host answers with it (plans show it), a real host ignores it. */
  simulated?: string;
}

/** One step of a plan. */
export type PlanStep = { op: 'run'; argv: string[]; input?: string; answer?: string } | { op: 'write'; path: string; mode: number; text: string };

/** What the FreeBSD backend needs from the machine: commands, file writes and reads. */
export interface PlanHost extends CommandRunner {
  run(argv: string[], opts?: PlanRunOptions): Promise<CommandResult>;
  writeFile(path: string, text: string, mode?: number): Promise<void>;
  readFile(path: string): Promise<string | undefined>;
  /** True when commands really run (the VM), false when they are only recorded. */
  readonly live: boolean;
}

/** Records the plan instead of running it; answers with the simulated output the backend supplies. */
export class RecordingHost implements PlanHost {
  readonly steps: PlanStep[] = [];
  readonly live = false;
  private readonly files = new Map<string, string>();
  async run(argv: string[], opts: PlanRunOptions = {}): Promise<CommandResult> {
    this.steps.push({ op: 'run', argv, ...(opts.input !== undefined ? { input: opts.input } : {}), ...(opts.simulated !== undefined ? { answer: opts.simulated } : {}) });
    return { code: 0, stdout: opts.simulated ?? '', stderr: '' };
  }
  async writeFile(path: string, text: string, mode = 0o644): Promise<void> {
    this.steps.push({ op: 'write', path, mode, text });
    this.files.set(path, text);
  }
  async readFile(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }
}

/** Runs the plan on this machine (FreeBSD): commands through execa with no shell, files through fs. */
export class LiveHost implements PlanHost {
  readonly live = true;
  constructor(private readonly runner: CommandRunner = new ExecaRunner()) {}
  run(argv: string[], opts: PlanRunOptions = {}): Promise<CommandResult> {
    return this.runner.run(argv, { ...(opts.input !== undefined ? { input: opts.input } : {}), ...(opts.allowFail ? { allowFail: true } : {}) });
  }
  async writeFile(path: string, text: string, mode = 0o644): Promise<void> {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { mode });
  }
  async readFile(path: string): Promise<string | undefined> {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
}
