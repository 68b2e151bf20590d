// The local host: commands through execa with no shell, files through node:fs, services as detached processes.
// Every action is shown (`vessel --verbose`) and logged (the runner's per-step command log) as a person would type it.
import {
  appendFileSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { execa } from 'execa';
import { displayCommand, type CommandResult, type DirEntry, type Host, type ProcessInfo, type RunOptions, type ServiceOptions } from '../core/host.js';
import { failed } from '../util/errors.js';
import { ActionLog, type LogOptions } from './action-log.js';

// The engine runs as host root and opens no file through a symbolic link at its last component (a jail may have
// made one where the engine reads or writes), nor waits on a FIFO put there.
// (node:fs takes numeric flags; its types list only strings.)
const NO_FOLLOW_WRITE = (constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW) as unknown as string;
const NO_FOLLOW_APPEND = (constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW) as unknown as string;
const NO_FOLLOW_READ = (constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK) as unknown as string;

export type { LogOptions };

/** The start time and state of a local process (fields 22 and 3 of /proc/PID/stat), or undefined. */
export function localProcess(pid: number): { start: string; zombie: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { start: rest[19]!, zombie: rest[0] === 'Z' };
  } catch {
    return undefined;
  }
}

/** The start time of a process on this machine (to tell a live owner from a reused PID), or undefined. */
export function processStart(pid: number): string | undefined {
  return localProcess(pid)?.start;
}

/** The machine vessel runs on. */
export class LocalHost implements Host {
  readonly live = true;
  private readonly log: ActionLog;
  constructor(log: LogOptions = {}) {
    this.log = new ActionLog({ ...log });
  }

  /** Shows one action. */
  private show(line: () => string): void {
    this.log.show(line);
  }

  setCommandLog(path: string | undefined): void {
    this.log.setFile(path);
  }

  async run(argv: string[], opts: RunOptions = {}): Promise<CommandResult> {
    this.show(() => displayCommand(argv, opts.input));
    const r = await execa(argv[0]!, argv.slice(1), {
      reject: false,
      ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
      env: { LC_ALL: 'C' },
    });
    const res = { code: r.exitCode ?? (r.failed ? 127 : 0), stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
    if (res.code !== 0 && !opts.allowFail) {
      const why = (res.stderr || res.stdout || r.shortMessage || '')
        .trim()
        .split('\n')
        .filter((l) => !/dmesg\(1\) may have more information/.test(l))
        .slice(-1)[0];
      throw failed(`${argv.slice(0, 3).join(' ')} failed (exit ${res.code}): ${why}`, r);
    }
    return res;
  }

  async start(argv: string[], opts: ServiceOptions): Promise<number> {
    // The service joins its cgroup before it becomes the program, so nothing it starts can escape it.
    const full = opts.cgroup ? ['sh', '-c', 'echo $$ >> "$1/cgroup.procs" && shift && exec "$@"', 'vessel-start', opts.cgroup, ...argv] : argv;
    this.show(() => `${displayCommand(argv)} >>${opts.log} 2>&1 &${opts.cgroup ? `   # in cgroup ${opts.cgroup}` : ''}`);
    // Never through a link: a jail may have written where the log goes.
    const fd = openSync(opts.log, NO_FOLLOW_APPEND, 0o600);
    try {
      const child = spawn(full[0]!, full.slice(1), { detached: true, stdio: ['ignore', fd, fd], env: opts.env });
      child.on('error', () => undefined);
      child.unref();
      if (child.pid === undefined) throw failed(`could not start ${argv[0]}`);
      return child.pid;
    } finally {
      closeSync(fd);
    }
  }

  async signal(pid: number, sig: 'SIGHUP' | 'SIGTERM' | 'SIGKILL'): Promise<boolean> {
    this.show(() => `kill -${sig.slice(3)} ${pid}`);
    try {
      process.kill(pid, sig);
      return true;
    } catch {
      return false;
    }
  }

  async process(pid: number): Promise<ProcessInfo | undefined> {
    const p = localProcess(pid);
    if (!p) return undefined;
    try {
      return { ...p, name: readFileSync(`/proc/${pid}/comm`, 'utf8').trim() };
    } catch {
      return undefined;
    }
  }

  async writeFile(path: string, text: string, mode = 0o644): Promise<void> {
    this.show(() => `write ${path} (mode ${mode.toString(8).padStart(4, '0')})`);
    try {
      writeFileSync(path, text, { mode, flag: NO_FOLLOW_WRITE });
    } catch (e) {
      // Parents are made only when missing: most writes go into folders that exist, and bring-up writes many.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { mode, flag: NO_FOLLOW_WRITE });
    }
  }

  async appendFile(path: string, text: string): Promise<void> {
    this.show(() => `append ${path}`);
    appendFileSync(path, text, { flag: NO_FOLLOW_APPEND });
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return readFileSync(path, { encoding: 'utf8', flag: NO_FOLLOW_READ });
    } catch {
      return undefined;
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  }

  async mkdir(path: string, mode?: number): Promise<void> {
    this.show(() => `mkdir -p ${path}`);
    mkdirSync(path, { recursive: true, ...(mode !== undefined ? { mode } : {}) });
  }

  async remove(path: string): Promise<void> {
    this.show(() => `rm -rf ${path}`);
    rmSync(path, { recursive: true, force: true });
  }

  async rmdir(path: string): Promise<boolean> {
    this.show(() => `rmdir ${path}`);
    try {
      rmdirSync(path);
      return true;
    } catch {
      return false;
    }
  }

  async list(path: string): Promise<DirEntry[]> {
    try {
      return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() }));
    } catch {
      return [];
    }
  }

  async readlink(path: string): Promise<string | undefined> {
    try {
      return readlinkSync(path);
    } catch {
      return undefined;
    }
  }

  async inode(path: string): Promise<number | undefined> {
    try {
      return statSync(path).ino;
    } catch {
      return undefined;
    }
  }
}
