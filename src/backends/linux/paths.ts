// File paths of a lab and its jails under the run directory.
import { join } from 'node:path';

/** Paths for one lab. */
export function labPaths(runDir: string, lab: string) {
  const root = join(runDir, lab);
  return {
    root,
    /** Private bind mount holding the jails' persistent user, UTS and mount namespace files. */
    nsDir: join(root, 'ns'),
    jailsDir: join(root, 'jails'),
    /** The engine's own files of each jail (0700): never mounted into a jail, never written by one. */
    privateDir: join(root, 'private'),
    /** The engine's scripts (enter.sh, setup.sh, ...): run by the host, never mounted into a thin root. */
    lib: join(root, 'lib'),
  };
}

/** Paths for one jail. */
export function jailPaths(runDir: string, lab: string, jail: string) {
  const l = labPaths(runDir, lab);
  const dir = join(l.jailsDir, jail);
  const priv = join(l.privateDir, jail);
  return {
    /** The jail's own directory (hosts, resolv.conf, logs, a router's files): a shared root sees it as $VESSEL_JAIL_DIR. */
    dir,
    /** The jail's user namespace: it owns every other namespace of the jail, so its root's powers end at them. */
    user: join(l.nsDir, `${jail}.user`),
    uts: join(l.nsDir, `${jail}.uts`),
    mnt: join(l.nsDir, `${jail}.mnt`),
    /** The engine's own files of the jail: nothing in the jail can see or write them. */
    priv,
    /** A thin root: the overlay's mount point, and the host tmpfs holding its upper layer. */
    root: join(priv, 'root'),
    layer: join(priv, 'layer'),
    upper: join(priv, 'layer', 'upper'),
    snapshots: join(priv, 'snapshots'),
    /** The v1 cgroups (limits) every entry joins besides the jail's own, one per line. */
    cgroups: join(priv, 'cgroups'),
    initPid: join(priv, 'init.pid'),
    /** A shared root's /dev is built here, then moved over /dev. */
    devStage: join(priv, 'dev'),
    hosts: join(dir, 'hosts'),
    resolv: join(dir, 'resolv.conf'),
    hostname: join(dir, 'hostname'),
    setup: join(priv, 'setup.ip'),
    /** IPv6 sysctls the setup writes before the links come up (`KEY VALUE` lines), beside setup.ip. */
    sysctl: join(priv, 'setup.sysctl'),
    log: join(dir, 'service.log'),
  };
}
