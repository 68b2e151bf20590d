// A jail's root filesystem kind and its snapshots' names (pure).

/** `shared`: the host's filesystem, as it is; `thin`: an overlay over it whose writes stay in the jail. */
export type RootKind = 'shared' | 'thin';

/** The root a jail gets when none is asked for. */
export const DEFAULT_ROOT: RootKind = 'shared';

/** Parses `--root` / supervisor `root`, or returns a message. */
export function parseRoot(v: string): RootKind | string {
  return v === 'shared' || v === 'thin' ? v : `root=${v}: expected thin (a writable root of the jail's own) or shared (the host's files)`;
}

/** Parses NAME@SNAP, or returns a message. A snapshot name is a short word: letters, digits, `-`, `_`, `.`. */
export function parseSnapshotRef(v: string): { jail: string; snap: string } | string {
  const at = v.lastIndexOf('@');
  if (at < 1 || at === v.length - 1) return `${v}: expected NAME@SNAPSHOT (e.g. db@before-upgrade)`;
  const snap = v.slice(at + 1);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(snap))
    return `snapshot name ${snap}: use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`;
  return { jail: v.slice(0, at), snap };
}

/**
 * What a thin root shows of the run, at the same paths: the run's work directory and the folder of its jail steps'
 * files (`$VESSEL_WORKDIR`, `$VESSEL_JAIL_STEPS`), joined by ':'. Never the run's private folder.
 */
export function runFiles(): string | undefined {
  const dirs = [process.env.VESSEL_WORKDIR, process.env.VESSEL_JAIL_STEPS].filter((d): d is string => !!d && !d.includes(':'));
  return dirs.length ? dirs.join(':') : undefined;
}
