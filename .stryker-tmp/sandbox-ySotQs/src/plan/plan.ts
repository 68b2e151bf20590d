// @ts-nocheck
// `vessel-cookbook plan`: runs a recipe's vessel commands through the freebsd backend with a recording host, and prints the plan.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dir as tmpDir } from 'tmp-promise';
import { displayCommand } from '../exec/runner.js';
import { main as vesselMain, type Opener } from '../cli/vessel.js';
import { FreebsdEngine, PLAN_ASSUMPTIONS, DEFAULT_INET_NIC } from '../freebsd/engine.js';
import type { PlanStep } from '../freebsd/host.js';
import type { Recipe } from '../recipe/model.js';
import { planItems } from './extract.js';
import { topologyOf, type Topology } from '../report/topology.js';

/** The seed plans use unless told otherwise. */
export const DEFAULT_SEED = 'vessel-cookbook';

/** The lab id of a plan: from the seed, so plans are deterministic. */
export function planLabId(seed: string): string {
  return `p${createHash('sha256').update(seed).digest('hex').slice(0, 5)}`;
}

/** Formats recorded steps as plan text. */
export function formatSteps(steps: PlanStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    if (s.op === 'write') {
      out.push(`write ${s.path} (mode ${s.mode.toString(8).padStart(4, '0')})`);
      for (const l of s.text.replace(/\n$/, '').split('\n')) if (s.text !== '') out.push(`  | ${l}`);
      continue;
    }
    out.push(displayCommand(s.argv, s.input));
    if (s.answer !== undefined && s.answer.trim() !== '') out.push(`  # assumed output: ${s.answer.trim().replace(/\s+/g, ' ')}`);
  }
  return out;
}

/** The plan of one recipe on the freebsd backend, as text. */
export async function planRecipe(recipe: Recipe, seed = DEFAULT_SEED): Promise<{ text: string; ok: boolean; steps: PlanStep[]; topology: Topology }> {
  const { engine, host } = FreebsdEngine.recording(seed);
  const lab = planLabId(seed);
  const work = await tmpDir({ prefix: 'vessel-cookbook-plan-', unsafeCleanup: true });
  const lines = [
    `# plan of ${recipe.path} on the freebsd backend (lab ${lab}, seed ${JSON.stringify(seed)})`,
    `# assumed host: FreeBSD with ${DEFAULT_INET_NIC} on VirtualBox NAT (${PLAN_ASSUMPTIONS.uplinkInet.ip}/${PLAN_ASSUMPTIONS.uplinkInet.prefix}), ${Object.entries(PLAN_ASSUMPTIONS.nics).map(([n, a]) => `${n} ${a.ip}/${a.prefix}`).join(', ')}, net.fibs=${PLAN_ASSUMPTIONS.fibs}; cloned interfaces numbered from 0`,
    '# nothing here has run: these are the commands and files the backend would run and write',
  ];
  let ok = true;
  let topology!: Topology;
  const cwd = process.cwd();
  // The vessel CLI with this recording backend; its close() must not close the shared state.
  const open: Opener = async () => Object.create(engine, { close: { value: () => undefined } }) as FreebsdEngine;
  try {
    process.chdir(work.path);
    const mark = () => host.steps.length;
    let at = mark();
    const flush = () => {
      lines.push(...formatSteps(host.steps.slice(at)));
      at = mark();
    };
    lines.push('', '## lab setup (vessel-cookbook run makes the lab before the first step)');
    await engine.createLab(lab, { kind: 'run', runId: `plan-${lab}` });
    flush();
    for (const it of planItems(recipe, 'freebsd')) {
      if (it.kind === 'not-planned') {
        lines.push('', `## L${it.line} not planned (${it.reason}): ${it.text.split('\n')[0]}`);
        continue;
      }
      if (it.kind === 'file') {
        const p = join(work.path, it.path);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, it.body);
        lines.push('', `## L${it.line} file=${it.path} (the run's work directory; read by later vessel commands)`);
        continue;
      }
      lines.push('', `## L${it.line} $ ${it.text}`);
      let said = '';
      const code = await vesselMain(['node', 'vessel', `--lab=${lab}`, ...it.argv], open, { out: () => undefined, err: (s) => void (said += s) });
      flush();
      if (it.exit >= 0 && code !== it.exit) {
        lines.push(`# exit ${code} where the recipe expects ${it.exit}${said ? `: ${said.trim().split('\n')[0]}` : ''}`, '# the run would stop here; the plan stops too');
        ok = false;
        break;
      }
      if (code !== 0) lines.push(`# exit ${code} (as the recipe expects)${said ? `: ${said.trim().split('\n')[0]}` : ''}`);
    }
    topology = topologyOf(engine, lab, 'freebsd');
    lines.push('', '## teardown (reverse order of creation)');
    await engine.destroyLab(lab);
    flush();
  } finally {
    process.chdir(cwd);
    process.exitCode = undefined;
    engine.close();
    await work.cleanup();
  }
  return { text: lines.join('\n').split(work.path).join('$VESSEL_WORKDIR') + '\n', ok, steps: host.steps, topology };
}
