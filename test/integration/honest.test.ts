// Issue 13: results that do not lie, for the runner and the engine (root).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cli, processesMatching, ROOT, startCli, waitForFile } from './cli.js';
import { useCensus } from './census.js';

const fx = (name: string) => join(ROOT, 'test/fixtures/honest', name);
const efx = (name: string) => join(ROOT, 'test/fixtures/engine', name);
const VESSEL = join(ROOT, 'bin/vessel');

/** Runs `vessel ARGS` (never throws). */
async function vessel(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [VESSEL, ...args], { reject: false, env: { NO_COLOR: '1', ...env } });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

useCensus();

/** A scratch folder for a ready file, removed after the file's tests. */
const readyDirs: string[] = [];
function readyDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vc-ready-'));
  readyDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of readyDirs) rmSync(d, { recursive: true, force: true });
});

describe('background steps', () => {
  it('fails a background block that exits badly at once, with its output', async () => {
    const r = await cli(['run', fx('bg-early.md')], { timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bg-early\.md:7: the background block exited with status 3 .* after it started/);
    expect(r.stdout).toContain('| oops');
    expect(r.stdout).toMatch(/^FAIL .*bg-early\.md/m);
  });

  it('fails the recipe when a background block exits badly later, naming its step and line and showing its output', async () => {
    const r = await cli(['run', fx('bg-late.md')], { timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bg-late\.md:7: the background block \(L7, line 7\) exited with status 4 .*; its output ends: late oops/);
    expect(r.stdout).toMatch(/^FAIL .*bg-late\.md/m);
    const j = await cli(['run', '--reporter', 'json', fx('bg-late.md')], { timeoutMs: 30_000 });
    const step = JSON.parse(j.stdout).recipes[0].steps[0];
    expect(step).toMatchObject({ id: 'L7', background: true, status: 'fail', output: 'starting\nlate oops\n' });
    expect(JSON.parse(j.stdout).recipes[0].steps[2]).toMatchObject({ status: 'notrun' });
  });

  it("puts a passing background block's output in the reports", async () => {
    const r = await cli(['run', '--reporter', 'json', fx('bg-ok.md')], { timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    const step = JSON.parse(r.stdout).recipes[0].steps[0];
    expect(step.status).toBe('pass');
    expect(step.output).toContain('listening (pretend)');
    expect(step.output).toContain('still running at teardown');
  });
});

describe('DHCP jails', () => {
  it('keeps the client after its step, renews on SIGUSR1, and releases the lease and the name on destroy', async () => {
    const r = await cli(['run', efx('dhcp-lifecycle.md')], { timeoutMs: 90_000 });
    expect(r.stdout, r.stdout).toMatch(/^PASS .*dhcp-lifecycle\.md/m);
    expect(r.code).toBe(0);
  });
});

describe('assertions that prove nothing fail', () => {
  it('fails a mesh whose pattern matches one jail', async () => {
    const r = await cli(['run', fx('mesh-one.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('mesh sol*: mesh needs at least two jails; sol* matches only solo, so there is no pair to probe');
  });
});

describe('bad input the engine refuses', () => {
  const lab = 'vchonest';
  afterEach(async () => {
    await vessel(['--lab', lab, 'destroy', '--lab', lab]);
  });

  it.each([
    ['127.0.0.0/24', 'loopback'],
    ['224.1.0.0/24', 'multicast'],
    ['0.0.0.0/24', '"this network"'],
    ['169.254.3.0/24', 'link-local'],
  ])('refuses subnet %s (%s) with one line and exit 2', async (subnet, what) => {
    const r = await vessel(['--lab', lab, 'network', '--create', '--name=x', `--subnet=${subnet}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(what);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('vessel list reads without making a lab, and a missing supervisor file has no line :0', async () => {
    const l = await vessel(['--lab', 'vcnotthere', 'list']);
    expect(l).toMatchObject({ code: 0, stdout: 'no lab vcnotthere yet, so no jails' });
    const again = await vessel(['--lab', 'vcnotthere', 'list']);
    expect(again.stdout).toBe('no lab vcnotthere yet, so no jails');
    const s = await vessel(['supervise', '/nonexistent/missing.ini']);
    expect(s).toMatchObject({ code: 2, stderr: 'vessel: /nonexistent/missing.ini: no such file' });
  });
});

describe('any output size', () => {
  it("runs a 1 GiB step, a million-line console command with ... and a 50 MB line, with the runner's memory bounded", async () => {
    const r = await execa(
      '/usr/bin/time',
      ['-f', 'peak-rss-kb=%M', process.execPath, join(ROOT, 'bin/vessel-cookbook'), 'run', '--reporter', 'json', fx('huge-output.md')],
      { reject: false, env: { NO_COLOR: '1' }, timeout: 300_000 },
    );
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const rss = Number(/peak-rss-kb=(\d+)/.exec(String(r.stderr))![1]);
    // The runner's memory does not grow with the output: 1 GiB went through it.
    console.log(`runner peak RSS with a 1 GiB step: ${Math.round(rss / 1024)} MiB`);
    expect(rss).toBeLessThan(400 * 1024);
    const report = JSON.parse(String(r.stdout));
    expect(String(r.stdout).length).toBeLessThan(1024 * 1024);
    const [big, lines, long] = report.recipes[0].steps;
    expect(big).toMatchObject({ status: 'pass' });
    expect(big.output).toMatch(/\[\.\.\. \d+ bytes omitted \.\.\.\]/);
    expect(lines.output).toContain('$ seq 1 1000000\n1\n2\n3\n');
    expect(lines.output).toMatch(/999998\n999999\n1000000\n$/);
    expect(long).toMatchObject({ status: 'pass' });
  });

  it('shows where a large output stopped matching', async () => {
    const r = await cli(['run', fx('huge-mismatch.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+[the output has 1000000 lines; expected lines up to recipe line 9 matched; shown: actual lines 500000-500039]');
    expect(r.stdout).toContain('-500000');
    expect(r.stdout).toContain(' oops');
  });

  it('does not let a pattern pass a line over 1 MiB that it saw only the start of', async () => {
    const r = await cli(['run', fx('long-line-glob.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 line(s) longer than 1048576 bytes, which only ... can match');
  });

  it('says "no space left on device in WORKDIR" when the work directory fills up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-small-'));
    await execa('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'vc-test-small', dir]);
    try {
      const r = await cli(['run', fx('disk-full.md')], { env: { TMPDIR: dir }, timeoutMs: 60_000 });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        new RegExp(`disk-full\\.md:5: the block exited with status 1 \\(expected 0\\); no space left on device in ${dir}/vessel-cookbook-[^/]+/work`),
      );
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await execa('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('nothing left behind', () => {
  const strays = () => [...processesMatching('sleep 31337'), ...processesMatching('sleep 31338')];
  const ours = () => readdirSync('/run/netns').filter((n) => n.startsWith('vcstray-'));

  it('ends lab-host step processes that left their group, marker and namespace, and removes the netns a step made', async () => {
    const r = await cli(['run', fx('escapes.md')], { timeoutMs: 60_000 });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr + r.stdout).toMatch(/removed network namespace\(s\) a step made with ip netns: vcstray-/);
    expect(strays()).toEqual([]);
    expect(ours()).toEqual([]);
  });

  it('ends them after a SIGKILLed run with vessel cleanup', async () => {
    const ready = join(readyDir(), 'ready');
    const child = startCli(['run', fx('escapes.md')], { READY_FILE: ready });
    await waitForFile(ready, 30_000);
    expect(strays().length).toBe(2);
    child.kill('SIGKILL');
    await child;
    expect((await vessel(['cleanup'])).code).toBe(0);
    expect(strays()).toEqual([]);
    expect(ours()).toEqual([]);
  });
});

describe('work directories', () => {
  it('vessel cleanup leaves a kept lab its work directory, and supervise still works there', async () => {
    const r = await cli(['run', '--keep', '--reporter', 'json', fx('kept.md')], { timeoutMs: 60_000 });
    const { lab, keptWorkdir } = JSON.parse(r.stdout).recipes[0];
    try {
      expect(r.code, r.stdout).toBe(0);
      expect((await vessel(['cleanup'])).code).toBe(0);
      expect(existsSync(join(keptWorkdir, 'k.ini'))).toBe(true);
      const again = await vessel(['--lab', lab, 'supervise', join(keptWorkdir, 'k.ini')]);
      expect(again.code, again.stderr).toBe(0);
    } finally {
      await vessel(['--lab', lab, 'destroy', '--lab', lab]);
    }
    // Once the lab is gone, its directory is an orphan like any other.
    expect((await vessel(['cleanup'])).code).toBe(0);
    expect(existsSync(keptWorkdir)).toBe(false);
  });

  it('a new run removes the work directory of a SIGKILLed run along with its lab', async () => {
    const ready = join(readyDir(), 'ready');
    const before = new Set(readdirSync(tmpdir()).filter((d) => d.startsWith('vessel-cookbook-')));
    const child = startCli(['run', fx('kept.md')], { READY_FILE: ready });
    await waitForFile(ready, 30_000);
    const dirs = readdirSync(tmpdir()).filter((d) => d.startsWith('vessel-cookbook-') && !before.has(d));
    expect(dirs).toHaveLength(1);
    child.kill('SIGKILL');
    await child;
    const r = await cli(['run', fx('bg-ok.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(existsSync(join(tmpdir(), dirs[0]!))).toBe(false);
  });
});

describe('negative controls: each isolation claim fails once its mechanism is removed', () => {
  it.each([
    ['negative-nat.md', "the router's firewall", /isolated upstream -> node-1: ICMP echo from upstream to node-1 .* received \(expected no reply\)/],
    ['negative-two-networks.md', "red-router's firewall", /isolated blue-\* -> red-\*: ICMP echo from blue-1 to red-1 .* received \(expected no reply\)/],
    ['negative-partition.md', 'the partition', /isolated n-1 -> n-3: ICMP echo from n-1 to n-3 .* received \(expected no reply\)/],
  ])('%s: without %s the same isolated lines fail', async (file, _what, message) => {
    const r = await cli(['run', '--reporter', 'json', fx(file)], { timeoutMs: 90_000 });
    expect(r.code).toBe(1);
    const steps = JSON.parse(r.stdout).recipes[0].steps as { status: string; kind: string; failure?: { message: string; details?: string[] } }[];
    // Everything up to the mechanism's removal passed (so isolation held with it), and only the last block failed.
    expect(steps.slice(0, -1).map((s) => s.status)).toEqual(steps.slice(0, -1).map(() => 'pass'));
    const last = steps.at(-1)!;
    expect(last).toMatchObject({ kind: 'assert', status: 'fail' });
    expect(last.failure!.message).toMatch(message);
    // Every isolated line of the block failed, not just the first.
    expect(last.failure!.details!.filter((d) => /^L\d+ isolated /.test(d))).toHaveLength(2);
  });
});

describe('smaller things', () => {
  it('vessel inside a jail says where it belongs; a dozen retries leak no listener and repeat no reason; output escapes are shown, not obeyed', async () => {
    const r = await cli(['run', fx('small-things.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    // The console block passed: it expects exactly that message and [2].
    expect(r.stdout).toMatch(/✓ L12 console jail=j/);
    expect(r.stderr).not.toContain('MaxListenersExceededWarning');
    expect(r.stdout).toContain('attempt 2 (last: the block exited with status 1 (expected 0))');
    expect(r.stdout).toContain('attempt 3 (same as before)');
    expect(r.stdout.match(/\(last: /g)).toHaveLength(1);
    expect(r.stdout).toContain('| \\u001b[31mred\\u0007');
    expect(r.stdout).not.toContain('\u001b[31m');
  });
});
