// File paths of a lab and its jails under the run directory.
import { join } from 'node:path';

/** Paths for one lab. */
export function labPaths(runDir: string, lab: string) {
  const root = join(runDir, lab);
  return {
    root,
    /** Private bind mount holding the jails' persistent UTS and mount namespace files. */
    nsDir: join(root, 'ns'),
    jailsDir: join(root, 'jails'),
  };
}

/** Paths for one jail. */
export function jailPaths(runDir: string, lab: string, jail: string) {
  const l = labPaths(runDir, lab);
  const dir = join(l.jailsDir, jail);
  return {
    dir,
    uts: join(l.nsDir, `${jail}.uts`),
    mnt: join(l.nsDir, `${jail}.mnt`),
    hosts: join(dir, 'hosts'),
    resolv: join(dir, 'resolv.conf'),
    hostname: join(dir, 'hostname'),
    setup: join(dir, 'setup.ip'),
    log: join(dir, 'service.log'),
  };
}
