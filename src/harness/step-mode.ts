// Learning mode (`run --step`): before each step, the prose that leads to it and the block; then Enter runs it,
// `s` skips it, `q` quits (with teardown) and `i` opens a shell where the step would run.
import { spawn, spawnSync } from 'node:child_process';
import type { Recipe, Step } from '../recipe/model.js';
import { proseBefore, renderTerminal } from '../recipe/terminal.js';
import type { StepResult } from '../report/model.js';

/** What the user chose for a step. */
export type StepChoice = 'run' | 'skip' | 'quit';

/** Set while an interactive shell owns the terminal: Ctrl-C then belongs to the shell, not to the run. */
export const shellState = { active: false };

/** Asks before each step and shows what came of it. */
export interface Stepper {
  before(recipe: Recipe, step: Step, shell: (jail: string | undefined) => Promise<void>): Promise<StepChoice>;
  after(recipe: Recipe, step: Step, result: StepResult): void;
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
  ) {}

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

  async before(recipe: Recipe, step: Step, shell: (jail: string | undefined) => Promise<void>): Promise<StepChoice> {
    const i = recipe.steps.indexOf(step);
    const prev = recipe.steps[i - 1];
    const from = prev ? prev.endLine + 1 : recipe.hasFrontMatter ? recipe.source.split('\n').indexOf('---', 1) + 2 : 1;
    const prose = renderTerminal(proseBefore(recipe.source, from, step.line), this.color);
    const w = Math.min(this.out.columns || 80, 100);
    const title = ` ${recipe.path} · step ${i + 1} of ${recipe.steps.length} · ${step.id} ${step.lang}${step.options.jail ? ` jail=${step.options.jail}` : ''} `;
    this.out.write(`\n${this.c('2', '─'.repeat(2))}${this.c('1', title)}${this.c('2', '─'.repeat(Math.max(2, w - title.length - 2)))}\n`);
    if (prose.trim()) this.out.write(`\n${prose}\n`);
    this.out.write(`\n${this.c('2', `┌ ${step.info || step.lang}`)}\n`);
    for (const l of step.body.replace(/\n$/, '').split('\n')) this.out.write(`${this.c('2', '│')} ${l}\n`);
    this.out.write(`${this.c('2', '└')}\n`);
    for (;;) {
      this.out.write(`${this.c('1', '[Enter]')} run  ${this.c('1', '[s]')} skip  ${this.c('1', '[q]')} quit  ${this.c('1', '[i]')} shell in ${place(step)} > `);
      const k = await this.key();
      this.out.write('\n');
      if (k === '\r' || k === '\n') return 'run';
      if (k === 's' || k === 'S') return 'skip';
      if (k === 'q' || k === 'Q' || k === '\x03' || k === '\x04') return 'quit';
      if (k === 'i' || k === 'I') {
        this.out.write(this.c('2', `a shell in ${place(step)}; exit it (Ctrl-D or \`exit\`) to come back to the recipe\n`));
        await shell(step.options.jail);
        this.out.write(this.c('2', 'back in the recipe\n'));
        continue;
      }
      this.out.write('press Enter, s, q or i\n');
    }
  }

  after(_recipe: Recipe, step: Step, r: StepResult): void {
    if (r.status === 'pass' && r.output && step.kind !== 'file') {
      this.out.write(this.c('2', '  output:\n'));
      for (const l of r.output.replace(/\n$/, '').split('\n')) this.out.write(`  ${this.c('2', '|')} ${l}\n`);
    }
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
