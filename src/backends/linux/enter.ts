// Argument vectors that run a command inside a jail (its namespaces and cgroup) or in the lab host.
import { join } from 'node:path';
import { boundingSet } from './caps.js';
import { cgroupDir } from './facts.js';
import { hostNetns, jailNetns } from './names.js';
import { jailPaths, labPaths } from './paths.js';

/**
 * Joins the cgroup $1 first, then replaces itself with the rest of the arguments. `>>`: the same for a cgroup, and a
 * list of entries where a folder stands for one (kill.ts, NETNS_GROUPS_ROOT).
 */
export const JOIN_CGROUP = 'echo $$ >> "$1/cgroup.procs" && shift && exec "$@"';

/** Where a jail is entered: its lab, name, and the engine's folders. */
export interface JailWhere {
  runDir: string;
  cgroupRoot: string;
  lab: string;
  name: string;
  wd?: string;
}

/**
 * argv that runs `argv` as a process of jail `name` of `lab`, starting in `wd` (a path visible in the jail): in the
 * jail's process space (pidns.ts ENTER) with the jail's capabilities only (caps.ts).
 */
export function jailArgv(opts: JailWhere, argv: string[], how: 'start' | 'join' = 'start'): string[] {
  const p = jailPaths(opts.runDir, opts.lab, opts.name);
  const lib = labPaths(opts.runDir, opts.lab).lib;
  return [
    'sh',
    join(lib, 'enter.sh'),
    cgroupDir(opts.cgroupRoot, opts.lab, opts.name),
    p.priv,
    p.user,
    join('/run/netns', jailNetns(opts.lab, opts.name)),
    p.uts,
    p.mnt,
    opts.wd ?? '/',
    boundingSet(),
    how,
    ...argv,
  ];
}

/**
 * argv that runs the engine's own helper `argv` in a jail's network namespace and cgroup, with full rights, outside
 * its process space and in the host's files (the DHCP client: the engine's, as the router's leases are). Nothing of
 * the jail's files runs, and the helper writes the jail's files by their host paths.
 */
export function jailEngineArgv(opts: JailWhere, argv: string[]): string[] {
  return [
    'sh',
    '-c',
    JOIN_CGROUP,
    'vessel-enter',
    cgroupDir(opts.cgroupRoot, opts.lab, opts.name),
    'nsenter',
    `--net=${join('/run/netns', jailNetns(opts.lab, opts.name))}`,
    '--',
    ...argv,
  ];
}

/** argv that runs `argv` in the lab host's network namespace (and in `cgroup`, when given). */
export function labHostArgv(lab: string, argv: string[], cgroup?: string): string[] {
  return [...(cgroup ? ['sh', '-c', JOIN_CGROUP, 'vessel-enter', cgroup] : []), 'nsenter', `--net=${join('/run/netns', hostNetns(lab))}`, '--', ...argv];
}

/** The cgroup of a run's own step processes in the lab host and upstream (a name no jail can have). */
export function stepsCgroup(cgroupRoot: string, lab: string): string {
  return join(cgroupDir(cgroupRoot, lab), '_steps');
}

/**
 * argv that runs a probe in a jail: in its process space when it has one (starting none: an idle jail stays idle),
 * with the jail's capabilities.
 */
export function jailProbeArgv(opts: JailWhere, argv: string[]): string[] {
  return jailArgv(opts, argv, 'join');
}

/** argv that runs `argv` in a jail's network namespace only (the engine's own checks). */
export function jailNetArgv(lab: string, name: string, argv: string[]): string[] {
  return ['nsenter', `--net=${join('/run/netns', jailNetns(lab, name))}`, '--', ...argv];
}
