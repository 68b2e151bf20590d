// Argument vectors that run a command inside a jail (its namespaces and cgroup) or in the lab host.
import { join } from 'node:path';
import { cgroupDir } from './facts.js';
import { hostNetns, jailNetns } from './names.js';
import { jailPaths } from './paths.js';

// Joins the cgroup first, then replaces itself with the command. $1 cgroup dir, then the argv.
const JOIN_CGROUP = 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"';

/** argv that runs `argv` in jail `name` of `lab`, starting in `wd` (a path visible in the jail). */
export function jailArgv(opts: { runDir: string; cgroupRoot: string; lab: string; name: string; wd?: string }, argv: string[]): string[] {
  const p = jailPaths(opts.runDir, opts.lab, opts.name);
  return [
    'sh',
    '-c',
    JOIN_CGROUP,
    'vessel-enter',
    cgroupDir(opts.cgroupRoot, opts.lab, opts.name),
    'nsenter',
    `--net=${join('/run/netns', jailNetns(opts.lab, opts.name))}`,
    `--uts=${p.uts}`,
    `--mount=${p.mnt}`,
    ...(opts.wd ? [`--wd=${opts.wd}`] : []),
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

/** argv that runs `argv` in a jail's network namespace only (for probes). */
export function jailNetArgv(lab: string, name: string, argv: string[]): string[] {
  return ['nsenter', `--net=${join('/run/netns', jailNetns(lab, name))}`, '--', ...argv];
}
