// @ts-nocheck
// Reporters that write documents: per recipe into --out DIR, or the whole run to stdout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recipe } from '../recipe/model.js';
import type { RecipeResult } from './model.js';
import type { Reporter } from './reporter.js';
import { jsonForRecipe, jsonForRun } from './json.js';
import { junitXml } from './junit.js';
import { tapForRecipe, tapForRun } from './tap.js';

/** The document formats and their file extensions. */
export const FILE_FORMATS = { tap: 'tap', junit: 'xml', json: 'json' } as const;
/** A document format. */
export type FileFormat = keyof typeof FILE_FORMATS;

/** Picks report file names: the recipe name, with `-2`, `-3`... when two recipes share one. */
export class ReportNames {
  private used = new Map<string, string>();
  /** The file stem for a recipe path. */
  stem(path: string, name: string): string {
    const known = this.used.get(path);
    if (known) return known;
    const taken = new Set(this.used.values());
    let stem = name;
    for (let k = 2; taken.has(stem); k++) stem = `${name}-${k}`;
    this.used.set(path, stem);
    return stem;
  }
}

/** Writes TAP, JUnit or JSON documents. */
export class DocumentReporter implements Reporter {
  constructor(
    private readonly format: FileFormat,
    private readonly out: { dir: string; names: ReportNames } | { stream: NodeJS.WritableStream },
  ) {}

  /** The document for one recipe. */
  private render(r: RecipeResult): string {
    if (this.format === 'tap') return tapForRecipe(r);
    if (this.format === 'json') return jsonForRecipe(r);
    return junitXml([r]);
  }

  onRecipeEnd(_recipe: Recipe, r: RecipeResult): void {
    if (!('dir' in this.out)) return;
    mkdirSync(this.out.dir, { recursive: true });
    writeFileSync(join(this.out.dir, `${this.out.names.stem(r.path, r.name)}.${FILE_FORMATS[this.format]}`), this.render(r));
  }

  onRunEnd(results: RecipeResult[], exitCode: number): void {
    if ('dir' in this.out) return;
    const text = this.format === 'tap' ? tapForRun(results) : this.format === 'json' ? jsonForRun(results, exitCode) : junitXml(results);
    this.out.stream.write(text);
  }
}
