// The cookbook is the end-to-end suite: every recipe in cookbook/ must check clean and pass.
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';
import { useCensus } from './census.js';

useCensus();

describe('cookbook/', () => {
  it('checks clean', async () => {
    const r = await cli(['check', '--quiet', 'cookbook']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('runs every recipe to a pass, writing JUnit files', async () => {
    const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const out = mkdtempSync(join(tmpdir(), 'vc-cookbook-'));
    try {
      const r = await cli(['run', '--reporter', 'junit', '--out', out, 'cookbook'], { timeoutMs: 300_000 });
      // Every recipe runs on Linux: none is skipped (their FreeBSD plans are golden-tested in test/backends/freebsd/).
      const recipes = readdirSync('cookbook').filter((f) => f.endsWith('.md') && f !== 'README.md').length;
      expect(recipes).toBeGreaterThanOrEqual(12);
      expect(r.stdout).toMatch(new RegExp(`^recipes: ${recipes} passed, 0 failed$`, 'm'));
      expect(r.code, r.stdout).toBe(0);
      expect(readdirSync(out)).toContain('getting-started.xml');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);

  it('doctor reports a missing need with exit 3', async () => {
    const r = await cli(['doctor', 'test/fixtures/run/needs-tmux.md'], { env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^missing +tmux \(recipe need\)$/m);
    expect(r.stderr).toMatch(/^missing: .*\btmux; run `vessel-cookbook doctor --install-deps` \(Debian packages: .*\btmux\)$/);
  });
});
