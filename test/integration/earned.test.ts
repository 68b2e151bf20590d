// A pass is earned (issue 25): a recipe stopped before its end, or an exercise whose check proved nothing, fails.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

const fx = (name: string) => join(ROOT, 'test/fixtures/earned', name);

useCensus();

describe('passes that are not earned fail', () => {
  it('a recipe whose timeout runs out before its last steps fails, and says so', async () => {
    const r = await cli(['run', '--reporter', 'json', fx('timeout-unrun.md')], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    const rec = JSON.parse(r.stdout).recipes[0];
    expect(rec.status).toBe('fail');
    expect(rec.steps.at(-1)).toMatchObject({ status: 'notrun' });
    expect(JSON.stringify(rec)).toMatch(/timeout \(2\.0s\) ran out/);
  });

  it('an exercise check that does not finish before the solution proves nothing: the solution step fails', async () => {
    const r = await cli(['run', fx('slow-check.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /slow-check\.md:7: exercise done: its check \(line 11\) did not finish before the solution ran \(.*timed out.*\), so it proves nothing/,
    );
    expect(r.stdout).toMatch(/^FAIL .*slow-check\.md/m);
  });

  it('check refuses skip on an exercise solution, with its line', async () => {
    const r = await cli(['check', fx('skipped-solution.md')]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/skipped-solution\.md:5: exercise x: its solution cannot be marked skip/);
  });
});

describe('exposed ports', () => {
  it('every change of exposure leaves one haproxy; port 22 on a network made with --ssh is refused', async () => {
    const r = await cli(['run', fx('expose-restart.md')], { timeoutMs: 120_000 });
    expect(r.code, r.stdout).toBe(0);
  });
});

describe('nothing is left when the run returns', () => {
  it('after run --jobs 2, no init (catatonit) of the run is alive: the run waits for its jails to be gone', async () => {
    // Alive: a zombie the machine's init has not reaped yet is no leak.
    const inits = async () =>
      (await execa('ps', ['-e', '-o', 'pid=,stat=,comm='])).stdout
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter(([, stat, comm]) => comm === 'catatonit' && !stat!.startsWith('Z'))
        .map(([pid]) => pid);
    const before = await inits();
    const r = await cli(['run', '--jobs', '2', fx('two-jails.md'), fx('expose-restart.md')], { timeoutMs: 180_000 });
    expect(r.code, r.stdout).toBe(0);
    // Checked the moment the run has returned: no wait here.
    expect(await inits()).toEqual(before);
  });
});
