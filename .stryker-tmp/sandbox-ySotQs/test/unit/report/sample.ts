// @ts-nocheck
// A fixed set of results covering every status, for reporter golden files.
import type { RecipeResult } from '../../../src/report/model.js';

/** Results of two recipes: one failing with a diff, one that could not run. */
export function sampleResults(): RecipeResult[] {
  return [
    {
      path: 'cookbook/demo.md', name: 'demo', title: 'Demo & <friends>', summary: 'Shows every status', tags: ['demo'],
      engine: 'linux', lab: 'abc123', status: 'fail', startedAt: '2026-11-23T10:00:00.000Z', durationMs: 1234,
      steps: [
        { id: 'setup', line: 9, kind: 'sh', lang: 'sh', heading: 'Setup', status: 'pass', durationMs: 12, attempts: 1, output: 'ready\n' },
        { id: 'L14', line: 14, kind: 'sh', lang: 'bash', status: 'pass', durationMs: 2100, attempts: 3, output: '' },
        { id: 'L20', line: 20, kind: 'file', lang: 'ini', status: 'skip', reason: 'marked skip', durationMs: 0, attempts: 0, output: '' },
        {
          id: 'L25', line: 25, kind: 'console', lang: 'console', status: 'fail', durationMs: 40, attempts: 1,
          output: '$ echo "<b>"\n<b>\n',
          failure: { kind: 'mismatch', line: 26, message: 'output of the command on line 26 does not match the transcript', diff: '--- expected cookbook/demo.md\n+++ actual output\n@@ -26,2 +1,2 @@\n $ echo "<b>"\n-<a>\n+<b>' },
        },
        { id: 'L31', line: 31, kind: 'sh', lang: 'sh', status: 'notrun', reason: 'an earlier step failed (L25, line 25)', durationMs: 0, attempts: 0, output: '' },
        { id: 'L36', line: 36, kind: 'sh', lang: 'sh', status: 'notrun', reason: 'an earlier step failed (L25, line 25)', durationMs: 0, attempts: 0, output: '' },
      ],
    },
    {
      path: 'cookbook/slow.md', name: 'slow', tags: [], engine: 'linux', lab: 'def456', status: 'fail', startedAt: '2026-11-23T10:00:02.000Z', durationMs: 500,
      steps: [
        { id: 'L5', line: 5, kind: 'sh', lang: 'sh', status: 'fail', durationMs: 500, attempts: 1, output: 'waiting\n', failure: { kind: 'timeout', line: 5, message: 'the block timed out after 500ms; its process tree was killed' } },
      ],
    },
    {
      path: 'cookbook/cluster.md', name: 'cluster', title: 'Cluster', tags: ['cluster'], engine: 'linux', lab: 'ghi789', status: 'unrunnable',
      reason: 'needs elixir, not installed on this host', startedAt: '2026-11-23T10:00:03.000Z', durationMs: 0,
      steps: [{ id: 'L7', line: 7, kind: 'sh', lang: 'sh', status: 'notrun', reason: 'the host cannot run this recipe', durationMs: 0, attempts: 0, output: '' }],
    },
  ];
}
