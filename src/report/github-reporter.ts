// The `github` reporter: workflow commands on stdout as each recipe ends (next to pretty), and the job summary
// appended to $GITHUB_STEP_SUMMARY when it is set.
import { appendFileSync } from 'node:fs';
import type { Recipe } from '../recipe/model.js';
import { annotations, jobSummary } from './github.js';
import type { RecipeResult } from './model.js';
import type { Reporter } from './reporter.js';

/** Marks failures for GitHub Actions and writes its job summary. */
export class GithubReporter implements Reporter {
  constructor(
    private readonly out: NodeJS.WritableStream,
    /** $GITHUB_STEP_SUMMARY, when set. */
    private readonly summaryFile?: string,
  ) {}

  onRecipeEnd(_recipe: Recipe, r: RecipeResult): void {
    for (const a of annotations(r)) this.out.write(`${a}\n`);
  }

  onRunEnd(results: RecipeResult[]): void {
    if (this.summaryFile) appendFileSync(this.summaryFile, jobSummary(results));
  }
}
