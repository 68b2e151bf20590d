// The bad-input corpus (test/fixtures/corpus, from harness/gen-corpus.mjs): every invalid recipe and supervisor file
// is refused with path:line and exit 2, nothing is provisioned, nothing crashes with a stack trace or hangs;
// strange-but-valid recipes run or are refused the same way.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/recipe/load.js';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const DIR = join(ROOT, 'test/fixtures/corpus');
const files = (d: string) =>
  readdirSync(join(DIR, d))
    .sort()
    .map((f) => join(DIR, d, f));
const INVALID = files('invalid');
const STRANGE = files('strange');
const SUPERVISOR = files('supervisor');
const STACK = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

describe('bad-input corpus', () => {
  it('holds at least 200 malformed or hostile files', () => {
    expect(INVALID.length + STRANGE.length + SUPERVISOR.length).toBeGreaterThanOrEqual(200);
  });

  it('every invalid recipe has a path:line error when checked on its own', async () => {
    const bigDir = mkdtempSync(join(tmpdir(), 'vc-corpus-'));
    try {
      // Over 1 MiB: made here rather than kept in the repository.
      const big = join(bigDir, 'over-1mib.md');
      writeFileSync(big, `---\ntitle: big\n---\n${'x'.repeat(1024 * 1024)}\n\`\`\`sh\ntrue\n\`\`\`\n`);
      for (const f of [...INVALID, big]) {
        // (How long a check takes is measured in bench/, not here: a slow machine is no failure.)
        const { recipe, errors } = await loadRecipe(f);
        const runnable = recipe?.steps.some((s) => s.kind !== 'file') ?? false;
        expect(errors.length > 0 || !runnable, `${f} was accepted`).toBe(true);
        for (const e of errors) expect(e.line, `${f}: ${e.message}`).toBeGreaterThanOrEqual(1);
      }
    } finally {
      rmSync(bigDir, { recursive: true, force: true });
    }
  });

  it('`run` refuses the whole invalid set at once: exit 2, one path:line line per problem, no stack trace, nothing provisioned', async () => {
    const r = await cli(['run', ...INVALID], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    for (const l of lines) expect(l, l).toMatch(/^\/\S+\.md:\d+: \S/);
    for (const f of INVALID) expect(r.stderr, `${f} got no error`).toContain(`${f}:`);
    expect(r.stderr).not.toMatch(STACK);
  }, 90_000);

  it('strange but valid recipes run to a pass, or are refused with path:line', async () => {
    for (const f of STRANGE) {
      const r = await cli(['run', f], { timeoutMs: 60_000 });
      expect([0, 2], `${f}: ${r.stderr}`).toContain(r.code);
      if (r.code === 2) expect(r.stderr.trim().split('\n')[0]).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
      else expect(r.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
      expect(r.stderr).not.toMatch(STACK);
    }
  }, 180_000);

  it('`vessel supervise --check` refuses every supervisor file in the corpus with path:line and exit 2', async () => {
    const check = async (f: string) => {
      const r = await execa(process.execPath, [join(ROOT, 'bin/vessel'), 'supervise', '--check', f], { reject: false, timeout: 20_000 });
      return { f, code: r.exitCode, stderr: String(r.stderr), stdout: String(r.stdout) };
    };
    const results = [];
    for (let i = 0; i < SUPERVISOR.length; i += 6) results.push(...(await Promise.all(SUPERVISOR.slice(i, i + 6).map(check))));
    for (const r of results) {
      expect(r.code, `${r.f}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
      for (const l of r.stderr.trim().split('\n')) expect(l, r.f).toMatch(new RegExp(`^(vessel: )?${r.f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: \\S`));
      expect(r.stderr).not.toMatch(STACK);
    }
  }, 120_000);
});
