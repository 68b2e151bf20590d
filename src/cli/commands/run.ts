// `vessel-cookbook run FILE...`: check everything first, then run the selected recipes and report.
import { topologySvg } from '../../exec/graphviz.js';
import { BACKENDS, hostBackend } from '../../backends/registry.js';
import { usage, envError } from '../../util/errors.js';
import { runRootless, wantsRootless } from '../../backends/registry.js';
import { byShard, byTags, parseShard } from '../../harness/select.js';
import { runAll } from '../../harness/run.js';
import { ENGINE_NAMES, isRunnable, type EngineName } from '../../recipe/model.js';
import { makeReporters } from '../../report/index.js';
import type { Reporter } from '../../report/reporter.js';
import { didYouMean } from '../../util/suggest.js';
import { EXIT, loadAll, printErrors } from '../common.js';
import { installNeeds } from '../../harness/install.js';
import { type PlanOf, TtyStepper } from '../../harness/step-mode.js';
import { DEFAULT_SEED, planRecipe } from '../plan-recipe.js';

/** Options of `run`. */
export interface RunCommandOptions {
  reporter: string[];
  out?: string;
  only?: string;
  tag: string[];
  shard?: string;
  bail?: boolean;
  keep?: boolean;
  engine?: string;
  host?: string;
  color?: boolean;
  showCommands?: boolean;
  installDeps?: boolean;
  step?: boolean;
  from?: string;
  jobs?: string;
}

/** Runs recipes; returns the contract's exit status. */
export async function runCommand(paths: string[], opts: RunCommandOptions): Promise<number> {
  if (paths.length === 0) throw usage('run: give at least one recipe file or directory');
  const remote = opts.host ?? process.env.VESSEL_HOST;
  const engine = (opts.engine ?? (remote ? 'freebsd' : hostBackend())) as EngineName;
  if (!ENGINE_NAMES.includes(engine))
    throw usage(`--engine "${opts.engine}" is not an engine${didYouMean(opts.engine ?? '', ENGINE_NAMES)}; known: ${ENGINE_NAMES.join(', ')}`);
  const serial = BACKENDS[engine].oneLabAtATime;
  if (serial && opts.jobs !== undefined && opts.jobs !== '1') throw usage(`--jobs=${opts.jobs} with --engine=${engine}: ${serial}; leave out --jobs`);
  if (remote && engine !== 'freebsd') throw usage(`--host=${remote}: only the freebsd engine runs a lab on another machine; leave out --engine=${engine}`);
  if (engine !== hostBackend() && !remote)
    throw usage(`--engine ${engine} cannot run on this ${process.platform} host (a FreeBSD machine over SSH: --host=ssh://USER@HOST or --host=freebsd-vm)`);
  if (remote && opts.installDeps)
    throw usage(`--install-deps with --host=${remote}: it installs on this machine; install the remote host's packages there (pkg install)`);
  if (remote && opts.step) throw usage(`--step with --host=${remote}: learning mode runs on this machine only; leave out one of them`);
  // An ordinary user's run builds its labs in their rootless lab host: this same command, again, in there.
  if (engine === 'linux' && !remote && wantsRootless()) return runRootless((l) => void process.stderr.write(`vessel-cookbook: ${l}\n`));
  const shard = opts.shard !== undefined ? parseShard(opts.shard) : undefined;
  if (typeof shard === 'string') throw usage(shard);
  if (opts.step && !(process.stdin.isTTY && process.stdout.isTTY)) {
    throw usage('--step is interactive: it needs a terminal on stdin and stdout (run it in a terminal, or leave out --step)');
  }
  if (opts.from !== undefined && !opts.step) throw usage(`--from=${opts.from}: it says where learning mode starts stepping; add --step`);
  const from = opts.from === undefined ? undefined : /^L?(\d+)$/.exec(opts.from)?.[1];
  if (opts.from !== undefined && from === undefined) throw usage(`--from=${opts.from}: expected a recipe line, such as 42 or L42`);
  const color = opts.color ?? Boolean(process.stdout.isTTY && !process.env.NO_COLOR);
  let jobs = 1;
  if (opts.jobs !== undefined) {
    if (!/^\d+$/.test(opts.jobs) || Number(opts.jobs) < 1 || Number(opts.jobs) > 64) throw usage(`--jobs=${opts.jobs}: expected a whole number from 1 to 64`);
    jobs = Number(opts.jobs);
    if (opts.step && jobs > 1) throw usage('--step runs one step at a time: leave out --jobs');
  }
  // In learning mode the pretty reporter prints plainly: no live line under the prompts.
  const reporters: Reporter[] = makeReporters(
    opts.reporter,
    opts.out,
    process.stdout,
    color,
    Boolean(opts.showCommands),
    !opts.step,
    jobs,
    topologySvg,
    process.env.GITHUB_STEP_SUMMARY || undefined,
  );
  if (!reporters.some((r) => r.onNotice)) reporters.push({ onNotice: (m) => process.stderr.write(`! ${m}\n`) });

  // Every file is checked before anything runs.
  const { recipes, errors } = await loadAll(paths);
  for (const r of recipes) {
    if (!r.steps.some(isRunnable)) errors.push({ path: r.path, line: 1, message: 'no runnable step (sh, bash, shell, console or assert block)' });
  }
  if (printErrors(errors) > 0) return EXIT.usage;

  const only =
    opts.only !== undefined
      ? new Set(
          opts.only
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        )
      : undefined;
  const chosen = byShard(byTags(recipes, opts.tag), shard);
  if (only) {
    const ids = new Set(chosen.flatMap((r) => r.steps.map((s) => s.id)));
    const unknown = [...only].filter((id) => !ids.has(id));
    if (only.size === 0) throw usage('--only needs at least one step id');
    if (unknown.length > 0) {
      throw usage(
        `--only: no step named ${unknown.map((u) => `"${u}"${didYouMean(u, [...ids])}`).join(', ')} (step ids are name= or L<line>; see \`vessel-cookbook show\`)`,
      );
    }
  }
  if (chosen.length === 0) {
    process.stderr.write('no recipe matches the selection (--tag/--shard); nothing to run\n');
    return EXIT.ok;
  }
  if (from !== undefined) {
    if (chosen.length !== 1) throw usage(`--from=${opts.from}: give one recipe (a line is a line of one file)`);
    const last = chosen[0]!.steps.at(-1)?.line ?? 0;
    if (Number(from) > last) throw usage(`--from=${opts.from}: ${chosen[0]!.path} has no step on or after line ${from} (its last step is on line ${last})`);
  }
  if (opts.installDeps) {
    const r = await installNeeds([...new Set(chosen.flatMap((c) => c.meta.needs))]);
    if (r.problem) throw envError(r.problem);
  }
  // `p` on another engine's step prints its plan: the planner is the CLI's, so the stepper is given it.
  const planOf: PlanOf = async (r, e) => (await planRecipe(r, DEFAULT_SEED, e)).text;
  const stepper = opts.step ? new TtyStepper(process.stdin, process.stdout, color, planOf) : undefined;
  const { exitCode } = await runAll(chosen, {
    engine,
    keep: Boolean(opts.keep),
    bail: Boolean(opts.bail),
    reporters,
    ...(only ? { only } : {}),
    ...(stepper ? { stepper } : {}),
    ...(from !== undefined ? { stepFrom: Number(from) } : {}),
    ...(remote ? { remote } : {}),
    jobs,
  });
  return exitCode;
}
