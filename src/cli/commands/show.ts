// `vessel-cookbook show FILE`: the steps exactly as the runner sees them, with line numbers.
import { usage } from '../../util/errors.js';
import { endpointText, type Assertion } from '../../assert/model.js';
import { formatDuration } from '../../recipe/duration.js';
import type { Recipe, Step } from '../../recipe/model.js';
import { EXIT, loadAll, printErrors } from '../common.js';

function describeAssertion(a: Assertion): string {
  switch (a.kind) {
    case 'reach':
    case 'isolated': {
      const to = endpointText(a.to.endpoint) + (a.to.port ? `:${a.to.port}` : '');
      return `${a.kind} ${endpointText(a.from)} -> ${to}  [${a.from.kind} -> ${a.to.endpoint.kind}${a.to.port ? ', tcp' : ', icmp'}]`;
    }
    case 'mesh':
      return `mesh ${endpointText(a.jails)}`;
    case 'resolve':
      return `resolve ${a.name} from ${endpointText(a.from)}${a.expect.kind === 'ip' ? ` = ${a.expect.address}` : a.expect.kind === 'cidr' ? ` in ${a.expect.cidr}` : ''}`;
    case 'lease':
      return `lease ${endpointText(a.jail)}${a.cidr ? ` in ${a.cidr}` : ''}`;
    case 'hostname':
      return `hostname ${endpointText(a.jail)} = ${a.name}`;
  }
}

function optionSummary(s: Step): string {
  const o = s.options;
  const parts: string[] = [];
  if (o.jail) parts.push(`jail=${o.jail}`);
  if (s.kind !== 'file') parts.push(`timeout=${formatDuration(o.timeoutMs)}`);
  if (s.kind === 'sh' && o.exit !== 0) parts.push(`exit=${o.exit}`);
  if (o.retryMs !== undefined) parts.push(`retry=${formatDuration(o.retryMs)}`);
  if (o.background) parts.push('background');
  if (o.skip) parts.push('skip');
  if (o.engine) parts.push(`engine=${o.engine}`);
  return parts.join(' ');
}

/** Renders one recipe's steps. */
export function renderSteps(r: Recipe): string {
  const out: string[] = [];
  const m = r.meta;
  out.push(`${r.path}${m.title ? ` — ${m.title}` : ''}`);
  out.push(
    `  engines: ${m.engines.join(', ')}  needs: ${m.needs.join(', ') || '-'}  timeout: ${formatDuration(m.timeoutMs)}  tags: ${m.tags.join(', ') || '-'}`,
  );
  for (const s of r.steps) {
    out.push('');
    // A step without a name= has the id L<line>: print it once.
    out.push(
      `${`L${s.line}`.padStart(6)}  ${s.id === `L${s.line}` ? '' : `${s.id}  `}${s.kind === 'file' ? `file ${s.path}` : s.kind}${s.kind === 'sh' ? ` (${s.lang})` : ''}  ${optionSummary(s)}${s.heading ? `  — ${s.heading}` : ''}`,
    );
    const body = (n: number, text: string) => out.push(`${String(n).padStart(6)}  | ${text}`);
    switch (s.kind) {
      case 'sh':
      case 'file':
        for (const [i, l] of s.body.replace(/\n$/, '').split('\n').entries()) body(s.line + 1 + i, l);
        break;
      case 'console':
        for (const c of s.commands) {
          for (const [i, l] of c.command.split('\n').entries()) body(c.line + i, `${i === 0 ? '$' : '>'} ${l}`);
          for (const e of c.expected) body(e.line, `${e.text}${e.mode === 'exact' ? '' : `   <${e.mode === 'any' ? 'any lines' : e.mode}>`}`);
          out.push(`        = expects exit ${c.exit}${c.exitLine ? ` (line ${c.exitLine})` : ''}`);
        }
        break;
      case 'assert':
        for (const a of s.assertions) body(a.line, describeAssertion(a));
        break;
    }
  }
  return out.join('\n') + '\n';
}

/** Shows the steps of one or more files. */
export async function showCommand(paths: string[]): Promise<number> {
  if (paths.length === 0) throw usage('show: give a recipe file');
  const { recipes, errors } = await loadAll(paths);
  for (const r of recipes) process.stdout.write(renderSteps(r) + '\n');
  if (printErrors(errors) > 0) return EXIT.usage;
  return EXIT.ok;
}
