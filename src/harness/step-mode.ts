// Learning mode (`run --step`): before each step, the prose that leads to it and the block; then Enter runs it,
// `s` skips it, `q` quits (with teardown) and `i` opens a shell where the step would run.
import { spawn, spawnSync } from 'node:child_process';
import type { Recipe, Step } from '../recipe/model.js';
import { formatDuration } from '../recipe/duration.js';
import { proseBefore, renderTerminal } from '../recipe/terminal.js';
import type { StepResult } from '../report/model.js';
import { isPatternLine } from '../report/patterns.js';

/** What the user chose for a step. */
export type StepChoice = 'run' | 'skip' | 'quit';

/** What the user chose after a step ran: go on, run it again, skip past a failure, or quit. */
export type AfterChoice = 'next' | 'again' | 'skip' | 'quit';

/** What the learner did with an exercise: solved it (`c` passed), had the solution run (`r`), skipped it, or quit. */
export type ExerciseChoice = { kind: 'learner'; output: string } | { kind: 'solution' } | { kind: 'skip' } | { kind: 'quit' };

/** What an exercise prompt can do: a shell where the solution would run, and the check, evaluated once. */
export interface ExerciseTools {
  shell: (jail: string | undefined) => Promise<void>;
  check: () => Promise<{ ok: boolean; output: string; message?: string; diff?: string; details?: string[] }>;
}

/** Set while an interactive shell owns the terminal: Ctrl-C then belongs to the shell, not to the run. */
export const shellState = { active: false };

/** Asks before each step and shows what came of it. */
export interface Stepper {
  before(recipe: Recipe, step: Step, shell: (jail: string | undefined) => Promise<void>): Promise<StepChoice>;
  /** After a step ran; `passedBefore`: an earlier run of it passed (a failed re-run may go on with that pass). */
  after(recipe: Recipe, step: Step, result: StepResult, shell: (jail: string | undefined) => Promise<void>, passedBefore?: boolean): Promise<AfterChoice>;
  /** The prose after the last block (a recipe's closing words), shown before the summary. */
  closing?(recipe: Recipe): void;
  /** At an exercise's solution: the learner's turn. */
  exercise?(recipe: Recipe, solution: Step, check: Step, tools: ExerciseTools): Promise<ExerciseChoice>;
  /** What a step printed, shown when no prompt follows it (an exercise's solution run with `r`). */
  showOutput?(step: Step, result: StepResult): void;
  /** A step for the other engine: shown read-only, with its prose, and its plan on that engine on request. */
  readOnly?(recipe: Recipe, step: Step, reason: string): Promise<'next' | 'quit'>;
  /** A step is running (true) or has ended (false): keys pressed meanwhile are answered, not lost. */
  busy?(running: boolean): void;
}

/** A recipe's plan on an engine, as `vessel-cookbook plan` prints it (given by the CLI, which owns planning). */
export type PlanOf = (recipe: Recipe, engine: 'linux' | 'freebsd') => Promise<string>;

/** The names of jails and networks a step's vessel commands create (pure): running it again finds them there. */
export function creates(step: Step): string[] {
  const out: string[] = [];
  for (const m of step.body.matchAll(/vessel\s+(?:run|network\s+--create)\b[^\n]*?--name[=\s]+([A-Za-z0-9][A-Za-z0-9_-]*)/g)) out.push(m[1]!);
  return [...new Set(out)];
}

/** The sections of a plan (`## L<line> ...` headings) that belong to lines from..to of the recipe (pure). */
export function planSections(plan: string, from: number, to: number): string[] {
  const out: string[] = [];
  let keep = false;
  for (const l of plan.split('\n')) {
    const h = /^## L(\d+)\b/.exec(l);
    if (h) keep = Number(h[1]) >= from && Number(h[1]) <= to;
    else if (l.startsWith('## ')) keep = false;
    if (keep) out.push(l);
  }
  return out;
}

/** The recipes a recipe's closing words point to with "Next:" (links to .md files), as paths from the working folder (pure). */
export function nextRecipes(recipePath: string, closing: string): string[] {
  const dir = recipePath.slice(0, recipePath.lastIndexOf('/') + 1);
  const at = /^[ \t]*Next:/m.exec(closing)?.index;
  if (at === undefined) return [];
  const para = closing.slice(at).split(/\n\s*\n/)[0]!;
  return [...para.matchAll(/\]\(([^)#\s]+\.md)\)/g)].map((m) => (m[1]!.startsWith('/') ? m[1]! : `${dir}${m[1]}`)).filter((p) => !p.endsWith('README.md'));
}

/**
 * The later steps that use what `step` makes (pure): the files it writes, the variables it exports, and the jails and
 * networks its `vessel` commands create, as `L<line> (what)`.
 */
export function dependents(recipe: Recipe, step: Step): string[] {
  const made: { word: string; what: string }[] = [];
  if (step.kind === 'file') made.push({ word: step.path, what: `file ${step.path}` });
  for (const m of step.body.matchAll(/^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=/gm)) made.push({ word: `$${m[1]}`, what: `$${m[1]}` });
  for (const name of creates(step)) made.push({ word: name, what: name });
  const out: string[] = [];
  for (const s of recipe.steps.slice(recipe.steps.indexOf(step) + 1)) {
    const text = `${s.body} ${s.options.jail ?? ''} ${s.kind === 'file' ? s.path : ''}`;
    const uses = made.filter((m) => new RegExp(`(^|[^A-Za-z0-9_-])${m.word.replace(/[$.*+?^(){}|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`).test(text));
    if (uses.length) out.push(`L${s.line} (${[...new Set(uses.map((u) => u.what))].join(', ')})`);
  }
  return out;
}

/** Where a step runs, for people. */
function place(step: Step): string {
  return step.options.jail ? `jail ${step.options.jail}` : 'the lab host';
}

/** The learning-mode stepper on a terminal. */
export class TtyStepper implements Stepper {
  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly out: NodeJS.WriteStream,
    private readonly color: boolean,
    private readonly planOf?: PlanOf,
  ) {}

  /** The width prose is wrapped to. */
  private get width(): number {
    return Math.min(this.out.columns || 80, 100);
  }

  private c(code: string, s: string): string {
    return this.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }

  /** One key press, in raw mode (so no Enter is needed for s, q or i). */
  private key(): Promise<string> {
    return new Promise((resolve) => {
      this.input.setRawMode(true);
      this.input.resume();
      this.input.once('data', (d: Buffer) => {
        this.input.setRawMode(false);
        this.input.pause();
        resolve(d.toString('utf8'));
      });
    });
  }

  /** True for the keys that quit: q, Ctrl-C, Ctrl-D. */
  private static quits(k: string): boolean {
    return k === 'q' || k === 'Q' || k === '\x03' || k === '\x04';
  }

  /** A shell where `step` runs, until the user leaves it; then back to `to`. */
  private async openShell(step: Step, shell: (jail: string | undefined) => Promise<void>, to = 'the recipe'): Promise<void> {
    this.out.write(this.c('2', `a shell in ${place(step)}; exit it (Ctrl-D or \`exit\`) to come back to ${to}\n`));
    await shell(step.options.jail);
    this.out.write(this.c('2', `back in ${to}\n`));
  }

  /** The step's header and the prose that leads up to it. */
  private header(recipe: Recipe, step: Step, what = `${step.id} ${step.lang}`): void {
    const i = recipe.steps.indexOf(step);
    const prev = recipe.steps[i - 1];
    const from = prev ? prev.endLine + 1 : recipe.hasFrontMatter ? recipe.source.split('\n').indexOf('---', 1) + 2 : 1;
    const w = this.width;
    const prose = renderTerminal(proseBefore(recipe.source, from, step.line), this.color, w);
    const title = ` ${recipe.path} · step ${i + 1} of ${recipe.steps.length} · ${what}${step.options.jail ? ` jail=${step.options.jail}` : ''} `;
    this.out.write(`\n${this.c('2', '─'.repeat(2))}${this.c('1', title)}${this.c('2', '─'.repeat(Math.max(2, w - title.length - 2)))}\n`);
    if (prose.trim()) this.out.write(`\n${prose}\n`);
    if (!this.greeted.has(recipe.path)) {
      this.greeted.add(recipe.path);
      this.out.write(
        this.c(
          '2',
          `\n(the recipe's timeout, ${formatDuration(recipe.meta.timeoutMs)}, counts only the time steps spend running: your reading, prompts and shells are not timed)\n`,
        ),
      );
    }
  }

  /** The recipes whose first step has been shown (the timeout notice is said once a recipe). */
  private readonly greeted = new Set<string>();

  /** A block as the learner sees it (dimmed when it is read-only: another engine's). */
  private block(step: Step, readOnly = false): void {
    this.out.write(`\n${this.c('2', `┌ ${step.info || step.lang}${readOnly ? ' (read-only)' : ''}`)}\n`);
    let patterns = false;
    for (const l of step.body.replace(/\n$/, '').split('\n')) {
      const status = step.kind === 'console' ? /^\[(\d+)\]$/.exec(l) : null;
      if (readOnly) this.out.write(`${this.c('2', '│')} ${this.c('2', l)}\n`);
      // A matching pattern is not output: a dashed gutter and colour tell it apart.
      else if (step.kind === 'console' && isPatternLine(l)) {
        patterns = true;
        this.out.write(`${this.c('36', '┆')} ${this.c('3;36', l)}\n`);
      }
      // A command, and an exit status, are not output either: bold, and a status says what it is.
      else if (step.kind === 'console' && /^[$>] /.test(l)) this.out.write(`${this.c('2', '│')} ${this.c('1', l)}\n`);
      else if (status) this.out.write(`${this.c('2', '│')} ${this.c('33', l)}${this.c('2', `  ← the exit status: ${status[1]}`)}\n`);
      else this.out.write(`${this.c('2', '│')} ${l}\n`);
    }
    this.out.write(`${this.c('2', '└')}\n`);
    if (patterns) this.out.write(this.c('2', '  ┆ a pattern: (re) a regular expression, (glob) a glob, ... any lines; the output only has to match it\n'));
  }

  async exercise(recipe: Recipe, solution: Step, check: Step, tools: ExerciseTools): Promise<ExerciseChoice> {
    const id = solution.options.solution!;
    this.header(recipe, solution, `exercise ${id}`);
    this.out.write(this.c('1', `Your turn: do what the text above asks. This check must pass:\n`));
    this.block(check);
    for (;;) {
      this.out.write(
        `${this.c('1', '[i]')} shell in ${place(solution)}  ${this.c('1', '[c]')} check  ${this.c('1', '[h]')} show the solution  ${this.c('1', '[r]')} run the solution  ${this.c('1', '[s]')} skip  ${this.c('1', '[q]')} quit > `,
      );
      const k = await this.key();
      this.out.write('\n');
      if (k === 'i' || k === 'I') {
        await this.openShell(solution, tools.shell, 'the exercise');
        continue;
      }
      if (k === 'c' || k === 'C') {
        this.busy(true);
        const r = await tools.check().finally(() => this.busy(false));
        if (r.ok) {
          this.out.write(this.c('32', `✓ the check passes: exercise ${id} solved by you; its solution will not run\n`));
          this.out.write(this.c('2', "the recipe's own solution, to compare with yours:\n"));
          this.block(solution);
          return { kind: 'learner', output: r.output };
        }
        this.out.write(this.c('31', `✗ not yet: ${r.message ?? 'the check failed'}\n`));
        this.why(r);
        continue;
      }
      if (k === 'h' || k === 'H') {
        this.out.write(this.c('2', 'the solution:\n'));
        this.block(solution);
        continue;
      }
      if (k === 'r' || k === 'R') return { kind: 'solution' };
      if (k === 's' || k === 'S') return { kind: 'skip' };
      if (TtyStepper.quits(k)) return { kind: 'quit' };
      this.out.write('press i, c, h, r, s or q\n');
    }
  }

  /** Why a check failed: the diff of expected against actual, what each assertion tried, or the output's last lines. */
  private why(r: { output: string; diff?: string; details?: string[] }): void {
    if (r.diff) {
      for (const l of r.diff.replace(/\n$/, '').split('\n'))
        this.out.write(`  ${l.startsWith('+') ? this.c('32', l) : l.startsWith('-') ? this.c('31', l) : l.startsWith('@@') ? this.c('36', l) : l}\n`);
      return;
    }
    if (r.details?.length) {
      for (const l of r.details) this.out.write(`  ${l}\n`);
      return;
    }
    const lines = r.output.replace(/\n$/, '').split('\n').filter(Boolean);
    if (lines.length > 20) this.out.write(this.c('2', `  the last 20 of ${lines.length} lines of output:\n`));
    for (const l of lines.slice(-20)) this.out.write(`  ${this.c('2', '|')} ${l}\n`);
  }

  showOutput(step: Step, r: StepResult): void {
    if (!r.output || step.kind === 'file') return;
    this.out.write(this.c('2', '  output:\n'));
    for (const l of r.output.replace(/\n$/, '').split('\n')) this.out.write(`  ${this.c('2', '|')} ${l}\n`);
  }

  async readOnly(recipe: Recipe, step: Step, reason: string): Promise<'next' | 'quit'> {
    const other = step.options.engine ?? 'another engine';
    this.header(recipe, step, `${step.id} ${step.lang} · ${other} only, read-only`);
    this.block(step, true);
    this.out.write(this.c('2', `  not run here: ${reason}\n`));
    for (;;) {
      const planKey = this.planOf && (other === 'linux' || other === 'freebsd');
      this.out.write(
        `${this.c('1', '[Enter]')} next  ${planKey ? `${this.c('1', '[p]')} what it does on ${other} (its plan)  ` : ''}${this.c('1', '[q]')} quit > `,
      );
      const k = await this.key();
      this.out.write('\n');
      if (k === '\r' || k === '\n') return 'next';
      if (TtyStepper.quits(k)) return 'quit';
      if (planKey && (k === 'p' || k === 'P')) {
        this.out.write(this.c('2', `planning ${recipe.path} on ${other} (nothing runs)...\n`));
        try {
          const key = `${recipe.path}\0${other}`;
          const plan = this.plans.get(key) ?? (await this.planOf!(recipe, other as 'linux' | 'freebsd'));
          this.plans.set(key, plan);
          const part = planSections(plan, step.line, step.endLine);
          if (part.length === 0) this.out.write(this.c('2', '  this step makes no engine commands (no vessel command in it)\n'));
          for (const l of part) this.out.write(`  ${this.c('2', '|')} ${l}\n`);
        } catch (e) {
          this.out.write(this.c('31', `  no plan: ${(e as Error).message}\n`));
        }
        continue;
      }
      this.out.write(planKey ? 'press Enter, p or q\n' : 'press Enter or q\n');
    }
  }

  /** Plans made for `p`, by recipe and engine. */
  private readonly plans = new Map<string, string>();

  /** Answers keys pressed while a step runs (raw mode: Ctrl-C is sent on as SIGINT, as the terminal would). */
  private readonly onBusyKey = (d: Buffer) => {
    const k = d.toString('utf8');
    if (k.includes('\x03')) process.kill(process.pid, 'SIGINT');
    else this.out.write(this.c('2', '\n  (wait: the step is still running; keys count at the next prompt)\n'));
  };

  busy(running: boolean): void {
    if (!this.input.isTTY) return;
    if (running) {
      this.input.setRawMode(true);
      this.input.on('data', this.onBusyKey);
      this.input.resume();
    } else {
      this.input.off('data', this.onBusyKey);
      this.input.setRawMode(false);
      this.input.pause();
    }
  }

  /** The recipe being stepped through. */
  private recipeOf?: Recipe;

  async before(recipe: Recipe, step: Step, shell: (jail: string | undefined) => Promise<void>): Promise<StepChoice> {
    this.recipeOf = recipe;
    this.header(recipe, step);
    this.block(step);
    return this.ask(step, shell);
  }

  /** The keys of an ordinary step. */
  private async ask(step: Step, shell: (jail: string | undefined) => Promise<void>): Promise<StepChoice> {
    for (;;) {
      this.out.write(`${this.c('1', '[Enter]')} run  ${this.c('1', '[s]')} skip  ${this.c('1', '[q]')} quit  ${this.c('1', '[i]')} shell in ${place(step)} > `);
      const k = await this.key();
      this.out.write('\n');
      if (k === '\r' || k === '\n') return 'run';
      if (k === 's' || k === 'S') {
        this.warnDependents(this.recipeOf!, step);
        return 'skip';
      }
      if (TtyStepper.quits(k)) return 'quit';
      if (k === 'i' || k === 'I') {
        await this.openShell(step, shell);
        continue;
      }
      this.out.write('press Enter, s, q or i\n');
    }
  }

  async after(recipe: Recipe, step: Step, r: StepResult, shell: (jail: string | undefined) => Promise<void>, passedBefore = false): Promise<AfterChoice> {
    if (r.status === 'pass') this.showOutput(step, r);
    if (step.kind === 'file' || r.status === 'skip' || r.background) return 'next';
    const failed = r.status === 'fail';
    if (failed && r.failure) this.out.write(this.c('31', `  ✗ ${r.failure.message}\n`));
    if (failed && passedBefore)
      this.out.write(this.c('33', '  this run of the step failed, but it passed before: Enter goes on with that pass, and the recipe does not fail for it\n'));
    for (;;) {
      this.out.write(
        failed
          ? `${passedBefore ? `${this.c('1', '[Enter]')} go on  ` : ''}${this.c('1', '[r]')} retry  ${this.c('1', '[i]')} shell in ${place(step)}  ${this.c('1', '[s]')} skip it and go on  ${this.c('1', '[q]')} quit > `
          : `${this.c('1', '[Enter]')} next  ${this.c('1', '[r]')} run it again  ${this.c('1', '[i]')} shell in ${place(step)}  ${this.c('1', '[q]')} quit > `,
      );
      const k = await this.key();
      this.out.write('\n');
      if ((!failed || passedBefore) && (k === '\r' || k === '\n')) return 'next';
      if (k === 'r' || k === 'R') {
        // A step that made jails or networks finds them there a second time: say so, and ask again.
        const made = creates(step);
        if (!failed && made.length) {
          this.out.write(
            this.c(
              '33',
              `  this step made ${made.join(', ')}: running it again may fail because ${made.length > 1 ? 'they exist' : 'it exists'}; press r again to run it anyway, any other key not to\n`,
            ),
          );
          const again = await this.key();
          if (again !== 'r' && again !== 'R') continue;
        }
        return 'again';
      }
      if (failed && (k === 's' || k === 'S')) {
        this.warnDependents(recipe, step);
        return 'skip';
      }
      if (TtyStepper.quits(k)) return 'quit';
      if (k === 'i' || k === 'I') {
        await this.openShell(step, shell);
        continue;
      }
      this.out.write(failed ? 'press r, i, s or q\n' : 'press Enter, r, i or q\n');
    }
  }

  /** Says which later steps use what a skipped step would have made. */
  private warnDependents(recipe: Recipe, step: Step): void {
    const later = dependents(recipe, step);
    if (later.length) this.out.write(this.c('33', `  later steps use what this step makes, and may fail: ${later.join('; ')}\n`));
  }

  closing(recipe: Recipe): void {
    const last = recipe.steps.at(-1);
    if (!last) return;
    const source = proseBefore(recipe.source, last.endLine + 1, recipe.source.split('\n').length + 1);
    const prose = renderTerminal(source, this.color, this.width);
    if (prose.trim()) this.out.write(`\n${prose}\n`);
    // "Next:" as something to do: the path, and the command that steps through it.
    for (const next of nextRecipes(recipe.path, source)) this.out.write(`${this.c('1', 'Next:')} ${next}: vessel-cookbook run --step ${next}\n`);
  }
}

/**
 * Makes the runner's process group the terminal's foreground again, as a job-control shell does when a job ends. A
 * shell in a jail's process space cannot see the runner's group, so it cannot hand the terminal back on exit; without
 * this, the runner could no longer read keys (EIO).
 */
function reclaimTerminal(): void {
  if (!process.stdin.isTTY) return;
  spawnSync('python3', ['-c', 'import os, signal; signal.signal(signal.SIGTTOU, signal.SIG_IGN); os.tcsetpgrp(0, os.getpgrp())'], {
    stdio: ['inherit', 'ignore', 'ignore'],
  });
}

/** Runs an interactive shell behind an entry prefix (lab host or jail) until the user leaves it. */
export function interactiveShell(prefix: string[], env: Record<string, string>, cwd: string, where: string): Promise<void> {
  shellState.active = true;
  const argv = [...prefix, 'bash', '--norc', '-i'];
  return new Promise<void>((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', cwd, env: { ...env, PS1: `(${where}) \\w \\$ ` } });
    const done = () => {
      shellState.active = false;
      reclaimTerminal();
      resolve();
    };
    child.on('exit', done);
    child.on('error', done);
  });
}
