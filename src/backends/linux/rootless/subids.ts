// Subordinate ids (/etc/subuid, /etc/subgid): the range a user may map into a user namespace through newuidmap (pure).

/** A range of subordinate ids: `count` ids from `start`. */
export interface SubidRange {
  start: number;
  count: number;
}

/** The first range of `user` (by name or uid) in a subuid/subgid text, or undefined. */
export function subidRange(text: string, user: string, uid: number): SubidRange | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [who, start, count] = line.split(':');
    if (who !== user && who !== String(uid)) continue;
    if (!/^\d+$/.test(start ?? '') || !/^\d+$/.test(count ?? '')) continue;
    const r = { start: Number(start), count: Number(count) };
    if (r.count >= 1) return r;
  }
  return undefined;
}

/** newuidmap/newgidmap arguments after the pid: the caller's id as 0, then the range from 1. */
export function mapTriples(own: number, range: SubidRange | undefined): string[] {
  const first = ['0', String(own), '1'];
  return range ? [...first, '1', String(range.start), String(range.count)] : first;
}

/** The one line that says what to add when a user has no subordinate ids. */
export function noSubidsAdvice(user: string): string {
  return (
    `rootless with one uid: ${user} has no range in /etc/subuid and /etc/subgid, so jails cannot switch users ` +
    `(postgres, sshd's privilege separation); add one as root: usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${user}`
  );
}

/**
 * The map a jail's user namespace writes inside a rootless lab host: every id the lab host has, to itself (a
 * uid_map text of its own, "inside outside count" per line, in; the same ranges mapped identically, out).
 */
export function identityMapOf(uidMap: string): string {
  // One line per range of the lab host's: a line of a child's map must lie within one range of its parent's.
  return uidMap
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 3 && f.every((x) => /^\d+$/.test(x)))
    .map(([inside, , count]) => `${inside} ${inside} ${count}`)
    .join('\n');
}
