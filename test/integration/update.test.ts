// `vessel-cookbook update`: stale transcripts fixed with the smallest change, patterns kept, prose untouched; --check
// for CI; a recipe failing otherwise is never written; bad input refused.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const scratch = mkdtempSync(join(tmpdir(), 'vc-update-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('update', () => {
  it('--check exits 1 with the diff; update --yes fixes it; the next run passes and --check exits 0', async () => {
    const file = join(scratch, 'stale.md');
    copyFileSync(join(ROOT, 'test/fixtures/update/stale.md'), file);
    const before = readFileSync(file, 'utf8');
    const check = await cli(['update', '--check', file]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('-TWO\n');
    expect(check.stdout).toContain('+two\n');
    expect(check.stdout).toContain('update --check: 1 recipe(s) would change');
    expect(readFileSync(file, 'utf8')).toBe(before);

    const up = await cli(['update', '--yes', file]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`updated ${file}`);
    const after = readFileSync(file, 'utf8');
    // Only the failing lines changed: TWO, and [3] added; the glob and ... lines and the prose are as written.
    const b = before.split('\n');
    const a = after.split('\n');
    expect(a.length).toBe(b.length + 1);
    expect(a.filter((l, i) => l !== b[i]).slice(0, 1)).toEqual(['two']);
    expect(after).toContain("$ printf 'Linux\\n'\nL*x (glob)\n$ seq 4\n1\n...\n$ echo done; exit 3\ndone\n[3]\n```\n");
    expect(after.replace('two\n', 'TWO\n').replace('done\n[3]\n', 'done\n')).toBe(before);

    expect((await cli(['run', file])).code).toBe(0);
    expect((await cli(['update', '--check', file])).code).toBe(0);
  }, 90_000);

  it('writes nothing of a recipe that fails for another reason, nor of one that does not parse, nor through a symlink', async () => {
    const failing = join(scratch, 'failing.md');
    writeFileSync(failing, '```console\n$ echo a\nb\n```\n\n```sh\nexit 4\n```\n');
    const was = readFileSync(failing, 'utf8');
    const r = await cli(['update', '--yes', failing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failing\.md:6: .*exit.*not a stale transcript: nothing of it is written/);
    expect(readFileSync(failing, 'utf8')).toBe(was);

    const bad = join(scratch, 'bad.md');
    writeFileSync(bad, '```console {jail}\n$ true\n```\n');
    const b = await cli(['update', '--yes', bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad\.md:1: /);

    const link = join(scratch, 'link.md');
    symlinkSync(join(ROOT, 'test/fixtures/update/stale.md'), link);
    const l = await cli(['update', '--yes', link]);
    expect(l.code).toBe(2);
    expect(l.stderr).toContain('link.md:1: is a symbolic link: update writes only regular files');
  }, 90_000);
});
