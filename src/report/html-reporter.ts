// Writes one self-contained HTML report per recipe into --out DIR (the topology drawn with Graphviz).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recipe } from '../recipe/model.js';
import type { ReportNames } from './files.js';
import { recipeHtml } from './html.js';
import type { RecipeResult } from './model.js';
import type { Reporter } from './reporter.js';
import type { Topology } from './topology.js';

/** Draws a topology as SVG, or says why it cannot (the CLI passes Graphviz; reporters run no programs). */
export type SvgDrawer = (t: Topology) => Promise<{ svg: string } | { error: string }>;

/** The html reporter. */
export class HtmlReporter implements Reporter {
  constructor(
    private readonly dir: string,
    private readonly names: ReportNames,
    private readonly draw?: SvgDrawer,
  ) {}

  async onRecipeEnd(recipe: Recipe, r: RecipeResult): Promise<void> {
    const svg = r.topology ? await (this.draw?.(r.topology) ?? Promise.resolve({ error: 'no SVG drawer was given' })) : undefined;
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, `${this.names.stem(r.path, r.name)}.html`), recipeHtml(recipe, r, svg));
  }
}
