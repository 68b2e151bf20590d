// The Host: everything a backend does to the machine it manages goes through here (commands, files, services,
// signals, what the kernel shows in files). Implementations: the local machine, a recording host for plans.
// A host reached over SSH would be a third: every method is async and names only paths, argv and PIDs.

/** What a command printed and how it ended. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of one command. */
export interface RunOptions {
  /** Text on its standard input. */
  input?: string;
  /** A non-zero exit is returned, not thrown. */
  allowFail?: boolean;
  /** What the managed host would print here; a recording host answers with it (plans show it), a live host ignores it. */
  simulated?: string;
  /** The exit status a recording host answers with (default 0): a command the plan knows would fail. */
  simulatedExit?: number;
}

/** How to start a long-running service. */
export interface ServiceOptions {
  /** File its stdout and stderr are appended to (created mode 0600: logs may hold secrets). */
  log: string;
  /** Its whole environment. */
  env: Record<string, string>;
  /** A cgroup directory it joins before it runs, so ending the cgroup ends it. */
  cgroup?: string;
  /** The program it becomes (`dnsmasq`), as the host's process table will name it. */
  name: string;
  /** What a recording host assumes the service writes once it runs (path: text), given its PID. */
  simulated?: (pid: number) => Record<string, string>;
}

/** A directory entry. */
export interface DirEntry {
  name: string;
  dir: boolean;
}

/** A live process: its start time (to tell it from a reused PID) and its program name. */
export interface ProcessInfo {
  start: string;
  name: string;
  zombie: boolean;
}

/** Everything a backend needs from the machine it manages. */
export interface Host {
  /** True when actions really happen; false when they are only recorded (plans). */
  readonly live: boolean;
  /** Runs argv with no shell; throws a one-line failure (code `failed`) unless `allowFail`. */
  run(argv: string[], opts?: RunOptions): Promise<CommandResult>;
  /** Starts argv detached, as a long-running service; returns its PID. */
  start(argv: string[], opts: ServiceOptions): Promise<number>;
  /** Sends a signal; false when the process was already gone. */
  signal(pid: number, sig: 'SIGHUP' | 'SIGTERM' | 'SIGKILL'): Promise<boolean>;
  /** A process, or undefined when there is none with that PID. */
  process(pid: number): Promise<ProcessInfo | undefined>;
  /** Writes a file (parents are created). */
  writeFile(path: string, text: string, mode?: number): Promise<void>;
  /** Appends to a file. */
  appendFile(path: string, text: string): Promise<void>;
  /** A file's text, or undefined when it cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** True when the path exists. */
  exists(path: string): Promise<boolean>;
  /** Makes a directory and its parents. */
  mkdir(path: string, mode?: number): Promise<void>;
  /** Removes a file or a directory tree; missing is fine. */
  remove(path: string): Promise<void>;
  /** Removes one empty directory (cgroups can only be removed so); false when it could not be. */
  rmdir(path: string): Promise<boolean>;
  /** A directory's entries, or [] when it cannot be read. */
  list(path: string): Promise<DirEntry[]>;
  /** A symbolic link's target, or undefined. */
  readlink(path: string): Promise<string | undefined>;
  /** A path's inode number, or undefined. */
  inode(path: string): Promise<number | undefined>;
  /** Sends the command log to this file from now on (the runner's per-step log), or stops logging to a file. */
  setCommandLog(path: string | undefined): void;
  /** The argv that runs argv on this host with the caller's own stdio (`vessel exec`, `vessel ssh`); absent: argv itself. */
  interactiveArgv?(argv: string[]): string[];
}

import { displayArg } from '../util/display-arg.js';
/** Quotes one argument for display (logs and plans only; commands never go through a shell). */
export { displayArg };

/** A command line as a person would type it, with a batch's input appended. */
export function displayCommand(argv: string[], input?: string): string {
  const line = argv.map(displayArg).join(' ');
  if (!input) return line;
  const body = input
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `${line} <<EOF\n${body}\nEOF`;
}
