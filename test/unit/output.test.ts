// Reading a step's output file in bounded memory: excerpts for reports, and lines for the matcher.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachLine, MAX_LINE_BYTES, readExcerpt } from '../../src/exec/output.js';

// Made when the file's tests run (not when it is loaded, as a mutation run that selects other tests does).
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vc-out-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('readExcerpt', () => {
  it('gives a small output whole', () => {
    expect(readExcerpt(file('s', 'a\nb\n'))).toEqual({ text: 'a\nb\n', bytes: 4, omitted: 0 });
    expect(readExcerpt(join(dir, 'missing'))).toEqual({ text: '', bytes: 0, omitted: 0 });
  });

  it('gives both ends of a large one, cut at line ends, around the omission line naming the whole file when kept', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    const p = file('l', lines.join('\n') + '\n');
    const e = readExcerpt(p, { head: 100, tail: 100, wholeAt: p });
    const out = e.text.split('\n');
    expect(out[0]).toBe('line 0');
    expect(out.at(-2)).toBe('line 999');
    const mark = out.find((l) => l.startsWith('[...'))!;
    expect(mark).toBe(`[... ${e.omitted} bytes omitted; the whole output is in ${p} ...]`);
    // Only whole lines are shown.
    for (const l of out.filter((x) => x && !x.startsWith('[...'))) expect(l).toMatch(/^line \d+$/);
    expect(e.bytes).toBe(Buffer.byteLength(lines.join('\n') + '\n'));
    expect(e.omitted + Buffer.byteLength(e.text.replace(`${mark}\n`, ''))).toBe(e.bytes);
    expect(readExcerpt(p, { head: 100, tail: 100 }).text).toContain(`[... ${e.omitted} bytes omitted ...]`);
  });
});

describe('forEachLine', () => {
  it('gives every line without its newline or CR, the last one even without a newline', () => {
    const got: [string, number, boolean][] = [];
    expect(forEachLine(file('c', 'a\r\nb\n\nc'), (l, i, cut) => got.push([l, i, cut]))).toEqual({ lines: 4, cut: 0 });
    expect(got).toEqual([
      ['a', 0, false],
      ['b', 1, false],
      ['', 2, false],
      ['c', 3, false],
    ]);
    expect(forEachLine(file('e', ''), () => undefined)).toEqual({ lines: 0, cut: 0 });
  });

  it('cuts a line over the limit and says so', () => {
    const got: [number, boolean][] = [];
    const r = forEachLine(file('big', `${'x'.repeat(MAX_LINE_BYTES + 10)}\nshort\n`), (l, _i, cut) => got.push([l.length, cut]));
    expect(r).toEqual({ lines: 2, cut: 1 });
    expect(got).toEqual([
      [MAX_LINE_BYTES, true],
      [5, false],
    ]);
  });
});
