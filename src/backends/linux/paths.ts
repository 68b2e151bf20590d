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
    /** The scripts every jail's process space starts with (init.sh, dev.sh, proc.fstab); bound into thin roots. */
    lib: join(root, 'lib'),
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
    /** A thin root: the overlay's mount point, and the host tmpfs holding its upper layer. */
    root: join(dir, 'root'),
    layer: join(dir, 'layer'),
    upper: join(dir, 'layer', 'upper'),
    snapshots: join(dir, 'snapshots'),
    /** The v1 cgroups (limits) every entry joins besides the jail's own, one per line. */
    cgroups: join(dir, 'cgroups'),
    initPid: join(dir, 'init.pid'),
    hosts: join(dir, 'hosts'),
    resolv: join(dir, 'resolv.conf'),
    hostname: join(dir, 'hostname'),
    setup: join(dir, 'setup.ip'),
    log: join(dir, 'service.log'),
  };
}
