// A host reached over SSH (OpenSSH's client, one multiplexed connection): the FreeBSD VM this machine builds, or any
// machine later. Commands are argv arrays; SSH carries one command line, so each argument is single-quoted for the
// remote sh (quoteForSh) and every script below is a constant that takes the caller's data as positional arguments.
import { execa } from 'execa';
import { displayCommand, type CommandResult, type DirEntry, type Host, type ProcessInfo, type RunOptions, type ServiceOptions } from '../core/host.js';
import { envError, failed } from '../util/errors.js';
import { quoteForSh } from '../util/sh-quote.js';
import { ActionLog, type LogOptions } from './action-log.js';
import { parseBsdPs, type SshTarget } from './ssh-parse.js';

export type { SshTarget };

// Scripts run by the remote sh with the caller's data in "$1"... only.
/** Writes stdin to "$1" with mode "$2": a new file beside it, renamed over it (rename replaces a link, never follows it). */
const WRITE = 'd=$(dirname -- "$1") && mkdir -p -- "$d" && t=$(mktemp "$d/.vessel-write.XXXXXX") && chmod "$2" "$t" && cat >"$t" && mv -f -- "$t" "$1"';
/** Appends stdin to "$1", refusing a link there. */
const APPEND = 'if [ -L "$1" ]; then echo "$1 is a symbolic link" >&2; exit 1; fi; cat >>"$1"';
/** Prints "$1" when it is a regular file and not a link (no FIFO can hang the read). */
const READ = '[ -f "$1" ] && [ ! -L "$1" ] && exec cat -- "$1"';
/** Starts "$3"... detached with its output appended to "$1" (made 0600, never through a link) and environment "$2" (NUL-free K=V lines); prints its PID. */
const START =
  'log=$1; envs=$2; shift 2; if [ -L "$log" ]; then echo "$log is a symbolic link" >&2; exit 1; fi; (umask 077; : >>"$log") || exit 1; ' +
  'set -f; IFS=\'\n\'; env -i $envs "$@" </dev/null >>"$log" 2>&1 & echo $!';
/** Lists "$1": "d NAME" or "f NAME", NUL-terminated. */
const LIST =
  'cd -- "$1" 2>/dev/null || exit 0; find . -mindepth 1 -maxdepth 1 -type d -exec printf "d %s\\0" {} +; find . -mindepth 1 -maxdepth 1 ! -type d -exec printf "f %s\\0" {} +';

/** The line the remote sh runs for argv: the C locale, then argv, each argument quoted. */
function commandLine(argv: string[]): string {
  return `LC_ALL=C; export LC_ALL; exec ${argv.map(quoteForSh).join(' ')}`;
}

/** The machine at the other end of an SSH connection. */
export class SshHost implements Host {
  readonly live = true;
  private readonly log: ActionLog;
  private os: Promise<string> | undefined;
  /** ssh's own arguments, up to the remote command: the same for every command. */
  private readonly ssh: string[];

  constructor(
    readonly target: SshTarget,
    log: LogOptions = {},
  ) {
    this.log = new ActionLog({ ...log }, `[${target.user}@${target.host}:${target.port}] `);
    this.ssh = this.sshArgv();
  }

  /** ssh's own arguments, up to the remote command: over the shared connection, or (`shared` false) a connection of its own with `extra` options. */
  sshArgv(shared = true, extra: string[] = []): string[] {
    const t = this.target;
    return [
      'ssh',
      '-o',
      'BatchMode=yes',
      ...(shared ? ['-o', 'ControlMaster=auto', '-o', `ControlPath=${t.controlPath}`, '-o', 'ControlPersist=300'] : ['-o', 'ControlPath=none']),
      '-o',
      'ConnectTimeout=10',
      '-o',
      'ServerAliveInterval=15',
      '-o',
      'LogLevel=ERROR',
      ...(t.knownHosts ? ['-o', `UserKnownHostsFile=${t.knownHosts}`, '-o', 'StrictHostKeyChecking=yes'] : []),
      ...(t.hostKeyAlias ? ['-o', `HostKeyAlias=${t.hostKeyAlias}`] : []),
      ...(t.identity ? ['-o', 'IdentitiesOnly=yes', '-i', t.identity] : []),
      ...extra,
      '-p',
      String(t.port),
      '-l',
      t.user,
      t.host,
      '--',
    ];
  }

  interactiveArgv(argv: string[]): string[] {
    return [...this.ssh, commandLine(argv)];
  }

  /** Runs argv on the machine; exit 255 with nothing from the command is SSH itself failing. */
  private async remote(argv: string[], input?: string): Promise<CommandResult> {
    const r = await execa(this.ssh[0]!, [...this.ssh.slice(1), commandLine(argv)], {
      reject: false,
      ...(input !== undefined ? { input } : { stdin: 'ignore' as const }),
      stripFinalNewline: false,
    });
    const res = { code: r.exitCode ?? 255, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
    if (res.code === 255 && /^(ssh|kex_exchange|Connection|Host key|.*Permission denied \(publickey)/m.test(res.stderr))
      throw envError(`cannot reach ${this.target.user}@${this.target.host}:${this.target.port} over SSH: ${res.stderr.trim().split('\n').slice(-1)[0]}`);
    return res;
  }

  /** Runs a constant script with the caller's data as "$1"... */
  private script(body: string, args: string[], input?: string): Promise<CommandResult> {
    return this.remote(['sh', '-c', body, 'vessel', ...args], input);
  }

  /** The machine's kernel name (uname -s), asked once. */
  kernel(): Promise<string> {
    this.os ??= this.remote(['uname', '-s']).then((r) => r.stdout.trim());
    return this.os;
  }

  setCommandLog(path: string | undefined): void {
    this.log.setFile(path);
  }

  async run(argv: string[], opts: RunOptions = {}): Promise<CommandResult> {
    this.log.show(() => displayCommand(argv, opts.input));
    const res = await this.remote(argv, opts.input);
    if (res.code !== 0 && !opts.allowFail) {
      const why = (res.stderr || res.stdout)
        .trim()
        .split('\n')
        .filter((l) => !/dmesg\(1\) may have more information/.test(l))
        .slice(-1)[0];
      throw failed(`${argv.slice(0, 3).join(' ')} failed (exit ${res.code}): ${why}`);
    }
    return res;
  }

  async start(argv: string[], opts: ServiceOptions): Promise<number> {
    if (opts.cgroup) throw failed(`cannot start ${argv[0]} in a cgroup over SSH: cgroups are Linux's`);
    const envs = Object.entries(opts.env).map(([k, v]) => `${k}=${v}`);
    if (envs.some((e) => e.includes('\n'))) throw failed(`cannot start ${argv[0]}: an environment value holds a line break`);
    this.log.show(() => `${displayCommand(argv)} >>${opts.log} 2>&1 &`);
    const r = await this.script(START, [opts.log, envs.join('\n'), ...argv]);
    const pid = Number(r.stdout.trim());
    if (r.code !== 0 || !Number.isInteger(pid) || pid <= 0) throw failed(`could not start ${argv[0]}: ${(r.stderr || r.stdout).trim()}`);
    return pid;
  }

  async signal(pid: number, sig: 'SIGHUP' | 'SIGTERM' | 'SIGKILL'): Promise<boolean> {
    this.log.show(() => `kill -${sig.slice(3)} ${pid}`);
    return (await this.remote(['kill', '-s', sig.slice(3), String(pid)])).code === 0;
  }

  async process(pid: number): Promise<ProcessInfo | undefined> {
    const r = await this.remote(['ps', '-ww', '-o', 'stat=', '-o', 'lstart=', '-o', 'comm=', '-p', String(pid)]);
    return r.code === 0 ? parseBsdPs(r.stdout) : undefined;
  }

  async writeFile(path: string, text: string, mode = 0o644): Promise<void> {
    const m = mode.toString(8).padStart(4, '0');
    this.log.show(() => `write ${path} (mode ${m})`);
    const r = await this.script(WRITE, [path, m], text);
    if (r.code !== 0) throw failed(`cannot write ${path}: ${r.stderr.trim().split('\n').slice(-1)[0]}`);
  }

  async appendFile(path: string, text: string): Promise<void> {
    this.log.show(() => `append ${path}`);
    const r = await this.script(APPEND, [path], text);
    if (r.code !== 0) throw failed(`cannot append to ${path}: ${r.stderr.trim().split('\n').slice(-1)[0]}`);
  }

  async readFile(path: string): Promise<string | undefined> {
    const r = await this.script(READ, [path]);
    return r.code === 0 ? r.stdout : undefined;
  }

  async exists(path: string): Promise<boolean> {
    return (await this.remote(['test', '-e', path])).code === 0;
  }

  async mkdir(path: string, mode?: number): Promise<void> {
    this.log.show(() => `mkdir -p ${path}`);
    const r = await this.remote(['mkdir', '-p', ...(mode !== undefined ? ['-m', mode.toString(8)] : []), '--', path]);
    if (r.code !== 0) throw failed(`cannot make ${path}: ${r.stderr.trim()}`);
  }

  async remove(path: string): Promise<void> {
    this.log.show(() => `rm -rf ${path}`);
    const r = await this.remote(['rm', '-rf', '--', path]);
    if (r.code !== 0) throw failed(`cannot remove ${path}: ${r.stderr.trim().split('\n').slice(-1)[0]}`);
  }

  async rmdir(path: string): Promise<boolean> {
    this.log.show(() => `rmdir ${path}`);
    return (await this.remote(['rmdir', '--', path])).code === 0;
  }

  async list(path: string): Promise<DirEntry[]> {
    const r = await this.script(LIST, [path]);
    if (r.code !== 0) return [];
    return r.stdout
      .split('\0')
      .filter(Boolean)
      .map((e) => ({ dir: e.startsWith('d '), name: e.slice(2).replace(/^\.\//, '') }));
  }

  async readlink(path: string): Promise<string | undefined> {
    const r = await this.remote(['readlink', '--', path]);
    return r.code === 0 ? r.stdout.replace(/\n$/, '') : undefined;
  }

  async inode(path: string): Promise<number | undefined> {
    const fmt = (await this.kernel()) === 'Linux' ? ['-c', '%i'] : ['-f', '%i'];
    const r = await this.remote(['stat', ...fmt, '--', path]);
    const n = Number(r.stdout.trim());
    return r.code === 0 && Number.isInteger(n) ? n : undefined;
  }

  /** Ends the shared connection (ssh -O exit). */
  async close(): Promise<void> {
    await execa(this.ssh[0]!, ['-o', `ControlPath=${this.target.controlPath}`, '-O', 'exit', this.target.host], { reject: false, stdin: 'ignore' });
  }
}
