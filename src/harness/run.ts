// Runs a list of checked recipes in order: signals, --bail, reporters and the final exit status.
import type { EngineName, Recipe } from '../recipe/model.js';
import { exitStatus, type RecipeResult } from '../report/model.js';
import { emit, type Reporter } from '../report/reporter.js';
import { runRecipe, unrunSteps } from './recipe-run.js';
import type { VesselBackend } from '../core/backend.js';
import { openBackend } from '../backends/registry.js';
import { VesselError } from '../util/errors.js';
import { shellState, type Stepper } from './step-mode.js';
import { oneLine } from '../util/oneline.js';

/** A recipe's result when none of its steps ran: not run (the run stopped first), or failed (an internal error). */
function unranResult(recipe: Recipe, engine: EngineName, status: 'notrun' | 'fail', reason: string): RecipeResult {
  return {
    path: recipe.path,
    name: recipe.name,
    tags: recipe.meta.tags,
    engine,
    lab: '',
    status,
    reason,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    steps: unrunSteps(recipe, reason),
    ...(recipe.meta.title !== undefined ? { title: recipe.meta.title } : {}),
  };
}

/** Options for a run of several recipes. */
export interface RunAllOptions {
  engine: EngineName;
  only?: ReadonlySet<string>;
  keep: boolean;
  bail: boolean;
  reporters: Reporter[];
  /** Learning mode (`--step`). */
  stepper?: Stepper;
  /** `--step --from LINE`: the steps before LINE run without stopping. */
  stepFrom?: number;
  /** Recipes run at once, each in its own lab with its own engine connection (default 1). */
  jobs?: number;
  /** `update`: console mismatches do not stop a recipe. */
  keepGoingOnMismatch?: boolean;
  /** The lab host is this machine over SSH (`--host`): ssh://[USER@]HOST[:PORT] or freebsd-vm. */
  remote?: string;
}

/** Runs every recipe; Ctrl-C and SIGTERM stop the current step, tear down, and end with 130/143. */
export async function runAll(recipes: Recipe[], opts: RunAllOptions): Promise<{ results: RecipeResult[]; exitCode: number }> {
  const abort = new AbortController();
  let interrupted: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => {
    // Ctrl-C in a learning-mode shell is the shell's.
    if (sig === 'SIGINT' && shellState.active) return;
    if (interrupted) {
      void emit(opts.reporters, 'onNotice', `${sig} again: teardown is already running, please wait`);
      return;
    }
    interrupted = sig;
    void emit(opts.reporters, 'onNotice', `${sig}: stopping the current step and tearing down`);
    abort.abort(sig);
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  // A closed terminal (say, a learning-mode session) tears down like SIGTERM.
  process.on('SIGHUP', onTerm);
  const results: RecipeResult[] = [];
  let engine: VesselBackend | string;
  try {
    engine = await openBackend(opts.engine, opts.remote ? { remote: opts.remote } : {});
  } catch (e) {
    if (!(e instanceof VesselError)) throw e;
    engine = e.message;
  }
  try {
    await emit(opts.reporters, 'onRunStart', recipes);
    const jobs = Math.max(1, opts.jobs ?? 1);
    const byIndex: RecipeResult[] = [];
    const runOne = async (recipe: Recipe, index: number) => {
      const stopReason = interrupted
        ? 'the run was interrupted'
        : opts.bail && byIndex.some((r) => r?.status === 'fail')
          ? '--bail: an earlier recipe failed'
          : undefined;
      if (stopReason) {
        const r = unranResult(recipe, opts.engine, 'notrun', stopReason);
        byIndex[index] = r;
        await emit(opts.reporters, 'onRecipeEnd', recipe, r);
        return;
      }
      const onQuit = (line: number) => {
        interrupted = 'SIGINT';
        void emit(
          opts.reporters,
          'onNotice',
          `q: quitting; tearing the lab down. To come back to this step: vessel-cookbook run --step --from L${line} ${recipe.path}`,
        );
        abort.abort('SIGINT');
      };
      // In parallel, each recipe gets its own engine: its own command log and database connection.
      let own: VesselBackend | string | undefined;
      if (jobs > 1 && typeof engine !== 'string') {
        try {
          own = await openBackend(opts.engine, { noReconcile: true, ...(opts.remote ? { remote: opts.remote } : {}) });
        } catch (e) {
          if (!(e instanceof VesselError)) throw e;
          own = e.message;
        }
      }
      try {
        byIndex[index] = await runRecipe(recipe, {
          engine: opts.engine,
          keep: opts.keep,
          reporters: opts.reporters,
          signal: abort.signal,
          backend: own ?? engine,
          ...(opts.only ? { only: opts.only } : {}),
          ...(opts.stepper ? { stepper: opts.stepper, onQuit, ...(opts.stepFrom !== undefined ? { stepFrom: opts.stepFrom } : {}) } : {}),
          ...(opts.keepGoingOnMismatch ? { keepGoingOnMismatch: true } : {}),
          ...(opts.remote ? { remote: opts.remote } : {}),
        });
      } catch (e) {
        // An internal error in one recipe still gives that recipe a result (a failure, saying why), and the run goes
        // on to its summary. Its lab is left to `vessel cleanup`, which the notice names.
        const why = `internal error: ${oneLine((e as Error)?.message ?? String(e))}`;
        const r = unranResult(recipe, opts.engine, 'fail', why);
        byIndex[index] = r;
        await emit(opts.reporters, 'onNotice', `${recipe.path}: ${why}; run \`vessel cleanup\` to remove anything it left`);
        await emit(opts.reporters, 'onRecipeEnd', recipe, r);
      } finally {
        if (own && typeof own !== 'string') own.close();
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(jobs, recipes.length) }, async () => {
        while (next < recipes.length) {
          const i = next++;
          await runOne(recipes[i]!, i);
        }
      }),
    );
    results.push(...byIndex);
    const exitCode = exitStatus(results, interrupted);
    await emit(opts.reporters, 'onRunEnd', results, exitCode);
    return { results, exitCode };
  } finally {
    if (typeof engine !== 'string') engine.close();
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onTerm);
  }
}
