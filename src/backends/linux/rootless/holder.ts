// The rootless lab host: one process per user that holds a user namespace (the user as uid 0, plus the user's
// subordinate ids), a mount namespace with a private /run (so `ip netns` and /run/vessel work), and an empty network
// namespace. Every rootless engine process enters it; it is ended when no lab and no other process of it remains.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: a shell script, whose ${...} are shell parameters
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { processStart } from '../../../host/local.js';
import { envError } from '../../../util/errors.js';
import { mapTriples, noSubidsAdvice, subidRange, type SubidRange } from './subids.js';

/** The environment marker every holder carries (its value is the user's uid). */
export const HOLDER_MARK = 'VESSEL_ROOTLESS_HOLDER';

// Run as uid 0 of the new user namespace once the maps are written (the parent writes "go" on stdin). It keeps the
// machine's /run entries (bound from a descriptor opened before the tmpfs hides them) except `netns` and root's
// `vessel`, so labs of other users and of root stay out of sight, then pauses.
const HOLDER_SCRIPT = [
  'read -r go || exit 1',
  'set -e',
  'exec 3</run',
  'mount -t tmpfs -o mode=0755,nosuid,nodev vessel-lab-host /run',
  'for e in /proc/self/fd/3/* /proc/self/fd/3/.[!.]*; do',
  '  [ -e "$e" ] || [ -L "$e" ] || continue',
  '  n=${e##*/}',
  '  case $n in netns|vessel) continue ;; esac',
  '  if [ -L "$e" ]; then ln -s "$(readlink "$e")" "/run/$n"',
  '  elif [ -d "$e" ]; then mkdir "/run/$n" && mount --rbind "$e" "/run/$n"',
  '  else : > "/run/$n" && mount --bind "$e" "/run/$n"; fi',
  'done',
  'exec 3<&-',
  'mkdir -m 0755 /run/netns /run/vessel',
  'ip link set lo up',
  'echo ready',
  // catatonit reaps what ends up under it (it is the lab host's subreaper); sleep keeps it up.
  'exec catatonit -- sleep infinity </dev/null >/dev/null',
  '',
].join('\n');

/** A live holder: its pid, the id of its user namespace (`user:[N]`), and the CPU its namespaces were made on. */
export interface Holder {
  pid: number;
  userns: string;
  cpu: number;
}

/**
 * The CPU a rootless lab host makes its mount namespaces on. A mount namespace's file may be bound only into an older
 * namespace (fs/namespace.c, mnt_ns_loop), and on this kernel namespace ids come from per-CPU batches: a jail's mount
 * namespace made on another CPU than the lab host's can get a lower id, and its bind then fails with EINVAL (seen
 * here on kernel 6.18, about one jail in two). Made on one CPU, ids rise with time.
 */
export function nsCpu(statusText: string): number {
  const m = /^Cpus_allowed_list:\s*(\d+)/m.exec(statusText);
  return m ? Number(m[1]) : 0;
}

/** A namespace link of a process (`user:[N]`), or undefined. */
function nsOf(pid: number | 'self', ns: 'user' | 'pid'): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/${ns}`);
  } catch {
    return undefined;
  }
}

/** The user namespace link of a process, or undefined. */
const usernsOf = (pid: number | 'self') => nsOf(pid, 'user');

/** Inside the lab host: the machine's uid of its uid 0 (the user who made it), from this process's uid_map. */
function outsideUid(): number | undefined {
  try {
    const first = readFileSync('/proc/self/uid_map', 'utf8').trim().split('\n')[0]!.trim().split(/\s+/);
    return first[0] === '0' ? Number(first[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Makes (or checks) a private folder of this user's: a real directory, owned by the user, closed to others. */
export function privateDir(path: string, hint: string): string {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw envError(`cannot make ${path} for a rootless lab (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${hint}`);
  }
  const st = lstatSync(path);
  const uid = process.getuid!();
  if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0)
    throw envError(`${path} must be a directory of yours (uid ${uid}) that only you can open (mode 0700); move it away and try again`);
  return path;
}

/** The holder recorded in `runtime`, if that process is still this user's holder (pid, start time and marker). */
export function findHolder(runtime: string, fromInside = false): Holder | undefined {
  let pid: number;
  let start: string;
  let cpu: number;
  try {
    const [p, s, c] = readFileSync(join(runtime, 'holder.pid'), 'utf8').trim().split(' ');
    pid = Number(p);
    start = s ?? '';
    cpu = Number(c);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid < 2 || processStart(pid) !== start || !Number.isInteger(cpu)) return undefined;
  try {
    if (lstatSync(`/proc/${pid}`).uid !== process.getuid!()) return undefined;
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    if (!env.includes(`${HOLDER_MARK}=${fromInside ? outsideUid() : process.getuid!()}`)) return undefined;
  } catch {
    return undefined;
  }
  // A process in a pid namespace of its own is a jail's, however it looks: a jail may write this file (a shared root
  // sees the user's files) and start a process with the marker, but only the engine starts one in the machine's.
  if (nsOf(pid, 'pid') === undefined || nsOf(pid, 'pid') !== nsOf('self', 'pid')) return undefined;
  const userns = usernsOf(pid);
  const own = usernsOf('self');
  return userns && (fromInside ? userns === own : userns !== own) ? { pid, userns, cpu } : undefined;
}

/** Runs `fn` holding this user's holder lock (a folder made atomically; a dead owner's lock is taken over). */
export async function withHolderLock<T>(runtime: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(runtime, 'holder.lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock, { mode: 0o700 });
      writeFileSync(join(lock, 'owner'), `${process.pid} ${processStart(process.pid) ?? ''}`);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [p, s] = (() => {
        try {
          return readFileSync(join(lock, 'owner'), 'utf8').trim().split(' ');
        } catch {
          return [];
        }
      })();
      if (p && processStart(Number(p)) !== s) rmSync(lock, { recursive: true, force: true });
      else if (i > 300) throw envError(`the rootless lab host's lock ${lock} is held by process ${p ?? '?'}; if no vessel runs, remove it`);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The user's subordinate uid and gid ranges, when both exist. */
export function userSubids(user: string, uid: number): { uid: SubidRange; gid: SubidRange } | undefined {
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  const u = subidRange(read('/etc/subuid'), user, uid);
  const g = subidRange(read('/etc/subgid'), user, uid);
  return u && g ? { uid: u, gid: g } : undefined;
}

/** Writes the holder's maps: through newuidmap/newgidmap with subordinate ids, else the user alone as 0. */
async function writeMaps(pid: number, subids: { uid: SubidRange; gid: SubidRange } | undefined): Promise<void> {
  const uid = process.getuid!();
  const gid = process.getgid!();
  if (subids) {
    for (const [tool, own, range] of [
      ['newuidmap', uid, subids.uid],
      ['newgidmap', gid, subids.gid],
    ] as const) {
      const r = await execa(tool, [String(pid), ...mapTriples(own, range)], { reject: false, stdin: 'ignore' });
      if (r.exitCode !== 0)
        throw envError(
          `${tool} could not map ${range.count} subordinate ids from ${range.start}: ${
            String(r.stderr || r.message)
              .trim()
              .split('\n')[0] ?? ''
          } (is Debian's uidmap installed?)`,
        );
    }
    return;
  }
  writeFileSync(`/proc/${pid}/uid_map`, `0 ${uid} 1\n`);
  writeFileSync(`/proc/${pid}/setgroups`, 'deny');
  writeFileSync(`/proc/${pid}/gid_map`, `0 ${gid} 1\n`);
}

/** Starts a holder for this user and records it in `runtime`; says on `notice` when it maps one uid only. */
export async function startHolder(runtime: string, user: string, notice: (line: string) => void): Promise<Holder> {
  const subids = userSubids(user, process.getuid!());
  if (!subids) notice(noSubidsAdvice(user));
  const log = openSync(join(runtime, 'holder.log'), 'w', 0o600);
  const own = usernsOf('self');
  const cpu = nsCpu(readFileSync('/proc/self/status', 'utf8'));
  const child = spawn('taskset', ['-c', String(cpu), 'unshare', '--user', '--mount', '--net', '--propagation', 'private', '--', 'sh', '-c', HOLDER_SCRIPT], {
    detached: true,
    stdio: ['pipe', 'pipe', log],
    env: { ...process.env, [HOLDER_MARK]: String(process.getuid!()) },
  });
  closeSync(log);
  const failed = (why: string) => {
    child.kill('SIGKILL');
    const tail = (() => {
      try {
        return readFileSync(join(runtime, 'holder.log'), 'utf8').trim().split('\n').at(-1) ?? '';
      } catch {
        return '';
      }
    })();
    return envError(`the rootless lab host could not start: ${why}${tail ? ` (${tail})` : ''}`);
  };
  const exited = new Promise<string>((r) => child.once('exit', (c, s) => r(`unshare ended (${s ?? `exit ${c}`})`)));
  const pid = child.pid;
  if (!pid) throw failed('taskset and unshare did not start (util-linux)');
  // Wait until the process is in its own user namespace before mapping it.
  for (let i = 0; usernsOf(pid) === own; i++) {
    if (i > 200) throw failed('no user namespace was made (are unprivileged user namespaces allowed? sysctl kernel.unprivileged_userns_clone)');
    await new Promise((r) => setTimeout(r, 10));
  }
  try {
    await writeMaps(pid, subids);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  child.stdin!.end('go\n');
  const ready = new Promise<string>((r) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('ready\n')) r('ready');
    });
  });
  const timeout = new Promise<string>((r) => setTimeout(() => r('no answer in 10 s'), 10_000).unref());
  const how = await Promise.race([ready, exited, timeout]);
  if (how !== 'ready') throw failed(how);
  child.stdout!.destroy();
  child.unref();
  // A new file of this process's (what was there named no live lab host, whoever wrote it).
  rmSync(join(runtime, 'holder.pid'), { force: true });
  writeFileSync(join(runtime, 'holder.pid'), `${pid} ${processStart(pid) ?? ''} ${cpu}\n`, { mode: 0o600, flag: 'wx' });
  return { pid, userns: usernsOf(pid)!, cpu };
}

/** Whether a process is the holder's own `sleep infinity`. */
function isHolderSleep(h: Holder, pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === h.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8') === 'sleep\0infinity\0';
  } catch {
    return false;
  }
}

/** The pids of this user's processes in the holder's user namespace, the holder, its sleep and this one left out. */
export function holderMembers(h: Holder): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === h.pid || Number(d) === process.pid) continue;
    if (usernsOf(Number(d)) === h.userns && !isHolderSleep(h, Number(d))) out.push(Number(d));
  }
  return out;
}

/** Whether the holder's lab host still has a lab: a lab host namespace in its private /run/netns. */
export function holderHasLabs(h: Holder): boolean {
  try {
    return readdirSync(`/proc/${h.pid}/root/run/netns`).some((n) => n.startsWith('vc-'));
  } catch {
    return false;
  }
}

/** Ends the holder (its namespaces and mounts go with it), and every other process of its user namespace, and forgets it. */
export function stopHolder(runtime: string, h: Holder): void {
  // The holder, and what is under it: its sleep (in a process group of its own) and any orphan it took in.
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${h.pid}/task/${h.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone, or no children file: the holder alone
  }
  for (const pid of [h.pid, ...children, ...holderMembers(h)]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(join(runtime, 'holder.pid'), { force: true });
}
