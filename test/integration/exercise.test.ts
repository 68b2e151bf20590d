// Exercises in `run` (contract format 2): the check must fail before the solution, the solution runs, the check
// passes; an exercise already solved fails the run; reports say how each exercise was solved.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const out = mkdtempSync(join(tmpdir(), 'vc-exercise-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const fx = (name: string) => join(ROOT, 'test/fixtures/exercise', name);

describe('exercises in run', () => {
  it('proves the check fails first, runs the solution, passes the check, and reports it', async () => {
    const r = await cli(['run', '--reporter', 'pretty', '--reporter', 'json', '--reporter', 'html', '--out', out, fx('done.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ L11 sh \[exercise make-done: solved by its solution\]/);
    expect(r.stdout).toMatch(/✓ L15 console \[exercise make-done: solved by its solution\]/);
    const json = JSON.parse(readFileSync(join(out, 'done.json'), 'utf8'));
    const sol = json.steps.find((s: { line: number }) => s.line === 11);
    expect(sol.exercise).toEqual({ id: 'make-done', outcome: 'solution' });
    expect(sol.output).toMatch(/^pre-check \(the check of exercise make-done, once, before the solution\): failed, as it must: /);
    expect(readFileSync(join(out, 'done.html'), 'utf8')).toContain('exercise make-done: solved by its solution');
  }, 60_000);

  it('fails an exercise that is already solved before its solution runs', async () => {
    const r = await cli(['run', fx('already.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${fx('already.md')}:12: exercise make-done is already solved before its solution ran (its check, line 16, passes)`);
  }, 60_000);

  it('refuses bad pairs before running anything', async () => {
    const r = await cli(['run', fx('bad-pairs.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fx('bad-pairs.md')}:5: the check of exercise early comes before its solution`);
  });
});
