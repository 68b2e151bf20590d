/// <reference lib="dom" />
// The HTML report in a real browser: headless Chromium (Debian's) driven by playwright-core. Reports of real runs
// must show step states, output and the topology at laptop and phone widths, run no script, and fetch nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const out = mkdtempSync(join(tmpdir(), 'vc-html-'));
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

/** Opens a report at a width; returns the page and every request that was not for the file itself. */
async function open(file: string, width: number) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const fetched: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `file://${file}`) return route.continue();
    fetched.push(url);
    return route.abort();
  });
  page.on('request', (r) => {
    if (r.url() !== `file://${file}`) fetched.push(r.url());
  });
  await page.goto(`file://${file}`);
  return { page, fetched };
}

describe('html reports', () => {
  it('a passing run: steps, output and diagram visible on a laptop and a phone; nothing fetched', async () => {
    const r = await cli(['run', '--reporter', 'html', '--out', out, 'cookbook/getting-started.md'], { timeoutMs: 120_000 });
    expect(r.code, r.stdout).toBe(0);
    const file = join(out, 'getting-started.html');
    for (const width of [1280, 390]) {
      const { page, fetched } = await open(file, width);
      await page.screenshot({ path: join(out, `getting-started-${width}.png`), fullPage: true });
      // The four engine=freebsd twins are skipped on Linux.
      expect(await page.locator('.step[data-status="pass"]').count()).toBe(14);
      expect(await page.locator('.step[data-status="skip"]').count()).toBe(4);
      await expect.poll(() => page.locator('.step[data-status="pass"] .badge').first().isVisible()).toBe(true);
      expect(await page.locator('pre.output').first().isVisible()).toBe(true);
      expect(await page.locator('pre.output').first().textContent()).toContain('uplink0');
      const svg = page.locator('figure.topology svg');
      expect(await svg.isVisible()).toBe(true);
      expect(await svg.textContent()).toContain('blue-router');
      expect(await page.locator('.totals').textContent()).toBe('14 passed0 failed4 skipped0 not run');
      // Nothing wider than the screen except inside scrollable frames.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(fetched).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('hostile output stays text, a failed step shows its diff, and the index links every report', async () => {
    const r = await cli(['run', '--reporter', 'html', '--out', out, join(ROOT, 'test/fixtures/report/hostile.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    const file = join(out, 'hostile.html');
    expect(readFileSync(file, 'utf8')).not.toMatch(/<script/i);
    const { page, fetched } = await open(file, 1280);
    expect(
      await page.evaluate(
        () => (window as unknown as { __pwned?: number; __pwnedProse?: number }).__pwned ?? (window as unknown as { __pwnedProse?: number }).__pwnedProse,
      ),
    ).toBeUndefined();
    expect(await page.locator('pre.output').first().textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('.step[data-status="fail"] pre.diff .del').textContent()).toBe('-expected');
    expect(await page.locator('.step[data-status="fail"] pre.diff .ins').textContent()).toBe('+actual');
    expect(await page.locator('.step[data-status="notrun"]').count()).toBe(1);
    expect(fetched).toEqual([]);
    await page.close();

    const idx = await cli(['report', out]);
    expect(idx.stdout.trim()).toBe(`${join(out, 'index.html')}: 2 recipe report(s)`);
    const ix = await open(join(out, 'index.html'), 390);
    expect(await ix.page.locator('tbody tr').count()).toBe(2);
    expect(await ix.page.locator('tr[data-status="fail"] a').textContent()).toBe('A report with hostile output <b>and</b> a failure');
    expect(await ix.page.locator('tr[data-status="pass"] a').getAttribute('href')).toBe('getting-started.html');
    expect(ix.fetched).toEqual([]);
    await ix.page.close();
  }, 120_000);

  it('report refuses a directory without reports', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vc-html-empty-'));
    try {
      const r = await cli(['report', empty]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`report: no recipe reports in ${empty}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
