// Splitting a command line into words as sh does for plain words and quotes (pure).

/** `$NAME` or `${NAME}` at `line[i]`: the name and where it ends, or undefined. */
function parameterAt(line: string, i: number): { name: string; end: number } | undefined {
  const m = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/.exec(line.slice(i));
  return m ? { name: (m[1] ?? m[2])!, end: i + m[0].length } : undefined;
}

/**
 * Splits a command line into words like sh does for plain words and quotes; undefined when it needs a shell
 * (expansion, pipes, lists, redirection, globs). `vars` are variables whose values are known (the runner's own):
 * `$NAME` and `${NAME}` of those are expanded, in double quotes or bare (bare only when the value is one word).
 */
export function splitWords(line: string, vars: Readonly<Record<string, string>> = {}): string[] | undefined {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  const known = (i: number) => {
    const p = parameterAt(line, i);
    return p && Object.hasOwn(vars, p.name) ? { value: vars[p.name]!, end: p.end } : undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '$') {
      const v = known(i);
      if (!v || /[\s*?[\]]/.test(v.value)) return undefined;
      cur += v.value;
      i = v.end - 1;
      inWord = true;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '$') {
          const v = known(j);
          if (!v) return undefined;
          cur += v.value;
          j = v.end - 1;
          continue;
        }
        if (line[j] === '`') return undefined;
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        cur += line[j];
      }
      if (j >= line.length) return undefined;
      i = j;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return undefined;
      cur += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break;
    } else if ('$`;|&<>()*?[]{}~\n'.includes(c)) {
      return undefined;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
