// Probes the host for a recipe's logical needs (front matter `needs:`).
import { access, readdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { NEEDS, needProbes } from '../recipe/needs.js';

async function executable(p: string): Promise<boolean> {
  try {
    await access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expands one `*` path segment at a time (enough for /usr/lib/postgresql/ * /bin/postgres). */
async function globPaths(pattern: string): Promise<string[]> {
  const parts = pattern.split('/');
  let bases = ['/'];
  for (const part of parts.filter(Boolean)) {
    const next: string[] = [];
    for (const b of bases) {
      if (!part.includes('*')) next.push(join(b, part));
      else {
        const re = new RegExp(
          '^' +
            part
              .split('*')
              .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
              .join('.*') +
            '$',
        );
        try {
          for (const e of await readdir(b)) if (re.test(e)) next.push(join(b, e));
        } catch {
          /* not there */
        }
      }
    }
    bases = next;
  }
  return bases;
}

/** True when one probe (a command name, or an absolute path/pattern) finds the tool. */
export async function probe(spec: string, pathEnv = process.env.PATH ?? ''): Promise<boolean> {
  if (spec.startsWith('/')) {
    for (const p of await globPaths(spec)) if (await executable(p)) return true;
    return false;
  }
  const dirs = [...pathEnv.split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'].filter(Boolean);
  for (const d of dirs) if (await executable(join(d, spec))) return true;
  return false;
}

/** Where needs are probed: the OS whose probes apply, and how one probe runs (this machine's by default). */
export interface NeedsPlace {
  os: 'debian' | 'freebsd';
  probe: (spec: string) => Promise<boolean>;
}

/** This machine, as a place to probe needs. */
export const HERE: NeedsPlace = { os: process.platform === 'freebsd' ? 'freebsd' : 'debian', probe: (s) => probe(s) };

/** The needs from `names` that this host (or `place`) lacks. */
export async function missingNeeds(names: string[], place: NeedsPlace = HERE): Promise<string[]> {
  const missing: string[] = [];
  for (const n of names) {
    const spec = NEEDS[n];
    if (!spec) continue;
    const probes = needProbes(spec, place.os);
    // No probe on this OS: nothing is needed here.
    let found = probes.length === 0;
    for (const p of probes) {
      found = await place.probe(p);
      if (found) break;
    }
    if (!found) missing.push(n);
  }
  return missing;
}

/** The line telling a person how to get the missing needs. */
export function installHint(missing: string[], files: string[], os = HERE.os): string {
  const isFreeBSD = os === 'freebsd';
  const pkgs = [...new Set(missing.flatMap((n) => (isFreeBSD ? NEEDS[n]?.freebsd : NEEDS[n]?.debian) ?? []))];
  const manual = isFreeBSD ? `pkg install -y ${pkgs.join(' ')}` : `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  return `run \`vessel-cookbook doctor --install-deps ${files.join(' ')}\` or \`${manual}\``;
}
