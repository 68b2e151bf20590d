// @ts-nocheck
// Writes one self-contained HTML report per recipe into --out DIR (the topology drawn with Graphviz).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recipe } from '../recipe/model.js';
import type { ReportNames } from './files.js';
import { recipeHtml } from './html.js';
import type { RecipeResult } from './model.js';
import type { Reporter } from './reporter.js';
import { topologySvg } from './svg.js';

/** The html reporter. */
export class HtmlReporter implements Reporter {
  constructor(private readonly dir: string, private readonly names: ReportNames) {}

  async onRecipeEnd(recipe: Recipe, r: RecipeResult): Promise<void> {
    const svg = r.topology ? await topologySvg(r.topology) : undefined;
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, `${this.names.stem(r.path, r.name)}.html`), recipeHtml(recipe, r, svg));
  }
}
