// Pretty output for recipes running in parallel (`run --jobs N`): a line when each recipe starts, then each
// recipe's whole block at once when it ends, so lines of different recipes never interleave.
import type { Recipe, Step } from '../recipe/model.js';
import type { RecipeResult, StepResult } from './model.js';
import { PrettyReporter } from './pretty.js';
import type { Reporter } from './reporter.js';

/** Collects writes in memory. */
class TextSink {
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

/** Buffers each recipe's pretty output and prints it whole. */
export class ParallelPrettyReporter implements Reporter {
  private readonly direct: PrettyReporter;
  private readonly each = new Map<string, { buf: TextSink; pretty: PrettyReporter }>();
  private started = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly color: boolean,
    private readonly showCommands: boolean,
    private readonly jobs: number,
  ) {
    this.direct = new PrettyReporter({ stream, live: false, color, showCommands });
  }

  private of(recipe: Recipe) {
    let e = this.each.get(recipe.path);
    if (!e) {
      const buf = new TextSink();
      e = {
        buf,
        pretty: new PrettyReporter({ stream: buf as unknown as NodeJS.WritableStream, live: false, color: this.color, showCommands: this.showCommands }),
      };
      this.each.set(recipe.path, e);
    }
    return e;
  }

  onRunStart(recipes: Recipe[]): void {
    this.stream.write(`running ${recipes.length} recipe(s), ${Math.min(this.jobs, recipes.length)} at a time, each in its own lab\n`);
  }
  onRecipeStart(recipe: Recipe, info: { engine: string; lab: string }): void {
    this.started++;
    this.stream.write(`▶ [${this.started}] ${recipe.path} started (lab ${info.lab})\n`);
    this.of(recipe).pretty.onRecipeStart(recipe, info);
  }
  onStepStart(recipe: Recipe, step: Step): void {
    this.of(recipe).pretty.onStepStart(recipe, step);
  }
  onStepRetry(recipe: Recipe, step: Step, attempt: number, lastError: string): void {
    this.of(recipe).pretty.onStepRetry(recipe, step, attempt, lastError);
  }
  onStepEnd(recipe: Recipe, result: StepResult): void {
    this.of(recipe).pretty.onStepEnd(recipe, result);
  }
  onRecipeEnd(recipe: Recipe, result: RecipeResult): void {
    const e = this.of(recipe);
    e.pretty.onRecipeEnd(recipe, result);
    // One write: the block cannot be split by another recipe's lines.
    this.stream.write(`\n${e.buf.text}`);
    this.each.delete(recipe.path);
  }
  onRunEnd(results: RecipeResult[], exitCode: number): void {
    this.direct.onRunEnd(results, exitCode);
  }
  onNotice(message: string): void {
    this.direct.onNotice(message);
  }
}
