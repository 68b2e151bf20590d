// `vessel-cookbook plan`: runs a recipe's vessel commands through a backend with a recording host, and prints the plan.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { dir as tmpDir } from 'tmp-promise';
import { BACKENDS } from '../backends/registry.js';
import type { BackendName, VesselBackend } from '../core/backend.js';
import { displayCommand } from '../core/host.js';
import type { PlanStep } from '../host/recording.js';
import { main as vesselMain, type Opener } from './vessel.js';
import type { Recipe } from '../recipe/model.js';
import { planItems } from '../plan/extract.js';
import { matchLines, outputLines, unifiedDiff } from '../match/transcript.js';
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
  const body = (text: string) =>
    text === ''
      ? []
      : text
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `  | ${l}`);
  for (const s of steps) {
    switch (s.op) {
      case 'write':
        out.push(`write ${s.path} (mode ${s.mode.toString(8).padStart(4, '0')})`, ...body(s.text));
        break;
      case 'append':
        out.push(`append ${s.path}`, ...body(s.text));
        break;
      case 'start':
        out.push(`start ${displayCommand(s.argv)} >>${s.log} 2>&1 &${s.cgroup ? `   # in cgroup ${s.cgroup}` : ''}`, `  # assumed PID: ${s.pid}`);
        break;
      case 'signal':
        out.push(`kill -${s.sig.slice(3)} ${s.pid}`);
        break;
      case 'mkdir':
        out.push(`mkdir -p ${s.path}`);
        break;
      case 'remove':
        out.push(`rm -rf ${s.path}`);
        break;
      case 'rmdir':
        out.push(`rmdir ${s.path}`);
        break;
      case 'run':
        out.push(displayCommand(s.argv, s.input));
        if (s.answer !== undefined && s.answer.trim() !== '') out.push(`  # assumed output: ${s.answer.trim().replace(/\s+/g, ' ')}`);
        if (s.exit !== undefined) out.push(`  # assumed exit status: ${s.exit}`);
    }
  }
  return out;
}

/** `bash -n` on every sh block and console command that runs on this backend: step id → '' (passes) or its first error. */
async function shellSyntax(recipe: Recipe, backend: BackendName): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of recipe.steps) {
    if (s.options.skip || (s.options.engine && s.options.engine !== backend)) continue;
    // A console block's commands are checked together, one per line: each is a whole command, so together they parse
    // exactly when each does (one bash per block, not per command).
    // A file block in a shell language is a script a later step runs (a service's `sh pg.sh`): checked the same way.
    const shellFile = s.kind === 'file' && ['sh', 'bash', 'shell'].includes(s.lang);
    const script = s.kind === 'sh' || shellFile ? s.body : s.kind === 'console' ? s.commands.map((c) => `${c.command}\n`).join('') : undefined;
    if (script === undefined) continue;
    const r = await execa('bash', ['-n'], { input: script, reject: false });
    const verdict = r.exitCode === 0 ? '' : (String(r.stderr).trim().split('\n')[0] ?? `exit ${r.exitCode}`);
    out.set(s.id, verdict);
  }
  return out;
}

/** A backend that really runs (a FreeBSD VM over SSH), with the steps its host took so far and what it is. */
export interface LiveBackend {
  engine: VesselBackend;
  host: { steps: PlanStep[] };
  /** What ran it (`uname -a` of the machine), for the header. */
  machine: string;
}

/** The plan of one recipe on a backend, as text; with `live`, the recipe's vessel commands run there for real. */
export async function planRecipe(
  recipe: Recipe,
  seed = DEFAULT_SEED,
  backend: BackendName = 'freebsd',
  live?: LiveBackend,
): Promise<{ text: string; ok: boolean; steps: PlanStep[]; topology: Topology }> {
  const parts = BACKENDS[backend];
  const { engine, host } = live ?? parts.recording(seed);
  const lab = planLabId(seed);
  const work = await tmpDir({ prefix: 'vessel-cookbook-plan-', unsafeCleanup: true });
  const lines = [
    `# ${live ? 'run' : 'plan'} of ${recipe.path} on the ${backend} backend (lab ${lab}, seed ${JSON.stringify(seed)})`,
    ...(live
      ? [`# ran on: ${live.machine}`, "# these are the commands and files the backend ran and wrote; a run's own steps (sh blocks, asserts) did not run"]
      : [`# assumed host: ${parts.planAssumptions}`, '# nothing here has run: these are the commands and files the backend would run and write']),
  ];
  let ok = true;
  let topology!: Topology;
  const cwd = process.cwd();
  // The vessel CLI with this recording backend; its close() must not close the shared state.
  const open: Opener = async () => Object.create(engine, { close: { value: () => undefined } }) as VesselBackend;
  try {
    process.chdir(work.path);
    let at = 0;
    const flush = () => {
      lines.push(...formatSteps(host.steps.slice(at)));
      at = host.steps.length;
    };
    lines.push('', '## lab setup (vessel-cookbook run makes the lab before the first step)');
    await engine.openRunLab(lab, `plan-${lab}`, work.path);
    flush();
    const syntax = await shellSyntax(recipe, backend);
    let block = '';
    // The variables the runner itself sets are known: a vessel command that uses them is planned.
    const vars = { VESSEL_WORKDIR: work.path, VESSEL_LAB: lab, VESSEL_ENGINE: backend };
    for (const it of planItems(recipe, backend, vars)) {
      // Each shell block that runs is checked with bash -n once, where its first line is listed.
      if (it.step !== block) {
        block = it.step;
        const verdict = syntax.get(it.step);
        if (verdict !== undefined) {
          const st = recipe.steps.find((x) => x.id === it.step)!;
          lines.push(
            '',
            `# block L${st.line} (${st.lang}${it.step === `L${st.line}` ? '' : `, ${it.step}`}): bash -n ${verdict === '' ? 'passes' : `fails: ${verdict}`}`,
          );
          if (verdict !== '') ok = false;
        }
      }
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
      let printed = '';
      const code = await vesselMain(['node', 'vessel', `--lab=${lab}`, ...it.argv], open, {
        out: (s) => {
          printed += s;
        },
        err: (s) => {
          said += s;
          printed += s;
        },
      });
      flush();
      // What the recorded vessel printed, against the recipe's expected output (as `run` would compare it).
      if (it.unchecked) lines.push(`# output not compared: ${it.unchecked}`);
      else if (it.expected) {
        const m = matchLines(it.expected, outputLines(printed));
        if (m.ok) lines.push('# output matches the recipe');
        else {
          ok = false;
          lines.push(
            '# output differs from the recipe:',
            ...unifiedDiff(m.ops, { path: recipe.path })
              .replace(/\n$/, '')
              .split('\n')
              .map((l) => `#   ${l}`),
          );
        }
      }
      if (it.exit >= 0 && code !== it.exit) {
        lines.push(
          `# exit ${code} where the recipe expects ${it.exit}${said ? `: ${said.trim().split('\n')[0]}` : ''}`,
          '# the run would stop here; the plan stops too',
        );
        ok = false;
        break;
      }
      if (code !== 0) lines.push(`# exit ${code} (as the recipe expects)${said ? `: ${said.trim().split('\n')[0]}` : ''}`);
    }
    topology = topologyOf(engine, lab, backend);
    lines.push('', '## teardown (reverse order of creation)');
    await engine.destroyLab(lab);
    flush();
  } finally {
    process.chdir(cwd);
    process.exitCode = undefined;
    // A live lab left by a failure midway is torn down too (a plan's lives in memory only).
    if (live && engine.getLab(lab)) await engine.destroyLab(lab);
    if (!live) engine.close();
    await work.cleanup();
  }
  return { text: lines.join('\n').split(work.path).join('$VESSEL_WORKDIR') + '\n', ok, steps: host.steps, topology };
}
