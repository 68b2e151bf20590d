// @ts-nocheck
// A step's captured output on disk, read in bounded memory: an excerpt for reports, and its lines one by one.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes kept from the start and from the end of an output for reports. */
export const EXCERPT_BYTES = 32 * 1024;
/** Longest line given to the matcher; the rest of a longer line is dropped (and counted). */
export const MAX_LINE_BYTES = 1024 * 1024;

/** An excerpt of an output file: the whole text when small, else its first and last parts. */
export interface Excerpt {
  text: string;
  /** Size of the whole output. */
  bytes: number;
  /** Bytes left out of `text` (0 when it is whole). */
  omitted: number;
}

/** The line that stands for the omitted middle of an output. */
export function omissionLine(omitted: number, wholeAt?: string): string {
  return `[... ${omitted} bytes omitted${wholeAt ? `; the whole output is in ${wholeAt}` : ''} ...]`;
}

/** Reads at most `head` + `tail` bytes of a file: whole if it fits, else both ends around an omission line. */
export function readExcerpt(path: string, opts: { head?: number; tail?: number; wholeAt?: string } = {}): Excerpt {
  const head = opts.head ?? EXCERPT_BYTES;
  const tail = opts.tail ?? EXCERPT_BYTES;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { text: '', bytes: 0, omitted: 0 };
  }
  try {
    const size = fstatSync(fd).size;
    if (size <= head + tail) {
      const buf = Buffer.alloc(size);
      const n = readSync(fd, buf, 0, size, 0);
      return { text: buf.subarray(0, n).toString('utf8'), bytes: n, omitted: 0 };
    }
    const a = Buffer.alloc(head);
    const b = Buffer.alloc(tail);
    readSync(fd, a, 0, head, 0);
    readSync(fd, b, 0, tail, size - tail);
    // Cut at line ends where there are any, so no line is shown in part.
    const aEnd = a.lastIndexOf(0x0a);
    const bStart = b.indexOf(0x0a);
    const first = aEnd > 0 ? a.subarray(0, aEnd + 1) : a;
    const last = bStart >= 0 && bStart < b.length - 1 ? b.subarray(bStart + 1) : b;
    const omitted = size - first.length - last.length;
    const sep = first[first.length - 1] === 0x0a ? '' : '\n';
    return { text: `${first.toString('utf8')}${sep}${omissionLine(omitted, opts.wholeAt)}\n${last.toString('utf8')}`, bytes: size, omitted };
  } finally {
    closeSync(fd);
  }
}

/** Calls `fn` on each line of a file (without its newline, a trailing CR dropped), in bounded memory; a line over MAX_LINE_BYTES comes cut, with `cut` set. */
export function forEachLine(path: string, fn: (line: string, index: number, cut: boolean) => void): { lines: number; cut: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { lines: 0, cut: 0 };
  }
  const chunk = Buffer.alloc(256 * 1024);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let index = 0;
  let cut = 0;
  let dropping = false;
  const emit = () => {
    let s = Buffer.concat(parts, partBytes).toString('utf8');
    if (s.endsWith('\r')) s = s.slice(0, -1);
    fn(s, index++, dropping);
    parts = [];
    partBytes = 0;
    dropping = false;
  };
  const add = (b: Buffer) => {
    if (dropping || b.length === 0) return;
    const room = MAX_LINE_BYTES - partBytes;
    if (b.length > room) {
      parts.push(Buffer.from(b.subarray(0, room)));
      partBytes += room;
      dropping = true;
      cut++;
      return;
    }
    parts.push(Buffer.from(b));
    partBytes += b.length;
  };
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl === -1 || nl >= n) {
          add(chunk.subarray(start, n));
          break;
        }
        add(chunk.subarray(start, nl));
        emit();
        start = nl + 1;
      }
    }
    if (partBytes > 0 || dropping) emit();
  } finally {
    closeSync(fd);
  }
  return { lines: index, cut };
}
