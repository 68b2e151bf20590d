// A thin root in a rootless lab host. An overlay over / cannot be made there (/ has mounts under it, locked in a user
// namespace: overlayfs "failed to clone lowerpath"), so the root is a skeleton on the jail's layer with one overlay
// per top-level folder that has no mount under it, the machine's links as links, and empty folders where the jail
// mounts its own (/proc, /sys, /dev, /run, /tmp) or where a folder has mounts under it.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: a shell script, whose ${...} are shell parameters
import { join } from 'node:path';
import type { Host } from '../../../core/host.js';

/** One part of the skeleton: an overlay of the machine's folder, an empty folder, or a link. */
export type RootPart = { kind: 'overlay'; path: string } | { kind: 'dir'; path: string } | { kind: 'link'; path: string; target: string };

/** Top-level folders a jail mounts its own over: left empty. */
const OWN = new Set(['proc', 'sys', 'dev', 'run', 'tmp']);

/** A path an overlay's options can carry (no ',' or ':' or white space). */
const SAFE = /^\/[A-Za-z0-9._@+/-]*$/;

/** The parts for folder `dir`'s entries (pure): `mounts` are the mount points of the lab host. */
export function partsOf(
  dir: string,
  entries: { name: string; dir: boolean; link?: string }[],
  mounts: string[],
  depth: number,
): { parts: RootPart[]; deeper: string[] } {
  const parts: RootPart[] = [];
  const deeper: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.link !== undefined) parts.push({ kind: 'link', path, target: e.link });
    else if (!e.dir) continue;
    else if (dir === '/' && OWN.has(e.name)) parts.push({ kind: 'dir', path });
    else if (SAFE.test(path) && !mounts.some((m) => m.startsWith(`${path}/`))) parts.push({ kind: 'overlay', path });
    else {
      parts.push({ kind: 'dir', path });
      if (depth < 2 && SAFE.test(path)) deeper.push(path);
    }
  }
  return { parts, deeper };
}

/** The skeleton's parts, read from the lab host's root and mount table. */
export async function rootParts(host: Host): Promise<RootPart[]> {
  const mounts = ((await host.readFile('/proc/self/mountinfo')) ?? '').split('\n').map((l) => l.split(' ')[4] ?? '');
  const out: RootPart[] = [];
  let level = ['/'];
  for (let depth = 0; level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = [];
      for (const e of await host.list(dir)) entries.push({ ...e, ...(e.dir ? {} : { link: await host.readlink(join(dir, e.name)) }) });
      const { parts, deeper } = partsOf(
        dir,
        entries.map((e) => (e.link === undefined ? { name: e.name, dir: e.dir } : e)),
        mounts,
        depth,
      );
      out.push(...parts);
      next.push(...deeper);
    }
    level = next;
  }
  return out;
}

/** Mounts the skeleton ($1 layer, $2 root, then `o PATH`, `d PATH` or `l PATH TARGET`), in one host command. */
export const THIN_ROOT = [
  'set -eu',
  'layer=$1 root=$2; shift 2',
  'mkdir -p "$layer/top" "$layer/upper" "$layer/work"',
  'mount --bind "$layer/top" "$root"',
  'while [ $# -gt 0 ]; do',
  '  case $1 in',
  '    d) mkdir -p "$root$2"; shift 2 ;;',
  '    l) [ -L "$root$2" ] || ln -s "$3" "$root$2"; shift 3 ;;',
  '    o) mkdir -p "$root$2" "$layer/upper$2" "$layer/work$2"',
  '       mount -t overlay -o "lowerdir=$2,upperdir=$layer/upper$2,workdir=$layer/work$2,userxattr" vessel-root "$root$2"; shift 2 ;;',
  '    *) exit 2 ;;',
  '  esac',
  'done',
  '',
].join('\n');

/** THIN_ROOT's arguments after the layer and root. */
export function thinRootArgs(parts: RootPart[]): string[] {
  return parts.flatMap((p) => (p.kind === 'link' ? ['l', p.path, p.target] : [p.kind === 'overlay' ? 'o' : 'd', p.path]));
}
