// The Names section of the recipe contract: jail, network and step names.

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Names a recipe may not give to its own jails. */
export const RESERVED_JAILS = ['host', 'upstream'] as const;

/** Why `name` is not a valid jail name to refer to, or undefined if it is valid. Router names are allowed here. */
export function jailNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 63) return `is ${name.length} characters long (at most 63)`;
  if (name.includes('.')) return 'contains a "." (jail names never do)';
  if (!LABEL.test(name)) return 'must be lowercase letters, digits and inner "-" ([a-z0-9]([a-z0-9-]*[a-z0-9])?)';
  return undefined;
}

/** Why `name` cannot be given to a new jail, or undefined if it can. */
export function newJailNameProblem(name: string): string | undefined {
  const p = jailNameProblem(name);
  if (p) return p;
  if ((RESERVED_JAILS as readonly string[]).includes(name)) return 'is reserved';
  if (name.endsWith('-router')) return 'is reserved (names ending in -router belong to router jails)';
  return undefined;
}

/** Why `name` is not a valid network name, or undefined. */
export function networkNameProblem(name: string): string | undefined {
  if (name.length > 15) return `is ${name.length} characters long (at most 15)`;
  return jailNameProblem(name);
}

/** Why `id` is not a valid step name (`name=`), or undefined. */
export function stepNameProblem(id: string): string | undefined {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(id) ? undefined : 'must be letters, digits, "_", "." and "-"';
}

/** True for a jail pattern: a name with at least one `*`. */
export function isPattern(text: string): boolean {
  return text.includes('*');
}

/** Why a jail pattern is malformed, or undefined. */
export function patternProblem(p: string): string | undefined {
  if (!/^[a-z0-9*-]+$/.test(p)) return 'may only use lowercase letters, digits, "-" and "*"';
  if (p.length > 63) return 'is longer than 63 characters';
  return undefined;
}

/** True when `name` matches the jail pattern. */
export function matchPattern(pattern: string, name: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((s) => s.replace(/[-]/g, '\\-'))
        .join('.*') +
      '$',
  );
  return re.test(name);
}

/** Why `name` is not a valid DNS host name, or undefined. */
export function dnsNameProblem(name: string): string | undefined {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253) return 'must be 1 to 253 characters';
  for (const label of n.split('.')) {
    if (!/^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(label)) return `has a bad label "${label}"`;
  }
  return undefined;
}
