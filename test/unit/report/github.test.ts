// The github reporter: workflow commands and the job summary, exactly (golden files), with GitHub's escaping.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { annotations, errorCommand, escapeData, escapeProperty, jobSummary } from '../../../src/report/github.js';
import { makeReporters } from '../../../src/report/index.js';
import { emit } from '../../../src/report/reporter.js';
import { sampleResults } from './sample.js';

const results = sampleResults();

describe('github workflow commands', () => {
  it('escapes %, \\r and \\n in messages, and : and , too in properties', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext%3A a%2Cb');
    expect(errorCommand({ file: 'cookbook/a,b.md', line: 7, title: 'x: y', message: 'one\ntwo' })).toBe(
      '::error file=cookbook/a%2Cb.md,line=7,title=x%3A y::one%0Atwo',
    );
  });

  it('marks every failed step and failing assertion on its line (golden)', async () => {
    await expect(`${results.flatMap(annotations).join('\n')}\n`).toMatchFileSnapshot('__golden__/run.github');
  });

  it('writes the job summary (golden)', async () => {
    await expect(jobSummary(results)).toMatchFileSnapshot('__golden__/run.summary.md');
  });

  it('prints next to pretty, and appends the summary to $GITHUB_STEP_SUMMARY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-gh-'));
    try {
      const file = join(dir, 'summary.md');
      let text = '';
      const out = new Writable({
        write(c, _e, cb) {
          text += String(c);
          cb();
        },
      }) as unknown as NodeJS.WriteStream;
      const reporters = makeReporters(['pretty', 'github'], undefined, out, false, false, false, 1, undefined, file);
      expect(reporters.map((r) => r.constructor.name)).toEqual(['PrettyReporter', 'GithubReporter']);
      for (const r of results) await emit(reporters, 'onRecipeEnd', { path: r.path } as never, r);
      await emit(reporters, 'onRunEnd', results, 1);
      expect(text).toContain(results.flatMap(annotations)[0]);
      expect(readFileSync(file, 'utf8')).toBe(jobSummary(results));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('failing assertions', () => {
  it('get one annotation each, on their own lines', () => {
    const r = {
      ...results[0]!,
      path: 'cookbook/net.md',
      name: 'net',
      status: 'fail' as const,
      steps: [
        {
          id: 'L12',
          line: 12,
          kind: 'assert' as const,
          lang: 'assert',
          status: 'fail' as const,
          durationMs: 5,
          attempts: 3,
          output: '',
          failure: {
            kind: 'assertion' as const,
            line: 13,
            message: 'reach a -> b: 1 sent, 0 received (and 1 more failing assertion)',
            details: ['L13 reach a -> b', '  ICMP echo from a to b (10.0.0.3) with fping: 1 sent, 0 received', 'L14 resolve b from a', '  no answer'],
          },
        },
      ],
    };
    expect(annotations(r)).toEqual([
      '::error file=cookbook/net.md,line=13,title=net%3A reach a -> b::reach a -> b%0AICMP echo from a to b (10.0.0.3) with fping: 1 sent, 0 received',
      '::error file=cookbook/net.md,line=14,title=net%3A resolve b from a::resolve b from a%0Ano answer',
    ]);
  });
});
