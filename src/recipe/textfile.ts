// Reads a text input file under the contract's file rules (at most 1 MiB, no NUL byte, UTF-8), for recipes and supervisor files.
import { readFile, stat } from 'node:fs/promises';

/** Largest recipe (or supervisor file) the contract accepts. */
export const MAX_TEXT_BYTES = 1024 * 1024;

/** Line (1-based) of byte offset `at` in `buf`. */
function lineAt(buf: Buffer, at: number): number {
  let n = 1;
  for (let i = 0; i < at && i < buf.length; i++) if (buf[i] === 0x0a) n++;
  return n;
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstBadUtf8(buf: Buffer): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  try {
    dec.decode(buf);
    return -1;
  } catch {
    // Narrow down by decoding growing prefixes line by line.
    let start = 0;
    while (start < buf.length) {
      let end = buf.indexOf(0x0a, start);
      end = end === -1 ? buf.length : end + 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start, end));
      } catch {
        return start;
      }
      start = end;
    }
    return 0;
  }
}

/** The file's text (a leading BOM dropped), or its one problem with a line (0: the file as a whole). */
export async function readTextFile(path: string, what: string): Promise<{ text: string } | { line: number; message: string }> {
  let buf: Buffer;
  try {
    const st = await stat(path);
    if (st.isDirectory()) return { line: 0, message: 'is a directory (give recipe files, or a directory to `run`/`list`)' };
    if (st.size > MAX_TEXT_BYTES) return { line: 1, message: `file is ${st.size} bytes; ${what} is at most 1 MiB (${MAX_TEXT_BYTES} bytes)` };
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { line: 0, message: 'no such file' };
    if (code === 'EACCES' || code === 'EPERM') return { line: 0, message: 'cannot read the file (permission denied)' };
    return { line: 0, message: `cannot read the file (${code ?? (e as Error).message})` };
  }
  if (buf.length > MAX_TEXT_BYTES) return { line: 1, message: `file is ${buf.length} bytes; ${what} is at most 1 MiB` };
  const nul = buf.indexOf(0);
  if (nul !== -1) return { line: lineAt(buf, nul), message: `contains a NUL byte: ${what} is UTF-8 text (is this a binary file?)` };
  const bad = firstBadUtf8(buf);
  if (bad !== -1) return { line: lineAt(buf, bad), message: 'is not valid UTF-8 text' };
  const text = buf.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
