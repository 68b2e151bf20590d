// A rootless start: an ordinary user's `vessel` or `vessel-cookbook run` runs again inside the user's lab host
// (holder.ts), as its uid 0, with per-user state; signals are passed on, and the lab host ends when it is idle.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { delegatedCgroup, noCgroupNotice } from './cgroup.js';
import { userDirs } from './dirs.js';
import { findHolder, holderHasLabs, holderMembers, privateDir, startHolder, stopHolder, withHolderLock } from './holder.js';
import { ROOTLESS_ENV, rootlessInside } from './mode.js';

/** Whether this process should run again in a rootless lab host: Linux, not root, not in one already. */
export function wantsRootless(): boolean {
  return process.platform === 'linux' && process.getuid?.() !== 0 && !rootlessInside();
}

/** Signal numbers, for a 128+N exit status. */
const SIGNO: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Whether this process is in the foreground of a terminal (then a Ctrl-C reaches the child as well). */
function inTerminalForeground(): boolean {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return rest[5] !== '-1' && rest[5] === rest[2];
  } catch {
    return false;
  }
}

/**
 * Runs this same command again inside the user's lab host, and returns its exit status. `notice` takes the lines
 * the user should read (one uid only, say). The lab host is made when there is none, and ended afterwards when no
 * lab and no other process of it remains.
 */
export async function runRootless(notice: (line: string) => void): Promise<number> {
  const user = userInfo().username;
  const dirs = userDirs(process.env, process.getuid!(), homedir());
  privateDir(dirs.state, 'set XDG_STATE_HOME (or HOME) to a folder of yours');
  const cg = delegatedCgroup();
  if (!cg.dir && userManager() && !process.env[SCOPE_ENV]) {
    const status = await inDelegatedScope();
    if (status >= 0) return status;
  }
  const runtime = privateDir(dirs.runtime, 'set XDG_RUNTIME_DIR to a folder of yours');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [ROOTLESS_ENV]: '1',
    VESSEL_DB: process.env.VESSEL_DB ?? join(dirs.state, 'vessel.db'),
    ...(cg.dir ? { VESSEL_CGROUP_ROOT: cg.dir } : { VESSEL_NO_CGROUP: cg.why }),
  };
  const child = await withHolderLock(runtime, async () => {
    let holder = findHolder(runtime);
    if (!holder) {
      holder = await startHolder(runtime, user, notice);
      if (!cg.dir) notice(noCgroupNotice(cg.why));
    }
    const argv = [
      'nsenter',
      `--target=${holder.pid}`,
      '--user',
      '--mount',
      '--net',
      '--preserve-credentials',
      `--wd=${process.cwd()}`,
      '--',
      'setpriv',
      // When this process dies (SIGKILL), the command gets SIGTERM and tears down as on Ctrl-C.
      '--pdeathsig=TERM',
      '--',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ];
    const c = spawn(argv[0]!, argv.slice(1), {
      stdio: 'inherit',
      env: { ...env, VESSEL_NS_CPU: String(holder.cpu), [OUTER_ENV]: String(process.pid), [RUNTIME_ENV]: runtime },
    });
    // Keep the lock until the child is inside, so an idle check cannot end the lab host under it.
    for (let i = 0; i < 500 && c.exitCode === null; i++) {
      try {
        if (c.pid && readlinkSync(`/proc/${c.pid}/ns/user`) === holder.userns) break;
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return c;
  });
  const status = await childStatus(child);
  await stopIfIdle(runtime, false);
  return status;
}

/**
 * Waits for a child that runs this command again, passing on SIGTERM, SIGHUP and a SIGINT that did not come from the
 * terminal (one from the terminal reaches the child too); its exit status, 128+N for a signal, -1 if it did not start.
 */
async function childStatus(child: ChildProcess): Promise<number> {
  const forward = (sig: NodeJS.Signals) => () => {
    if (sig === 'SIGINT' && inTerminalForeground()) return;
    child.kill(sig);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  const status = await new Promise<number>((r) => {
    child.once('error', () => r(-1));
    child.once('exit', (code, sig) => r(code ?? 128 + (SIGNO[sig ?? ''] ?? 1)));
  });
  for (const [s, h] of handlers) process.off(s, h);
  return status;
}

/** Set on a command started again in a systemd scope, so it is done once. */
const SCOPE_ENV = 'VESSEL_ROOTLESS_SCOPE';

/** Whether this user has a systemd user manager, on its bus, to ask for a delegated scope. */
function userManager(): boolean {
  const rt = process.env.XDG_RUNTIME_DIR;
  return Boolean(rt && existsSync(join(rt, 'systemd', 'private')) && existsSync(join(rt, 'bus')));
}

/**
 * Runs this same command again in a transient scope of the user's systemd manager with its cgroup delegated (as
 * podman does): a login shell's own cgroup (session-N.scope) is not the user's to write.
 */
async function inDelegatedScope(): Promise<number> {
  const argv = ['systemd-run', '--user', '--scope', '--quiet', '-p', 'Delegate=yes', '--', process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  return childStatus(spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', env: { ...process.env, [SCOPE_ENV]: '1' } }));
}

/** Whether a process is a vessel command run in the lab host (it carries ROOTLESS_ENV). */
function isVesselCommand(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${ROOTLESS_ENV}=1`);
  } catch {
    return false;
  }
}

/** Where the command inside learns who started it, and the runtime folder. */
const OUTER_ENV = 'VESSEL_ROOTLESS_OUTER';
const RUNTIME_ENV = 'VESSEL_ROOTLESS_RUNTIME';

/** Ends the user's lab host when it has no lab and no process but the caller. */
async function stopIfIdle(runtime: string, fromInside: boolean): Promise<void> {
  await withHolderLock(runtime, async () => {
    const h = findHolder(runtime, fromInside);
    if (!h || holderHasLabs(h)) return;
    // A lab's last processes may still be ending as its command returns: a second to go, then they count.
    for (let i = 0; i < 20 && holderMembers(h).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    // With no lab left, what is left without the mark of a vessel command (one that just came in to make a lab) is
    // a stray of a lab that is gone: a step that left its group, marker and namespace, where no cgroup held it.
    if (holderMembers(h).every((pid) => !isVesselCommand(pid))) stopHolder(runtime, h);
  });
}

/**
 * Called as a command inside the lab host ends: when the process that started it is gone (SIGKILLed, so this one
 * got SIGTERM and tore its lab down), nobody else will end the lab host, so this one does when it is idle.
 */
export async function finishInside(): Promise<void> {
  const runtime = process.env[RUNTIME_ENV];
  if (!rootlessInside() || !runtime || process.ppid === Number(process.env[OUTER_ENV])) return;
  await stopIfIdle(runtime, true);
}
