// Runs an assert block: every assertion once per attempt, reported with what was tried and what came back.
import type { AssertStep } from '../../recipe/model.js';
import type { RunContext } from '../context.js';
import type { Attempt } from './attempt.js';

/** Runs one attempt of an assert block. */
export async function runAssert(ctx: RunContext, step: AssertStep): Promise<Attempt> {
  if (!ctx.assertAll) {
    return {
      ok: false,
      output: '',
      retryable: false,
      failure: { kind: 'engine', line: step.line, message: 'assert blocks need the built-in jail engine, which is not available in this run' },
    };
  }
  const outcomes = await ctx.assertAll(step.assertions);
  const lines: string[] = [];
  for (const o of outcomes) {
    lines.push(`${o.ok ? 'ok  ' : 'FAIL'} L${o.line} ${o.text} (${o.probes} probe${o.probes === 1 ? '' : 's'})`);
    for (const d of o.details.slice(0, 20)) lines.push(`     ${d}`);
    if (o.details.length > 20) lines.push(`     ... and ${o.details.length - 20} more`);
  }
  const output = lines.join('\n') + '\n';
  const bad = outcomes.filter((o) => !o.ok);
  if (bad.length === 0) return { ok: true, output };
  const first = bad[0]!;
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more failing assertion${bad.length > 2 ? 's' : ''})` : '';
  return {
    ok: false,
    output,
    failure: {
      kind: 'assertion',
      line: first.line,
      message: `${first.text}: ${first.details[0] ?? 'failed'}${first.details.length > 1 ? ` (+${first.details.length - 1} more)` : ''}${more}`,
      details: bad.flatMap((o) => [`L${o.line} ${o.text}`, ...o.details.slice(0, 20).map((d) => `  ${d}`)]),
    },
  };
}
