// Which lines of a console transcript are matching patterns rather than output (pure): `(re)`, `(glob)` and `...`.

/** True for an expected-output line that is a pattern: ends with ` (re)` or ` (glob)`, or is `...`. */
export function isPatternLine(line: string): boolean {
  return !line.startsWith('$ ') && (/ \((re|glob)\)$/.test(line) || line === '...');
}

/** What a pattern line means, for people (a title, a legend). */
export function patternMeaning(line: string): string {
  if (line === '...') return 'any number of lines';
  return / \(re\)$/.test(line) ? 'a regular expression, matched against one line' : 'a glob (* and ?), matched against one line';
}
