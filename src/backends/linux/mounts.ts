// A jail's namespaces and mounts: the setup that makes them at creation, and the mounts alone again (a rollback).
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell scripts, whose ${...} are shell parameters
import { join } from 'node:path';
import type { JailRow } from '../../core/model.js';
import type { LinuxContext } from './context.js';
import { jailNetns } from './names.js';
import { jailPaths, labPaths } from './paths.js';

/**
 * The entries of a jail's /dev that are files, folders and links: made once per lab beside the jails' private folders
 * (`.dev-template`, a name no jail can have, under the folder a shared root hides), copied into each /dev.
 */
export const DEV_TEMPLATE = {
  files: ['null', 'zero', 'full', 'random', 'urandom', 'tty'],
  dirs: ['pts', 'shm'],
  links: [
    ['ptmx', 'pts/ptmx'],
    ['fd', '/proc/self/fd'],
    ['stdin', '/proc/self/fd/0'],
    ['stdout', '/proc/self/fd/1'],
    ['stderr', '/proc/self/fd/2'],
  ],
} as const;

// A jail's mounts, made by the engine at creation (or a rollback) before anything of the jail has run, inside the
// jail's new mount namespace, which its user namespace owns. $2 hosts, $3 resolv.conf, $4 hostname, $6 the state
// database's folder, $7 the root kind, $8 the jail's private directory (the engine's: never mounted into the jail),
// $9 the run's folders a thin root shows, joined by ':' (its work directory, its jail steps' files), or ''; $11,
// rootless only, the lab's /etc/shadow for jails (rootless/shadow.ts): then the jail's root also gets a /root of its
// own, an empty tmpfs (the machine's is root's, closed to a rootless lab).
// shared: the host's files with the jail's own hosts, resolv.conf, hostname and /dev, a read-only sysfs of its
// netns, and empty folders over the state database, the host's netns files and the lab's private directory.
// thin: the engine's overlay over the host's root (in $8/root), whose upper layer is the jail's tmpfs ($8/layer), a
// /proc (each process space mounts its own over it), its own /dev, /tmp and /run, the run's work and jail folders,
// then pivot_root into it: the jail's mount namespace has nothing else. No engine folder is in it.
// The plain mounts (binds, tmpfs, devpts) go into a table in $8 and are made by one `mount --all` in the table's
// order: a program per jail where there was one per mount. Mounts over something already mounted (sysfs, /proc, the
// overlay onto itself, the move of /dev) stay single commands: `mount --all` skips what looks mounted already.
// /dev's files, folders and links are copied from the lab's DEV_TEMPLATE in one cp.
export const MOUNTS = [
  'hosts=$2 resolv=$3 hn=$4 state=$6 kind=$7 priv=$8 runs=$9 shadow=${11:-}',
  'dt=${priv%/*}/.dev-template T=$priv/mounts.fstab',
  // One line of the table; a path with white space or a backslash is refused (a table would need it escaped).
  'tab() {',
  '  case "$1$2" in *[[:space:]]* | *\\\\*) echo "vessel: cannot mount $1 on $2: white space or a backslash in a path" >&2; exit 1;; esac',
  '  printf \'%s %s %s %s 0 0\\n\' "$1" "$2" "$3" "$4" >> "$T"',
  '}',
  'hide() { [ ! -d "$1" ] || tab vessel-hidden "$1" tmpfs size=4k,mode=0700; }',
  // A jail's /dev in $1 (a fresh tmpfs, filled from the template): the host's harmless nodes only (no disks, no
  // kmsg, no mem), its own devpts and shm.
  'devfs() {',
  '  mount -t tmpfs -o mode=0755,size=1m,nosuid,noexec vessel-dev "$1" && cp -a "$dt/." "$1/" || exit 1',
  `  for n in ${DEV_TEMPLATE.files.join(' ')}; do tab "/dev/$n" "$1/$n" none bind; done`,
  // gid 5 (tty) owns the terminals where it exists: a rootless lab host with one uid has no gid 5.
  '  ptsgid=; while read -r a _ c; do [ 5 -lt "$a" ] || [ 5 -ge $((a + c)) ] || ptsgid=,gid=5; done < /proc/self/gid_map',
  '  tab vessel-pts "$1/pts" devpts "newinstance,ptmxmode=0666,mode=0620$ptsgid"',
  '  tab vessel-shm "$1/shm" tmpfs mode=1777,nosuid,nodev',
  '}',
  ': > "$T" || exit 1',
  'if [ "$kind" = thin ]; then',
  // The overlay is the engine's, mounted on the host (an overlay over / cannot be made in a user namespace); its
  // copy here is locked, so it is bound onto itself to be a root this namespace may pivot into (with what is under
  // it: a rootless thin root is an overlay per folder, rootless/thin.ts).
  '  R=$priv/root',
  '  mount --rbind "$R" "$R" && mount -t sysfs -o ro sysfs "$R/sys" && mount --rbind /proc "$R/proc" || exit 1',
  '  tab "$hosts" "$R/etc/hosts" none bind; tab "$resolv" "$R/etc/resolv.conf" none bind; tab "$hn" "$R/etc/hostname" none bind',
  '  [ -z "$shadow" ] || { tab "$shadow" "$R/etc/shadow" none bind; tab vessel-home "$R/root" tmpfs mode=0700,nosuid,nodev; }',
  '  devfs "$R/dev"',
  '  tab vessel-tmp "$R/tmp" tmpfs mode=1777,nosuid,nodev; tab vessel-run "$R/run" tmpfs mode=0755,nosuid,nodev',
  '  mount --all --fstab "$T" && mkdir -p "$R/run/sshd" && : > "$T" || exit 1',
  // Then, on the new /tmp and /run: the run's folders, and the state database's folder hidden if it shows.
  '  set -f; IFS=:; set --',
  '  for f in $runs; do if [ -d "$f" ]; then set -- "$@" "$R$f"; tab "$f" "$R$f" none bind; fi; done',
  '  unset IFS; set +f',
  '  { [ $# -eq 0 ] || mkdir -p "$@"; } && hide "$R$state" && mount --all --fstab "$T" && cd "$R" && pivot_root . . && umount -l .',
  'else',
  '  mount -t sysfs -o ro sysfs /sys && mkdir -p "$priv/dev" || exit 1',
  '  tab "$hosts" /etc/hosts none bind; tab "$resolv" /etc/resolv.conf none bind; tab "$hn" /etc/hostname none bind',
  '  [ -z "$shadow" ] || { tab "$shadow" /etc/shadow none bind; tab vessel-home /root tmpfs mode=0700,nosuid,nodev; }',
  '  devfs "$priv/dev"',
  '  mount --all --fstab "$T" && mount --move "$priv/dev" /dev || exit 1',
  // Hidden last: the private folder holds the /dev just moved.
  '  : > "$T" && hide "$state" && hide /run/netns && hide "${priv%/*}" && mount --all --fstab "$T"',
  'fi',
  '',
].join('\n');

// Runs inside the jail's new namespaces: sets the hostname, writes the network sysctls of setup.sysctl beside the
// batch file when there is one (IPv6: `KEY VALUE` lines, the keys under /proc/sys/net, written by the engine), and
// configures the links from the batch file ($1 name, $5 ip batch), then makes the jail's mounts (MOUNTS, the lab's
// mounts.sh; $10 the lab's lib directory).
export const SETUP = [
  // hostname(1), the sethostname call: /proc/sys/kernel/hostname is root's file, which a rootless jail cannot write.
  'hostname "$1" || exit 1',
  'if [ -f "${5%/*}/setup.sysctl" ]; then',
  '  while read -r k v; do case "$k" in net/*) echo "$v" > "/proc/sys/$k" || exit 1;; *) exit 1;; esac; done < "${5%/*}/setup.sysctl"',
  'fi',
  'ip -batch "$5" && exec sh "${10}/mounts.sh" "$@"',
  '',
].join('\n');

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
  // Rootless: made on the lab host's CPU, so its id is above the lab host's (rootless/holder.ts says why).
  'pin=(); if [ -n "${VESSEL_NS_CPU:-}" ]; then pin=(taskset -c "$VESSEL_NS_CPU"); fi',
  // A rootless lab host with one uid may not call setgroups: nsenter then keeps the credentials it has (uid 0 there).
  'pc=(); read -r sg 2>/dev/null < /proc/self/setgroups; [ "${sg:-}" != deny ] || pc=(--preserve-credentials)',
  // Its status, then it waits on its standard input, which this shell holds: the end of this shell frees it.
  `coproc NS { exec "\${pin[@]}" nsenter "\${pc[@]}" --user="$u" --net="$net" "\${enter[@]}" -- unshare "\${new[@]}" --mount --propagation slave -- sh -c 'sh "$@" >&2 </dev/null; echo "$$ $?"; read -r _' vessel-ns "$@"; }`,
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
  const lib = labPaths(ctx.runDir, lab).lib;
  return [j.name, p.hosts, p.resolv, p.hostname, p.setup, ctx.stateDir, j.root, p.priv, j.workdir ?? '', lib, ...(ctx.rootless ? [join(lib, 'shadow')] : [])];
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

/** The lab's /dev template (mounts.ts DEV_TEMPLATE), made once: each jail's /dev is a copy of it, with mounts over it. */
export async function ensureDevTemplate(ctx: LinuxContext, lab: string): Promise<void> {
  const t = join(labPaths(ctx.runDir, lab).privateDir, '.dev-template');
  if (await ctx.host.exists(join(t, DEV_TEMPLATE.links.at(-1)![0]))) return;
  await ctx.host.mkdir(t, 0o755);
  for (const f of DEV_TEMPLATE.files) await ctx.host.writeFile(join(t, f), '', 0o644);
  for (const d of DEV_TEMPLATE.dirs) await ctx.host.mkdir(join(t, d), 0o755);
  // A fixed script; the folder and the links are its arguments.
  await ctx.host.run([
    'sh',
    '-c',
    'd=$1; shift; while [ $# -ge 2 ]; do ln -sfn "$2" "$d/$1" || exit 1; shift 2; done',
    'vessel-dev',
    t,
    ...DEV_TEMPLATE.links.flat(),
  ]);
}
