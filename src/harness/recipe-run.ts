// Runs one recipe end to end: work directory, environment, steps in order, and guaranteed teardown.
import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dir as tmpDir } from 'tmp-promise';
import type { EngineName, Recipe, Step } from '../recipe/model.js';
import { formatDuration } from '../recipe/duration.js';
import type { ExerciseOutcome, RecipeResult, StepResult } from '../report/model.js';
import { emit, type Reporter } from '../report/reporter.js';
import type { RunContext } from './context.js';
import { HERE, installHint, missingNeeds } from '../host/needs.js';
import { SshHost } from '../host/ssh.js';
import { remoteNeeds, remoteRunLab, type RemoteRun } from './remote-run.js';
import { RUN_MARKER } from '../exec/spawn.js';
import { evaluate } from '../assert/evaluate.js';
import { checkOnce, runStep, skipReason } from './step.js';
import { endRunProcesses } from './teardown.js';
import { backgroundFailure, backgroundOutput } from './background.js';
import type { VesselBackend } from '../core/backend.js';
import type { RunLab } from '../core/run-lab.js';
import type { Topology } from '../report/topology.js';
import { RecipeClock } from './clock.js';
import { interactiveShell, type Stepper } from './step-mode.js';
import { jailStateOf, labTopology, view } from './lab-view.js';
import { usage, VesselError } from '../util/errors.js';

/** The package's bin directory, put first on every block's PATH so `vessel` is the engine CLI. */
export const BIN_DIR = fileURLToPath(new URL('../../bin', import.meta.url));

/** Options for running one recipe. */
export interface RecipeRunOptions {
  engine: EngineName;
  only?: ReadonlySet<string>;
  keep: boolean;
  reporters: Reporter[];
  /** Aborts when the whole run is interrupted. */
  signal: AbortSignal;
  /** The jail engine, or why this host cannot run one (exit 3). */
  backend: VesselBackend | string;
  /** Learning mode: asks before each step. */
  stepper?: Stepper;
  /** Learning mode from this recipe line on (`--step --from LINE`): the steps before it run without stopping. */
  stepFrom?: number;
  /** The user quit in learning mode at the step on `line`: stop the run (with teardown). */
  onQuit?: (line: number) => void;
  /** `update`: a console mismatch does not stop the recipe (every stale block is found in one run). */
  keepGoingOnMismatch?: boolean;
  /** The lab host is a machine over SSH (`--host`): blocks run there, and their `vessel` comes back here. */
  remote?: string;
}

/** Runs a step with the stepper told it is busy (keys pressed meanwhile are answered), when there is one. */
async function running<T>(stepper: Stepper | undefined, fn: () => Promise<T>): Promise<T> {
  stepper?.busy?.(true);
  try {
    return await fn();
  } finally {
    stepper?.busy?.(false);
  }
}

/** Failure kinds that say a check did not finish, or could not run: no verdict on the exercise. */
const INCONCLUSIVE = new Set(['timeout', 'recipe-timeout', 'interrupted', 'start', 'engine']);

/** A short lab id that fits interface names (`vc<id>-host` is 15 characters at most). */
export function newLabId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
}

function resultBase(recipe: Recipe, engine: string, lab: string): Omit<RecipeResult, 'status' | 'durationMs' | 'steps'> {
  return {
    path: recipe.path,
    name: recipe.name,
    ...(recipe.meta.title !== undefined ? { title: recipe.meta.title } : {}),
    ...(recipe.meta.summary !== undefined ? { summary: recipe.meta.summary } : {}),
    tags: recipe.meta.tags,
    engine,
    lab,
    startedAt: new Date().toISOString(),
  };
}

/** One step's result when it did not run: skipped, or not run, with why. */
function unrunStep(step: Recipe['steps'][number], status: 'notrun' | 'skip', reason: string): StepResult {
  return { id: step.id, line: step.line, kind: step.kind, lang: step.lang, status, reason, durationMs: 0, attempts: 0, output: '' };
}

/** Marks every step as not run (or skipped) with a reason. */
export function unrunSteps(recipe: Recipe, reason: string, status: 'notrun' | 'skip' = 'notrun'): StepResult[] {
  return recipe.steps.map((s) => unrunStep(s, status, reason));
}

/** Why a recipe cannot run here (another engine, missing packages, no backend), as a finished result; undefined when it can. */
async function admit(recipe: Recipe, opts: RecipeRunOptions, base: ReturnType<typeof resultBase>): Promise<RecipeResult | undefined> {
  if (!recipe.meta.engines.includes(opts.engine)) {
    const reason = `recipe supports ${recipe.meta.engines.join(', ')}; this run uses ${opts.engine}`;
    return { ...base, status: 'skip', reason, durationMs: 0, steps: unrunSteps(recipe, reason, 'skip') };
  }
  const host = typeof opts.backend === 'string' ? undefined : opts.backend.ctx.host;
  const place = opts.remote && host instanceof SshHost ? remoteNeeds(host) : HERE;
  const missing = await missingNeeds(recipe.meta.needs, place);
  if (missing.length > 0) {
    const where = opts.remote ? `the remote host ${opts.remote}` : 'this host';
    const reason = `needs ${missing.join(', ')}, not installed on ${where}; ${installHint(missing, [recipe.path], place.os)}`;
    return { ...base, status: 'unrunnable', reason, durationMs: 0, steps: unrunSteps(recipe, 'the host cannot run this recipe') };
  }
  if (typeof opts.backend === 'string') {
    return { ...base, status: 'unrunnable', reason: opts.backend, durationMs: 0, steps: unrunSteps(recipe, 'the host cannot run this recipe') };
  }
  return undefined;
}

/** The run's temporary directory: the work directory steps share, a private one for state, and an owner file. */
async function makeWorkDirs(recipe: Recipe, lab: string) {
  const tmp = await tmpDir({ prefix: 'vessel-cookbook-', unsafeCleanup: true });
  const workdir = join(tmp.path, 'work');
  const privdir = join(tmp.path, '.vessel');
  const jailFiles = join(tmp.path, 'jail');
  await mkdir(workdir);
  await mkdir(privdir, { mode: 0o700 });
  await mkdir(jailFiles, { mode: 0o700 });
  // Lets a later `vessel cleanup` tell an orphaned directory (owner gone) from a live one.
  await writeFile(join(tmp.path, 'owner'), `${process.pid}\n${lab}\n${recipe.path}\n`);
  return { tmp, workdir, privdir, jailFiles };
}

/** The context every step of the run gets. */
function runContext(
  opts: RecipeRunOptions,
  backend: VesselBackend,
  runLab: RunLab,
  a: { lab: string; runId: string; workdir: string; privdir: string; jailFiles: string; signal: AbortSignal; clock: RecipeClock },
): RunContext {
  return {
    runId: a.runId,
    lab: a.lab,
    engine: opts.engine,
    workdir: a.workdir,
    privdir: a.privdir,
    jailFiles: a.jailFiles,
    stateFile: join(a.privdir, 'exports.state'),
    env: {
      ...(process.env as Record<string, string>),
      PATH: `${BIN_DIR}:${process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'}`,
      VESSEL_LAB: a.lab,
      VESSEL_WORKDIR: a.workdir,
      // The files of jail blocks: a thin root shows this folder and the work directory, never the private one.
      VESSEL_JAIL_STEPS: a.jailFiles,
      VESSEL_ENGINE: opts.engine,
      ...runLab.env,
      [RUN_MARKER]: a.runId,
    },
    signal: a.signal,
    get deadline() {
      return a.clock.deadline();
    },
    keep: opts.keep,
    background: [],
    seq: 0,
    enter: (jail) => runLab.enter(jail, a.workdir),
    assertAll: async (assertions) => {
      const v = view(backend, a.lab, runLab.upstream);
      return Promise.all(assertions.map((x) => evaluate(x, v, runLab.prober)));
    },
    setCommandLog: (p) => runLab.setCommandLog(p),
    entryOf: (args) => runLab.entryOf(args),
    jailState: (j) => jailStateOf(backend, a.lab, j),
  };
}

/**
 * Runs one recipe and always tears down what it started. The steps: admit (engine, packages, backend), the work
 * directories, the lab, the recipe's steps in order, then teardown (step processes, background output, the lab).
 */
export async function runRecipe(recipe: Recipe, opts: RecipeRunOptions): Promise<RecipeResult> {
  const lab = newLabId();
  const base = resultBase(recipe, opts.engine, lab);
  const started = Date.now();
  await emit(opts.reporters, 'onRecipeStart', recipe, { engine: opts.engine, lab });
  const finish = async (r: RecipeResult) => {
    await emit(opts.reporters, 'onRecipeEnd', recipe, r);
    return r;
  };
  const refused = await admit(recipe, opts, base);
  if (refused) return finish(refused);
  const backend = opts.backend as VesselBackend;
  const runId = `${lab}-${process.pid}`;
  const { tmp, workdir, privdir, jailFiles } = await makeWorkDirs(recipe, lab);
  let runLab: RunLab;
  let remote: RemoteRun | undefined;
  try {
    runLab = await backend.openRunLab(lab, runId, tmp.path);
    if (opts.remote) {
      const host = backend.ctx.host;
      if (!(host instanceof SshHost)) throw usage(`--host=${opts.remote}: the backend does not manage a machine over SSH`);
      remote = await remoteRunLab(runLab, host, tmp.path, join(BIN_DIR, 'vessel'), opts.remote);
      runLab = remote.lab;
    }
  } catch (e) {
    if (!(e instanceof VesselError)) throw e;
    await backend.destroyLab(lab).catch(() => undefined);
    await tmp.cleanup();
    const reason = `could not create the lab: ${e.message}`;
    return finish({ ...base, status: e.code === 'env' ? 'unrunnable' : 'fail', reason, durationMs: Date.now() - started, steps: unrunSteps(recipe, reason) });
  }
  const stop = new AbortController();
  const onRunAbort = () => stop.abort(opts.signal.reason);
  opts.signal.addEventListener('abort', onRunAbort, { once: true });
  if (opts.signal.aborted) stop.abort(opts.signal.reason);
  // The recipe's timeout counts from the start of the run; with --step, only the time steps spend running (the
  // learner's reading, prompts and shells are theirs), as the step screen says.
  const clock = new RecipeClock(Math.max(0, started + recipe.meta.timeoutMs - Date.now()), () => stop.abort('recipe-timeout'));
  clock.run();
  const learner = <T>(fn: () => Promise<T>): Promise<T> => (opts.stepper ? clock.paused(fn) : fn());
  const ctx = runContext(opts, backend, runLab, { lab, runId, workdir, privdir, jailFiles, signal: stop.signal, clock });
  const steps: StepResult[] = [];
  let failed: StepResult | undefined;
  let skippedFailure: StepResult | undefined;
  let teardownError: string | undefined;
  // The first step the run never reached because it was stopped (the recipe's timeout, an interruption), and why.
  let halted: { step: StepResult; reason: string } | undefined;
  let topology: Topology | undefined;
  // A background block that ended badly fails its step and the recipe, when it is noticed.
  const noticeBackground = async () => {
    for (let f = backgroundFailure(ctx); f; f = backgroundFailure(ctx)) {
      const r = steps.find((s) => s.background && s.id === f!.b.stepId);
      if (!r) continue;
      r.status = 'fail';
      r.failure = f.failure;
      r.output = f.output;
      await emit(opts.reporters, 'onStepEnd', recipe, r);
      failed ??= r;
    }
  };
  // Exercises met so far, by ID: how each was solved, and (solved by the learner) what its check printed then.
  const exercises = new Map<string, { id: string; outcome: ExerciseOutcome; output?: string }>();
  const shellIn = async (jail: string | undefined) => {
    const prefix = runLab.enter(jail, workdir);
    if (typeof prefix === 'string') process.stdout.write(`${prefix}\n`);
    else await interactiveShell(prefix, ctx.env, workdir, jail ? `jail ${jail}` : `lab ${lab}`);
  };
  /**
   * An exercise's solution step (contract, Exercises). With --step the learner may solve it (the check passes on `c`),
   * skip it, or have the solution run. Before the solution runs, its check must fail once: else the exercise is no
   * exercise. The pre-check is reported as part of the solution step.
   */
  const runSolution = async (step: Step, stepper: Stepper | undefined): Promise<StepResult | 'quit'> => {
    const id = step.options.solution!;
    const check = recipe.steps.find((s) => s.options.exercise === id)!;
    const tryCheck = async () => {
      const a = await checkOnce(ctx, recipe, check);
      return {
        ok: a.ok,
        output: a.output,
        ...(a.failure ? { message: a.failure.message, kind: a.failure.kind } : {}),
        ...(a.failure?.diff ? { diff: a.failure.diff } : {}),
        ...(a.failure?.details ? { details: a.failure.details } : {}),
      };
    };
    if (stepper?.exercise) {
      const choice = await learner(() => stepper.exercise!(recipe, step, check, { shell: shellIn, check: () => clock.running(tryCheck) }));
      if (choice.kind === 'quit') return 'quit';
      if (choice.kind === 'learner' || choice.kind === 'skip') {
        exercises.set(id, { id, outcome: choice.kind === 'learner' ? 'learner' : 'skipped', ...(choice.kind === 'learner' ? { output: choice.output } : {}) });
        const why = choice.kind === 'learner' ? 'you solved the exercise: its check passed (--step)' : 'the exercise was skipped (--step)';
        return { ...unrunStep(step, 'skip', why), exercise: { id, outcome: exercises.get(id)!.outcome } };
      }
    }
    await emit(opts.reporters, 'onStepStart', recipe, step);
    const pre = await tryCheck();
    // With --step, a learner who pressed r after doing the work had solved it.
    if (pre.ok && stepper) {
      exercises.set(id, { id, outcome: 'learner', output: pre.output });
      return { ...unrunStep(step, 'skip', 'you had solved the exercise: its check passed before the solution ran'), exercise: { id, outcome: 'learner' } };
    }
    const preCheckFails = (message: string): StepResult => ({
      ...unrunStep(step, 'skip', ''),
      status: 'fail',
      output: `pre-check (the check of exercise ${id}, once, before the solution):\n${pre.output}`,
      failure: { kind: 'exercise', line: step.line, message },
    });
    if (pre.ok) return preCheckFails(`exercise ${id} is already solved before its solution ran (its check, line ${check.line}, passes)`);
    // A check that did not finish (or could not run) failed for no reason of the exercise's: it proves nothing.
    if (pre.kind && INCONCLUSIVE.has(pre.kind))
      return preCheckFails(`exercise ${id}: its check (line ${check.line}) did not finish before the solution ran (${pre.message}), so it proves nothing`);
    exercises.set(id, { id, outcome: 'solution' });
    const r = await running(stepper, () => runStep(ctx, recipe, step, []));
    r.output = `pre-check (the check of exercise ${id}, once, before the solution): failed, as it must: ${pre.message ?? 'failed'}\n${r.output}`;
    r.exercise = { id, outcome: 'solution' };
    return r;
  };
  const quit = (step: Step) => {
    opts.onQuit?.(step.line);
    stop.abort('quit');
    steps.push(unrunStep(step, 'notrun', 'you quit (--step)'));
  };
  try {
    for (const step of recipe.steps) {
      await noticeBackground();
      const skip = skipReason(step, opts.engine, opts.only);
      // --step --from LINE: the steps before LINE run as in an ordinary run.
      const stepper = opts.stepper && step.line >= (opts.stepFrom ?? 0) ? opts.stepper : undefined;
      if (failed || stop.signal.aborted) {
        const reason = failed
          ? `an earlier step failed (${failed.id}, line ${failed.line})`
          : stop.signal.reason === 'recipe-timeout'
            ? `the recipe's timeout (${formatDuration(recipe.meta.timeoutMs)}${opts.stepper ? ' of steps running' : ''}) ran out`
            : 'the run was interrupted';
        const r = unrunStep(step, skip ? 'skip' : 'notrun', skip ?? reason);
        // A step the run never reached because it was stopped fails the recipe: nothing shows it would have passed.
        if (!failed && !skip) halted ??= { step: r, reason };
        // An exercise whose check never ran was not shown to be solved.
        const ex = step.options.exercise !== undefined ? exercises.get(step.options.exercise) : undefined;
        if (ex && ex.outcome === 'solution' && !skip) {
          ex.outcome = 'unchecked';
          r.exercise = { id: ex.id, outcome: 'unchecked' };
          const sol = steps.find((x) => x.exercise?.id === ex.id);
          if (sol) sol.exercise = { id: ex.id, outcome: 'unchecked' };
        }
        steps.push(r);
        continue;
      }
      if (skip) {
        // --step shows another engine's step read-only, with its prose: the recipe shows both engines.
        if (stepper?.readOnly && step.options.engine && step.options.engine !== opts.engine && !step.options.skip) {
          if ((await learner(() => stepper.readOnly!(recipe, step, skip))) === 'quit') {
            quit(step);
            continue;
          }
        }
        const r: StepResult = unrunStep(step, 'skip', skip);
        steps.push(r);
        await emit(opts.reporters, 'onStepEnd', recipe, r);
        continue;
      }
      const exercise = step.options.exercise !== undefined ? exercises.get(step.options.exercise) : undefined;
      if (exercise && exercise.outcome !== 'solution') {
        // Solved by the learner (its check passed then) or skipped: the check is not run again.
        const r: StepResult =
          exercise.outcome === 'learner'
            ? { ...unrunStep(step, 'skip', ''), status: 'pass', output: exercise.output ?? '', exercise: { id: exercise.id, outcome: 'learner' } }
            : { ...unrunStep(step, 'skip', 'the exercise was skipped (--step)'), exercise: { id: exercise.id, outcome: 'skipped' } };
        if (r.status === 'pass') delete r.reason;
        steps.push(r);
        await emit(opts.reporters, 'onStepEnd', recipe, r);
        continue;
      }
      if (step.options.solution !== undefined) {
        const r = await runSolution(step, stepper);
        if (r === 'quit') {
          quit(step);
          continue;
        }
        steps.push(r);
        await emit(opts.reporters, 'onStepEnd', recipe, r);
        // No prompt follows a solution the learner had run: its output is shown here.
        if (r.exercise?.outcome === 'solution') stepper?.showOutput?.(step, r);
        if (r.status === 'fail') failed = r;
        continue;
      }
      if (stepper) {
        const where = (jail: string | undefined) => (jail ? `jail ${jail}` : `lab ${lab}`);
        const choice = await learner(() =>
          stepper.before(recipe, step, async (jail) => {
            const prefix = runLab.enter(jail, workdir);
            if (typeof prefix === 'string') process.stdout.write(`${prefix}\n`);
            else await interactiveShell(prefix, ctx.env, workdir, where(jail));
          }),
        );
        if (choice === 'quit') {
          quit(step);
          continue;
        }
        if (choice === 'skip') {
          const r: StepResult = unrunStep(step, 'skip', 'skipped with s (--step)');
          steps.push(r);
          await emit(opts.reporters, 'onStepEnd', recipe, r);
          continue;
        }
      }
      const mark = (x: StepResult) => (exercise ? Object.assign(x, { exercise: { id: exercise.id, outcome: exercise.outcome } }) : x);
      let r = mark(await running(stepper, () => runStep(ctx, recipe, step, opts.reporters)));
      await emit(opts.reporters, 'onStepEnd', recipe, r);
      // --step: after each step, the learner may run it again, look around, or (after a failure) skip past it.
      let after = stepper ? await learner(() => stepper.after(recipe, step, r, shellIn)) : 'next';
      // A step that passed once stays passed: running it again is the learner's experiment, not the recipe's verdict.
      let passed = r.status === 'pass' ? r : undefined;
      while (after === 'again') {
        r = mark(await running(stepper, () => runStep(ctx, recipe, step, opts.reporters)));
        await emit(opts.reporters, 'onStepEnd', recipe, r);
        if (r.status === 'pass') passed = r;
        after = await learner(() => stepper!.after(recipe, step, r, shellIn, passed !== undefined));
      }
      if (r.status === 'fail' && passed && after !== 'quit') r = passed;
      steps.push(r);
      if (after === 'quit') {
        opts.onQuit?.(step.line);
        stop.abort('quit');
        continue;
      }
      if (r.status === 'fail') {
        // Skipped past: the run goes on, and the recipe still fails.
        if (opts.keepGoingOnMismatch && r.failure?.kind === 'mismatch') skippedFailure ??= r;
        else if (after === 'skip') {
          r.reason = 'failed, then skipped past with s (--step)';
          skippedFailure ??= r;
        } else failed = r;
      }
    }
    if (!stop.signal.aborted) opts.stepper?.closing?.(recipe);
    await noticeBackground();
  } finally {
    clock.pause();
    opts.signal.removeEventListener('abort', onRunAbort);
    try {
      topology = labTopology(backend, lab);
    } catch {
      /* a snapshot is for reports only */
    }
    const endedOnTheirOwn = new Set(ctx.background.filter((b) => b.end));
    await endRunProcesses(ctx);
    // What background blocks printed, up to their end, goes into every report.
    for (const b of ctx.background) {
      const r = steps.find((s) => s.background && s.id === b.stepId);
      if (r?.status !== 'pass') continue;
      const out = backgroundOutput(ctx, b);
      const note = b.note
        ? `(${b.note})`
        : endedOnTheirOwn.has(b)
          ? `(it exited with status 0 ${formatDuration(b.end!.at - b.started)} after it started)`
          : '(it was still running at teardown, which stopped it)';
      r.output = `${out}${out && !out.endsWith('\n') ? '\n' : ''}${note}\n`;
    }
    try {
      for (const notice of await runLab.teardown(opts.keep)) await emit(opts.reporters, 'onNotice', `${recipe.path}: ${notice}`);
      await remote?.close(opts.keep);
    } catch (e) {
      // The steps' results stand; the recipe fails, saying what teardown could not do.
      teardownError = `teardown failed: ${(e as Error)?.message ?? String(e)}; run \`vessel cleanup\``;
      await emit(opts.reporters, 'onNotice', `${recipe.path}: ${teardownError}`);
    }
    if (!opts.keep) await tmp.cleanup().catch(() => undefined);
  }
  const interrupted = opts.signal.aborted || (halted !== undefined && stop.signal.reason === 'quit');
  const status = interrupted
    ? 'interrupted'
    : failed || skippedFailure || halted || teardownError
      ? 'fail'
      : steps.every((s) => s.status === 'skip')
        ? 'skip'
        : 'pass';
  const result: RecipeResult = { ...base, status, durationMs: Date.now() - started, steps, ...(topology ? { topology } : {}) };
  if (status === 'skip') result.reason = 'every step was skipped';
  if (teardownError && !failed && !skippedFailure) result.reason = teardownError;
  else if (status === 'fail' && !failed && !skippedFailure && halted)
    result.reason = `${halted.reason} before step ${halted.step.id} (line ${halted.step.line}); ${steps.filter((s) => s.status === 'notrun').length} step(s) not run`;
  if (opts.keep) {
    result.keptWorkdir = workdir;
    result.reason = `lab ${lab} kept; remove it with \`vessel destroy --lab ${lab}\``;
  }
  return finish(result);
}
