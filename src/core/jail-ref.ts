// Naming a jail by its name or by a prefix of its UUID, as iocage accepts a short UUID (pure).

/** Shortest UUID prefix accepted for a jail. */
export const MIN_UUID_PREFIX = 8;

/** A jail's short UUID, as `vessel list` shows it. */
export function shortUuid(uuid: string): string {
  return uuid.slice(0, MIN_UUID_PREFIX);
}

/**
 * The jail `ref` names among `jails`: a name matches first; else a unique UUID prefix of at least 8 characters.
 * Returns the jail's name, or a message: unknown, too short, or ambiguous with its candidates.
 */
export function resolveJailRef(jails: { name: string; uuid: string }[], ref: string, lab: string): { name: string } | { error: string } {
  const byName = jails.find((j) => j.name === ref);
  if (byName) return { name: byName.name };
  const hex = ref.toLowerCase();
  if (/^[0-9a-f-]+$/.test(hex)) {
    if (hex.replace(/-/g, '').length < MIN_UUID_PREFIX)
      return { error: `no jail named ${ref} in lab ${lab} (a UUID prefix needs at least ${MIN_UUID_PREFIX} characters)` };
    const hits = jails.filter((j) => j.uuid.toLowerCase().startsWith(hex));
    if (hits.length === 1) return { name: hits[0]!.name };
    if (hits.length > 1)
      return {
        error: `UUID prefix ${ref} is ambiguous in lab ${lab}: ${hits
          .map((j) => `${j.name} (${j.uuid})`)
          .sort()
          .join(', ')}; give more characters`,
      };
  }
  return { error: `no jail named ${ref} in lab ${lab}` };
}
