// The recording host: plans. Every action is recorded in order and nothing runs. Commands succeed and answer
// with the output the backend says the managed host would print; services "write" what the backend says they
// would. A path it has not seen is assumed to exist (the managed host's /sys, /run...), unless it removed it.
import { dirname } from 'node:path';
import type { CommandResult, DirEntry, Host, ProcessInfo, RunOptions, ServiceOptions } from '../core/host.js';

/** One recorded action. */
export type PlanStep =
  | { op: 'run'; argv: string[]; input?: string; answer?: string; exit?: number }
  | { op: 'write'; path: string; mode: number; text: string }
  | { op: 'append'; path: string; text: string }
  | { op: 'start'; argv: string[]; log: string; cgroup?: string; pid: number }
  | { op: 'signal'; pid: number; sig: string }
  | { op: 'mkdir'; path: string }
  | { op: 'remove'; path: string }
  | { op: 'rmdir'; path: string };

/** PIDs a recording host gives the services it "starts". */
export const FIRST_PLAN_PID = 4001;

/** Records a plan instead of acting. */
export class RecordingHost implements Host {
  readonly steps: PlanStep[] = [];
  readonly live = false;
  private readonly files = new Map<string, string>();
  private readonly removed = new Set<string>();
  private readonly procs = new Map<number, ProcessInfo>();
  private nextPid = FIRST_PLAN_PID;

  setCommandLog(): void {}

  async run(argv: string[], opts: RunOptions = {}): Promise<CommandResult> {
    this.steps.push({
      op: 'run',
      argv,
      ...(opts.input !== undefined ? { input: opts.input } : {}),
      ...(opts.simulated !== undefined ? { answer: opts.simulated } : {}),
      ...(opts.simulatedExit ? { exit: opts.simulatedExit } : {}),
    });
    return { code: opts.simulatedExit ?? 0, stdout: opts.simulated ?? '', stderr: '' };
  }

  async start(argv: string[], opts: ServiceOptions): Promise<number> {
    const pid = this.nextPid++;
    this.steps.push({ op: 'start', argv, log: opts.log, pid, ...(opts.cgroup ? { cgroup: opts.cgroup } : {}) });
    this.procs.set(pid, { start: 'recorded', name: opts.name, zombie: false });
    for (const [path, text] of Object.entries(opts.simulated?.(pid) ?? {})) this.keep(path, text);
    return pid;
  }

  async signal(pid: number, sig: 'SIGHUP' | 'SIGTERM' | 'SIGKILL'): Promise<boolean> {
    this.steps.push({ op: 'signal', pid, sig });
    const alive = this.procs.has(pid);
    if (sig !== 'SIGHUP') this.procs.delete(pid);
    return alive;
  }

  async process(pid: number): Promise<ProcessInfo | undefined> {
    return this.procs.get(pid);
  }

  private keep(path: string, text: string): void {
    this.files.set(path, text);
    for (let p = path; p !== '/' && p !== '.'; p = dirname(p)) this.removed.delete(p);
  }

  async writeFile(path: string, text: string, mode = 0o644): Promise<void> {
    this.steps.push({ op: 'write', path, mode, text });
    this.keep(path, text);
  }

  async appendFile(path: string, text: string): Promise<void> {
    this.steps.push({ op: 'append', path, text });
    this.keep(path, (this.files.get(path) ?? '') + text);
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }

  async exists(path: string): Promise<boolean> {
    if (this.files.has(path)) return true;
    for (let p = path; p !== '/' && p !== '.'; p = dirname(p)) if (this.removed.has(p)) return false;
    return true;
  }

  async mkdir(path: string): Promise<void> {
    this.steps.push({ op: 'mkdir', path });
    for (let p = path; p !== '/' && p !== '.'; p = dirname(p)) this.removed.delete(p);
  }

  private forget(path: string): void {
    this.removed.add(path);
    for (const f of [...this.files.keys()]) if (f === path || f.startsWith(`${path}/`)) this.files.delete(f);
  }

  async remove(path: string): Promise<void> {
    this.steps.push({ op: 'remove', path });
    this.forget(path);
  }

  async rmdir(path: string): Promise<boolean> {
    this.steps.push({ op: 'rmdir', path });
    this.forget(path);
    return true;
  }

  async list(): Promise<DirEntry[]> {
    return [];
  }

  async readlink(): Promise<string | undefined> {
    return undefined;
  }

  async inode(): Promise<number | undefined> {
    return undefined;
  }
}
