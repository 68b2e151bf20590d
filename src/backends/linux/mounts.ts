// A jail's namespaces and mounts: the setup that makes them at creation, and the mounts alone again (a rollback).
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell scripts, whose ${...} are shell parameters
import { join } from 'node:path';
import type { JailRow } from '../../core/model.js';
import type { LinuxContext } from './context.js';
import { jailNetns } from './names.js';
import { jailPaths, labPaths } from './paths.js';

/** Builds a jail's /dev in $1 from the host's harmless nodes (no disks, no kmsg, no mem): a shell function. */
export const DEV_FUNCTION = [
  'dev() {',
  '  mount -t tmpfs -o mode=0755,size=1m,nosuid,noexec vessel-dev "$1" &&',
  '  for n in null zero full random urandom tty; do touch "$1/$n" && mount --bind "/dev/$n" "$1/$n" || return 1; done &&',
  '  mkdir "$1/pts" "$1/shm" && mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 vessel-pts "$1/pts" &&',
  '  ln -s pts/ptmx "$1/ptmx" && ln -s /proc/self/fd "$1/fd" && ln -s /proc/self/fd/0 "$1/stdin" &&',
  '  ln -s /proc/self/fd/1 "$1/stdout" && ln -s /proc/self/fd/2 "$1/stderr" &&',
  '  mount -t tmpfs -o mode=1777,nosuid,nodev vessel-shm "$1/shm"',
  '}',
].join('\n');

// A jail's mounts, made by the engine at creation (or a rollback) before anything of the jail has run, inside the
// jail's new mount namespace, which its user namespace owns. $2 hosts, $3 resolv.conf, $4 hostname, $6 the state
// database's folder, $7 the root kind, $8 the jail's private directory (the engine's: never mounted into the jail),
// $9 the run's folders a thin root shows, joined by ':' (its work directory, its jail steps' files), or ''.
// shared: the host's files with the jail's own hosts, resolv.conf, hostname and /dev, a read-only sysfs of its
// netns, and empty folders over the state database, the host's netns files and the lab's private directory.
// thin: the engine's overlay over the host's root (in $8/root), whose upper layer is the jail's tmpfs ($8/layer), a
// /proc (each process space mounts its own over it), its own /dev, /tmp and /run, the run's work and jail folders,
// then pivot_root into it: the jail's mount namespace has nothing else. No engine folder is in it.
export const MOUNTS = [
  DEV_FUNCTION,
  'hide() { [ ! -d "$1" ] || mount -t tmpfs -o size=4k,mode=0700 vessel-hidden "$1"; }',
  'if [ "$7" = thin ]; then',
  // The overlay is the engine's, mounted on the host (an overlay over / cannot be made in a user namespace); its
  // copy here is locked, so it is bound onto itself to be a root this namespace may pivot into.
  '  R=$8/root',
  '  mount --bind "$R" "$R" &&',
  '  mount --bind "$2" "$R/etc/hosts" && mount --bind "$3" "$R/etc/resolv.conf" && mount --bind "$4" "$R/etc/hostname" &&',
  '  mount -t sysfs -o ro sysfs "$R/sys" && mount --rbind /proc "$R/proc" && dev "$R/dev" &&',
  '  mount -t tmpfs -o mode=1777,nosuid,nodev vessel-tmp "$R/tmp" && mount -t tmpfs -o mode=0755,nosuid,nodev vessel-run "$R/run" &&',
  '  mkdir -p "$R/run/sshd" || exit 1',
  '  set -f; IFS=:',
  '  for f in $9; do if [ -d "$f" ]; then mkdir -p "$R$f" && mount --bind "$f" "$R$f" || exit 1; fi; done',
  '  unset IFS; set +f',
  '  hide "$R$6" && cd "$R" && pivot_root . . && umount -l .',
  'else',
  '  mount --bind "$2" /etc/hosts && mount --bind "$3" /etc/resolv.conf && mount --bind "$4" /etc/hostname &&',
  '  mount -t sysfs -o ro sysfs /sys && mkdir -p "$8/dev" && dev "$8/dev" && mount --move "$8/dev" /dev &&',
  '  hide "$6" && hide /run/netns && hide "${8%/*}"',
  'fi',
  '',
].join('\n');

// Runs inside the jail's new namespaces: sets the hostname and configures the links from a batch file ($1 name, $5
// ip batch), then makes the jail's mounts (MOUNTS, the lab's mounts.sh; $10 the lab's lib directory).
export const SETUP = 'echo "$1" > /proc/sys/kernel/hostname && ip -batch "$5" && exec sh "${10}/mounts.sh" "$@"\n';

/**
 * Makes a jail's UTS and mount namespaces, owned by its user namespace, and keeps them by bind mount (bash, run by
 * the host). The namespaces' first process runs a script in them and waits; the host binds its namespace files,
 * then lets it end. $1 user ns file, $2 netns file, $3 UTS file or '' (enter the existing one, $4), $4 UTS file, $5
 * mount namespace file, $6 the script, then its arguments.
 */
export const NEWNS = [
  'set -u',
  'u=$1 net=$2 newuts=$3 uts=$4 mnt=$5; shift 5',
  'if [ -n "$newuts" ]; then enter=(); new=(--uts); else enter=(--uts="$uts"); new=(); fi',
  // Its status, then it waits on its standard input, which this shell holds: the end of this shell frees it.
  `coproc NS { exec nsenter --user="$u" --net="$net" "\${enter[@]}" -- unshare "\${new[@]}" --mount --propagation slave -- sh -c 'sh "$@" >&2 </dev/null; echo "$$ $?"; read -r _' vessel-ns "$@"; }`,
  'cp=$NS_PID; read -r pid rc <&"${NS[0]}" || { echo "vessel: the jail\'s namespaces could not be made" >&2; exit 125; }',
  'if [ "$rc" = 0 ]; then',
  '  { [ -z "$newuts" ] || mount --bind "/proc/$pid/ns/uts" "$uts"; } && mount --bind "/proc/$pid/ns/mnt" "$mnt" || rc=125',
  'fi',
  'exec {NS[1]}>&-',
  'wait "$cp"',
  'exit "$rc"',
  '',
].join('\n');

/** SETUP's arguments after the script: the jail's name, files, root kind, directories and the lab's lib. */
function setupArgs(ctx: LinuxContext, lab: string, j: Pick<JailRow, 'name' | 'root' | 'workdir'>): string[] {
  const p = jailPaths(ctx.runDir, lab, j.name);
  return [j.name, p.hosts, p.resolv, p.hostname, p.setup, ctx.stateDir, j.root, p.priv, j.workdir ?? '', labPaths(ctx.runDir, lab).lib];
}

/** NEWNS for a jail: its user ns and netns entered, new UTS (when `newUts`) and mount namespaces, one of the lab's scripts. */
function inNewMountNs(ctx: LinuxContext, lab: string, j: Pick<JailRow, 'name' | 'root' | 'workdir'>, script: string, newUts: boolean): string[] {
  const p = jailPaths(ctx.runDir, lab, j.name);
  const lib = labPaths(ctx.runDir, lab).lib;
  return [
    'bash',
    join(lib, 'newns.sh'),
    p.user,
    join('/run/netns', jailNetns(lab, j.name)),
    newUts ? p.uts : '',
    p.uts,
    p.mnt,
    join(lib, script),
    ...setupArgs(ctx, lab, j),
  ];
}

/** The command that runs SETUP inside a new jail's netns, making its persistent UTS and mount namespaces. */
export function setupArgv(ctx: LinuxContext, lab: string, j: Pick<JailRow, 'name' | 'root' | 'workdir'>): string[] {
  return inNewMountNs(ctx, lab, j, 'setup.sh', true);
}

/** The command that makes a jail's mount namespace again (a rollback): MOUNTS in a new one, in its netns and UTS. */
export function remountArgv(ctx: LinuxContext, lab: string, j: Pick<JailRow, 'name' | 'root' | 'workdir'>): string[] {
  return inNewMountNs(ctx, lab, j, 'mounts.sh', false);
}
