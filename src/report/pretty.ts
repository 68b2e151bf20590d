// The default terminal reporter: live progress per step, failures with diffs, and totals.
import { readableCommand } from './commands.js';
import { createColors } from 'picocolors';
import type { Recipe, Step } from '../recipe/model.js';
import { formatDuration } from '../recipe/duration.js';
import { totals, type RecipeResult, type StepResult } from './model.js';
import type { Reporter } from './reporter.js';
import { stepLabel, tailLines } from './labels.js';
import { escapeControls, oneLine } from '../util/oneline.js';

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Options for the pretty reporter. */
export interface PrettyOptions {
  stream: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Redraw a live spinner line (only on a terminal). */
  live: boolean;
  color: boolean;
  /** Print the engine commands each step ran. */
  showCommands?: boolean;
}

/** Human output for a terminal or a CI log. */
export class PrettyReporter implements Reporter {
  private c;
  private timer: NodeJS.Timeout | undefined;
  private current: { label: string; started: number; index: number; count: number; attempt: number; lastWhy?: string } | undefined;
  private frame = 0;

  constructor(private readonly opts: PrettyOptions) {
    this.c = createColors(opts.color);
  }

  private write(s: string): void {
    this.opts.stream.write(s);
  }

  private clearLive(): void {
    if (this.opts.live && this.current) this.write('\r\x1b[K');
  }

  private drawLive(): void {
    if (!this.current) return;
    const { label, started, index, count, attempt } = this.current;
    const spin = SPIN[this.frame++ % SPIN.length];
    const retry = attempt > 1 ? this.c.yellow(` attempt ${attempt}`) : '';
    this.write(`\r\x1b[K  ${this.c.cyan(spin!)} [${index}/${count}] ${label}${retry} ${this.c.dim(formatDuration(Date.now() - started))}`);
  }

  onRecipeStart(recipe: Recipe, info: { engine: string; lab: string }): void {
    // A title is one line: a line break in it could start a CI log line of its own (`::error::...`).
    const title = recipe.meta.title ? ` — ${oneLine(recipe.meta.title)}` : '';
    this.write(`${this.c.bold(oneLine(recipe.path))}${title} ${this.c.dim(`[${info.engine}, lab ${info.lab}]`)}\n`);
  }

  onStepStart(recipe: Recipe, step: Step): void {
    const index = recipe.steps.indexOf(step) + 1;
    const label = `${stepLabel({ id: step.id, line: step.line, kind: step.kind, lang: step.lang, ...(step.options.jail ? { jail: step.options.jail } : {}) })}${step.heading ? this.c.dim(` (${step.heading})`) : ''}`;
    this.current = { label, started: Date.now(), index, count: recipe.steps.length, attempt: 1 };
    if (this.opts.live) {
      this.drawLive();
      this.timer = setInterval(() => this.drawLive(), 100);
      this.timer.unref();
    }
  }

  onStepRetry(_recipe: Recipe, _step: Step, attempt: number, lastError: string): void {
    if (!this.current) return;
    this.current.attempt = attempt;
    const why = escapeControls(lastError.split('\n')[0] ?? '');
    const same = why === this.current.lastWhy;
    this.current.lastWhy = why;
    if (!this.opts.live) this.write(`    ${this.c.yellow('↻')} ${this.current.label} attempt ${attempt} ${same ? '(same as before)' : `(last: ${why})`}\n`);
  }

  onStepEnd(recipe: Recipe, s: StepResult): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearLive();
    this.current = undefined;
    const label = stepLabel(s);
    const time = this.c.dim(formatDuration(s.durationMs));
    if (s.status === 'pass') {
      const tries = s.attempts > 1 ? this.c.dim(` after ${s.attempts} attempts`) : '';
      this.write(`  ${this.c.green('✓')} ${label}${s.background ? this.c.dim(' (background)') : ''}${tries} ${time}\n`);
      this.printCommands(s);
    } else if (s.status === 'skip') {
      this.write(`  ${this.c.dim('-')} ${label} ${this.c.dim(`skipped: ${s.reason ?? ''}`)}\n`);
    } else if (s.status === 'fail') {
      this.write(`  ${this.c.red('✗')} ${label} ${time}\n`);
      this.write(`    ${this.c.red(`${recipe.path}:${s.failure?.line ?? s.line}: ${escapeControls(s.failure?.message ?? 'failed')}`)}\n`);
      if (s.failure?.diff) {
        for (const l of escapeControls(s.failure.diff).split('\n')) {
          const colored = l.startsWith('+') ? this.c.green(l) : l.startsWith('-') ? this.c.red(l) : l.startsWith('@@') ? this.c.cyan(l) : l;
          this.write(`    ${colored}\n`);
        }
      } else if (s.failure?.details) {
        for (const l of s.failure.details) this.write(`    ${escapeControls(l)}\n`);
      } else if (s.output) {
        const tail = tailLines(escapeControls(s.output), 20);
        this.write(`    ${this.c.dim(`last ${tail.length} line(s) of output:`)}\n`);
        for (const l of tail) this.write(`    ${this.c.dim('|')} ${l}\n`);
      }
      this.printCommands(s);
    }
  }

  private printCommands(s: StepResult): void {
    if (!this.opts.showCommands || !s.commands?.length) return;
    for (const cmd of s.commands) {
      for (const [i, l] of readableCommand(cmd).split('\n').entries()) this.write(`      ${this.c.dim(i === 0 ? `$ ${l}` : l)}\n`);
    }
  }

  onRecipeEnd(_recipe: Recipe, r: RecipeResult): void {
    const notRun = r.steps.filter((s) => s.status === 'notrun');
    if (notRun.length > 0 && r.status !== 'notrun' && r.status !== 'unrunnable') {
      this.write(`  ${this.c.dim(`· ${notRun.length} step(s) not run: ${oneLine(notRun[0]!.reason ?? '')}`)}\n`);
    }
    const t = totals([r]);
    const counts = `${t.pass} passed, ${t.fail} failed, ${t.skip} skipped, ${t.notrun} not run`;
    const time = formatDuration(r.durationMs);
    switch (r.status) {
      case 'pass':
        this.write(`${this.c.green('PASS')} ${r.path} (${counts}) ${this.c.dim(time)}\n`);
        break;
      case 'fail':
        this.write(`${this.c.red('FAIL')} ${r.path} (${counts}) ${this.c.dim(time)}\n`);
        break;
      case 'interrupted':
        this.write(`${this.c.yellow('STOPPED')} ${r.path} (${counts}); teardown done\n`);
        break;
      case 'skip':
        this.write(`${this.c.dim('SKIP')} ${r.path}: ${oneLine(r.reason ?? '')}\n`);
        break;
      case 'notrun':
        this.write(`${this.c.dim('NOT RUN')} ${r.path}: ${oneLine(r.reason ?? '')}\n`);
        break;
      case 'unrunnable':
        this.write(`${this.c.yellow('CANNOT RUN')} ${r.path}: ${oneLine(r.reason ?? '')}\n`);
        break;
    }
    if (r.keptWorkdir) {
      this.write(`  ${this.c.dim(`kept work directory: ${r.keptWorkdir}`)}\n`);
      this.write(`  ${this.c.dim(`kept lab: ${r.lab} (remove it with: vessel destroy --lab ${r.lab})`)}\n`);
    }
    this.write('\n');
  }

  onRunEnd(results: RecipeResult[], exitCode: number): void {
    const t = totals(results);
    const by = (st: RecipeResult['status']) => results.filter((r) => r.status === st).length;
    const extra = [
      by('skip') && `${by('skip')} skipped`,
      by('unrunnable') && `${by('unrunnable')} could not run`,
      by('notrun') && `${by('notrun')} not run`,
      by('interrupted') && `${by('interrupted')} interrupted`,
    ].filter(Boolean);
    this.write(`recipes: ${by('pass')} passed, ${by('fail')} failed${extra.length ? ', ' + extra.join(', ') : ''}\n`);
    this.write(`steps: ${t.pass} passed, ${t.fail} failed, ${t.skip} skipped, ${t.notrun} not run\n`);
    this.write(this.c.dim(`exit status ${exitCode}\n`));
  }

  onNotice(message: string): void {
    this.clearLive();
    this.write(`${this.c.yellow('!')} ${message}\n`);
  }
}
