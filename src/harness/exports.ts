// The exports a jail step saved, read as data (pure): the host sources them in later blocks, so only plain
// `declare -x NAME="value"` lines with nothing that could expand pass. Anything else is refused with the reason.

/** One declaration of `export -p`: attributes without arrays, a name, and a double-quoted value whose $, `, " and \ are escaped. */
const DECLARATION = /declare -[ilrtux]*x[ilrtux]* [A-Za-z_][A-Za-z0-9_]*(?:="(?:[^"\\$`]|\\[\s\S])*")?(?:\n|$)/y;

/** The text when every line of it is a plain declaration; else why not (the first line that is not, shortened). */
export function checkExports(text: string): { ok: true } | { ok: false; problem: string } {
  DECLARATION.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    DECLARATION.lastIndex = at;
    if (!DECLARATION.exec(text)) {
      const line = text.slice(at).split('\n')[0]!;
      return { ok: false, problem: `not a plain export: ${JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}...` : line)}` };
    }
    at = DECLARATION.lastIndex;
  }
  return { ok: true };
}
