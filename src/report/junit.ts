// JUnit XML: a testsuite per recipe and a testcase per step, as common CI tools read it.
import type { RecipeResult, StepResult } from './model.js';
import { stepLabel } from './labels.js';

/** Escapes text for XML, dropping characters XML 1.0 cannot carry. */
export function xmlEscape(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

const secs = (ms: number) => (ms / 1000).toFixed(3);
const ERROR_KINDS = new Set(['timeout', 'start', 'engine', 'interrupted', 'recipe-timeout', 'write']);

function testcase(r: RecipeResult, s: StepResult): string {
  const attrs = `name="${xmlEscape(stepLabel(s))}" classname="${xmlEscape(r.name)}" file="${xmlEscape(r.path)}" line="${s.line}" time="${secs(s.durationMs)}"`;
  const inner: string[] = [];
  if (s.status === 'skip' || s.status === 'notrun')
    inner.push(`      <skipped message="${xmlEscape(s.status === 'notrun' ? `not run: ${s.reason ?? ''}` : (s.reason ?? 'skipped'))}"/>`);
  if (s.status === 'fail') {
    const f = s.failure;
    const tag = f && ERROR_KINDS.has(f.kind) ? 'error' : 'failure';
    const body = [`${r.path}:${f?.line ?? s.line}: ${f?.message ?? 'failed'}`, f?.diff].filter(Boolean).join('\n');
    inner.push(`      <${tag} message="${xmlEscape(f?.message ?? 'failed')}" type="${f?.kind ?? 'failure'}">${xmlEscape(body)}</${tag}>`);
  }
  if (s.output) inner.push(`      <system-out>${xmlEscape(s.output)}</system-out>`);
  return inner.length === 0 ? `    <testcase ${attrs}/>` : `    <testcase ${attrs}>\n${inner.join('\n')}\n    </testcase>`;
}

function counts(r: RecipeResult) {
  const fails = r.steps.filter((s) => s.status === 'fail');
  const errors = fails.filter((s) => s.failure && ERROR_KINDS.has(s.failure.kind)).length;
  return {
    tests: r.steps.length,
    failures: fails.length - errors,
    errors,
    skipped: r.steps.filter((s) => s.status === 'skip' || s.status === 'notrun').length,
  };
}

function suite(r: RecipeResult): string {
  const c = counts(r);
  const props = [
    ['title', r.title],
    ['engine', r.engine],
    ['lab', r.lab],
    ['status', r.status],
    ['reason', r.reason],
    ['tags', r.tags.join(',')],
  ].filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '');
  const head = `  <testsuite name="${xmlEscape(r.path)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${secs(r.durationMs)}" timestamp="${r.startedAt.replace(/\.\d+Z$/, '')}">`;
  return [
    head,
    '    <properties>',
    ...props.map(([k, v]) => `      <property name="${k}" value="${xmlEscape(v)}"/>`),
    '    </properties>',
    ...r.steps.map((s) => testcase(r, s)),
    '  </testsuite>',
  ].join('\n');
}

/** A JUnit XML document for some recipes. */
export function junitXml(results: RecipeResult[]): string {
  const sum = results
    .map(counts)
    .reduce((a, c) => ({ tests: a.tests + c.tests, failures: a.failures + c.failures, errors: a.errors + c.errors, skipped: a.skipped + c.skipped }), {
      tests: 0,
      failures: 0,
      errors: 0,
      skipped: 0,
    });
  const time = secs(results.reduce((a, r) => a + r.durationMs, 0));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vessel-cookbook" tests="${sum.tests}" failures="${sum.failures}" errors="${sum.errors}" skipped="${sum.skipped}" time="${time}">`,
    ...results.map(suite),
    '</testsuites>',
    '',
  ].join('\n');
}
