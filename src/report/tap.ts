// TAP version 14: one test point per step; several recipes become subtests.
import type { RecipeResult, StepResult } from './model.js';
import { stepLabel } from './labels.js';

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/\n/g, ' ');

function yamlBlock(fields: Record<string, string | number | undefined>, indent: string): string[] {
  const out = [`${indent}  ---`];
  for (let [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (typeof v === 'string') v = v.replace(/\n+$/, '');
    if (typeof v === 'number') out.push(`${indent}  ${k}: ${v}`);
    else if (v.includes('\n') || v === '' || /^[\s'"[{>|*&!%@`#-]|: |\s$/.test(v)) {
      out.push(`${indent}  ${k}: |-`);
      for (const l of v.split('\n')) out.push(`${indent}    ${l}`);
    } else out.push(`${indent}  ${k}: ${v}`);
  }
  out.push(`${indent}  ...`);
  return out;
}

function point(s: StepResult, n: number, path: string, indent: string): string[] {
  const name = esc(stepLabel(s));
  if (s.status === 'pass') return [`${indent}ok ${n} - ${name}`];
  if (s.status === 'skip') return [`${indent}ok ${n} - ${name} # SKIP ${esc(s.reason ?? 'skipped')}`];
  if (s.status === 'notrun') return [`${indent}ok ${n} - ${name} # SKIP not run: ${esc(s.reason ?? '')}`];
  const f = s.failure;
  return [
    `${indent}not ok ${n} - ${name}`,
    ...yamlBlock(
      {
        message: f?.message ?? 'failed',
        at: `${path}:${f?.line ?? s.line}`,
        kind: f?.kind,
        attempts: s.attempts,
        diff: f?.diff,
        output: f?.diff ? undefined : s.output || undefined,
      },
      indent,
    ),
  ];
}

/** The TAP lines for one recipe's steps at `indent`. */
function recipeLines(r: RecipeResult, indent: string): string[] {
  const out: string[] = [];
  if (r.status === 'skip' || r.status === 'unrunnable' || r.status === 'notrun') {
    if (r.steps.every((s) => s.status !== 'pass' && s.status !== 'fail')) {
      out.push(`${indent}1..0 # SKIP ${esc(r.reason ?? r.status)}`);
      return out;
    }
  }
  out.push(`${indent}1..${r.steps.length}`);
  for (const [k, s] of r.steps.entries()) out.push(...point(s, k + 1, r.path, indent));
  return out;
}

/** A TAP document for one recipe (the `--out` file). */
export function tapForRecipe(r: RecipeResult): string {
  return ['TAP version 14', `# ${r.path}${r.title ? ` - ${esc(r.title)}` : ''}`, ...recipeLines(r, '')].join('\n') + '\n';
}

/** A TAP document for a whole run: one subtest per recipe. */
export function tapForRun(results: RecipeResult[]): string {
  const out = ['TAP version 14'];
  results.forEach((r, k) => {
    out.push(`# Subtest: ${r.path}`);
    out.push(...recipeLines(r, '    '));
    const failed = r.status === 'fail' || r.status === 'interrupted';
    const skip = r.status === 'skip' || r.status === 'unrunnable' || r.status === 'notrun' ? ` # SKIP ${esc(r.reason ?? r.status)}` : '';
    out.push(`${failed ? 'not ok' : 'ok'} ${k + 1} - ${esc(r.path)}${skip}`);
  });
  out.push(`1..${results.length}`);
  return out.join('\n') + '\n';
}
