// A jail's namespaces and mounts: the setup that makes them at creation, and the mounts alone again (a rollback).
import { join } from 'node:path';
import type { JailRow } from '../../core/model.js';
import type { LinuxContext } from './context.js';
import { jailNetns } from './names.js';
import { jailPaths, labPaths } from './paths.js';

// A jail's mounts, inside its new mount namespace. $2 hosts, $3 resolv.conf, $4 hostname, $6 the state database's
// folder (an empty tmpfs goes over it, so nothing in a jail can open the database), $7 the root kind, $8 the jail's
// directory, $9 the lab's lib directory, $10 the run's work directory or ''.
// shared: the host's files with the jail's own hosts, resolv.conf and hostname, and a read-only sysfs of its netns.
// thin: an overlay over the host's root whose upper layer is the jail's tmpfs (made by the engine in $8/layer), with
// its own /tmp and /run, the jail's and the lab's directories and the work directory at their paths, then
// pivot_root into it: the jail's mount namespace has nothing else.
export const MOUNTS = [
  'if [ "$7" = thin ]; then',
  '  R=$8/root',
  '  mount -t overlay vessel-root -o "lowerdir=/,upperdir=$8/layer/upper,workdir=$8/layer/work" "$R" &&',
  '  mount --bind "$2" "$R/etc/hosts" && mount --bind "$3" "$R/etc/resolv.conf" && mount --bind "$4" "$R/etc/hostname" &&',
  '  mount -t sysfs -o ro sysfs "$R/sys" && mount --rbind /dev "$R/dev" &&',
  '  mount -t tmpfs -o mode=1777,nosuid,nodev vessel-tmp "$R/tmp" && mount -t tmpfs -o mode=0755,nosuid,nodev vessel-run "$R/run" &&',
  '  mkdir -p "$R/run/sshd" "$R$8" "$R$9" && mount --bind "$8" "$R$8" && mount --bind -o ro "$9" "$R$9" &&',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter, not a template
  '  { [ -z "${10}" ] || { mkdir -p "$R${10}" && mount --bind "${10}" "$R${10}"; }; } &&',
  '  { [ ! -d "$R$6" ] || mount -t tmpfs -o size=4k,mode=0700 vessel-state-hidden "$R$6"; } &&',
  '  cd "$R" && pivot_root . . && busybox umount -l .',
  'else',
  '  mount --bind "$2" /etc/hosts && mount --bind "$3" /etc/resolv.conf && mount --bind "$4" /etc/hostname &&',
  '  { [ ! -d "$6" ] || mount -t tmpfs -o size=4k,mode=0700 vessel-state-hidden "$6"; } &&',
  '  mount -t sysfs -o ro sysfs /sys',
  'fi',
  '',
].join('\n');

// Runs inside the new jail netns: sets the hostname and configures the links from a batch file ($1 name, $5 ip
// batch), then makes the jail's mounts (the lab's mounts.sh, $9 being the lab's lib directory).
export const SETUP = 'echo "$1" > /proc/sys/kernel/hostname && ip -batch "$5" && exec sh "$9/mounts.sh" "$@"\n';

/** SETUP's arguments after the script: the jail's name, files, root kind, directories and work directory. */
function setupArgs(ctx: LinuxContext, lab: string, j: Pick<JailRow, 'name' | 'root' | 'workdir'>): string[] {
  const p = jailPaths(ctx.runDir, lab, j.name);
  return [j.name, p.hosts, p.resolv, p.hostname, p.setup, ctx.stateDir, j.root, p.dir, labPaths(ctx.runDir, lab).lib, j.workdir ?? ''];
}

/**
 * `nsenter` into the jail's netns (and UTS, when it exists already), then `unshare` of a new persistent mount
 * namespace (and UTS, when `newUts`), running one of the lab's scripts with SETUP's arguments.
 */
function inNewMountNs(ctx: LinuxContext, lab: string, j: Pick<JailRow, 'name' | 'root' | 'workdir'>, script: string, newUts: boolean): string[] {
  const p = jailPaths(ctx.runDir, lab, j.name);
  const uts = `--uts=${p.uts}`;
  return [
    'nsenter',
    `--net=/run/netns/${jailNetns(lab, j.name)}`,
    ...(newUts ? [] : [uts]),
    '--',
    'unshare',
    ...(newUts ? [uts] : []),
    `--mount=${p.mnt}`,
    '--propagation',
    'slave',
    '--',
    'sh',
    join(labPaths(ctx.runDir, lab).lib, script),
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
