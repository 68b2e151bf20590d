// A small INI reader with line numbers (the `ini` package has none and cuts values at `;`).
// `;` and `#` start a comment only at the start of a line; a value is the rest of the line after `=`.

/** One `key = value` with its line. */
export interface IniEntry {
  key: string;
  value: string;
  line: number;
}

/** One `[type:name]` section. */
export interface IniSection {
  header: string;
  line: number;
  entries: IniEntry[];
}

/** A problem with its line. */
export interface IniProblem {
  line: number;
  message: string;
}

/** Reads INI text into sections; collects every problem (bad lines, repeated sections, or keys repeated that may not be). */
export function readIni(text: string, repeatable: readonly string[] = []): { sections: IniSection[]; problems: IniProblem[] } {
  const sections: IniSection[] = [];
  const problems: IniProblem[] = [];
  const seen = new Map<string, number>();
  let current: IniSection | undefined;
  let keys = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const t = raw.replace(/\r$/, '').trim();
    if (t === '' || t.startsWith(';') || t.startsWith('#')) return;
    if (t.startsWith('[')) {
      const m = /^\[([^\]]*)\]$/.exec(t);
      if (!m || m[1]!.trim() === '') {
        problems.push({ line, message: `bad section header "${t}" (expected [type:name])` });
        current = undefined;
        return;
      }
      const header = m[1]!.trim();
      const prev = seen.get(header);
      if (prev !== undefined) problems.push({ line, message: `section [${header}] is repeated (first on line ${prev})` });
      else seen.set(header, line);
      current = { header, line, entries: [] };
      sections.push(current);
      keys = new Map();
      return;
    }
    const eq = t.indexOf('=');
    if (eq === -1) {
      problems.push({ line, message: `expected "key = value", got "${t}"` });
      return;
    }
    const key = t.slice(0, eq).trim();
    const value = t.slice(eq + 1).trim();
    if (key === '') {
      problems.push({ line, message: 'a key is missing before "="' });
      return;
    }
    if (!current) {
      problems.push({ line, message: `key "${key}" is outside any section` });
      return;
    }
    const prev = repeatable.includes(key) ? undefined : keys.get(key);
    if (prev !== undefined) {
      problems.push({ line, message: `key "${key}" is repeated in [${current.header}] (first on line ${prev})` });
      return;
    }
    keys.set(key, line);
    current.entries.push({ key, value, line });
  });
  return { sections, problems };
}
