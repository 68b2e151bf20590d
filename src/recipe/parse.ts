// Turns recipe text into a Recipe (plain data with line numbers) and the list of every problem found.
import MarkdownIt from 'markdown-it';
import { parseAssertions } from '../assert/grammar.js';
import { parseTranscript } from './console.js';
import { defaultFrontMatter, parseFrontMatter, splitFrontMatter } from './frontmatter.js';
import type { Recipe, RecipeError, Step, StepBase } from './model.js';
import { blockKind, hasContractOption, RUNNABLE_LANGS, splitInfo, validateOptions } from './options.js';

const md = new MarkdownIt({ html: true });

/** The recipe name used for report files: the file name without `.md`. */
export function recipeName(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.(md|markdown)$/i, '');
}

/** True when `line` closes a fence opened with `markup` (blockquote/list prefixes allowed). */
function isClosingFence(line: string, markup: string): boolean {
  const t = line
    .replace(/\r$/, '')
    .replace(/^[\s>]*/, '')
    .trimEnd();
  const ch = markup[0]!;
  return t.length >= markup.length && [...t].every((c) => c === ch);
}

/**
 * The contract's exercise rules: each ID has exactly one solution (`sh`, solution=ID) and one check (assert or console,
 * exercise=ID), and the check comes after its solution.
 */
export function exerciseProblems(steps: Step[]): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  const solutions = new Map<string, number>();
  const checks = new Map<string, number>();
  for (const s of steps) {
    const sol = s.options.solution;
    const chk = s.options.exercise;
    // A skipped half would let the exercise pass unproven: a solution's check is run first, and must fail.
    if ((sol ?? chk) !== undefined && s.options.skip)
      out.push({
        line: s.line,
        message: `exercise ${sol ?? chk}: its ${sol !== undefined ? 'solution' : 'check'} cannot be marked skip (an exercise proves itself by its check failing before its solution runs, then passing)`,
      });
    if (sol !== undefined) {
      if (solutions.has(sol)) out.push({ line: s.line, message: `exercise ${sol} already has a solution (line ${solutions.get(sol)})` });
      else solutions.set(sol, s.line);
    }
    if (chk !== undefined) {
      if (checks.has(chk)) out.push({ line: s.line, message: `exercise ${chk} already has a check (line ${checks.get(chk)})` });
      else if (!solutions.has(chk))
        out.push({
          line: s.line,
          message: `the check of exercise ${chk} comes before its solution${steps.some((x) => x.options.solution === chk) ? '' : ' (there is no sh block with solution=' + chk + ')'}`,
        });
      checks.set(chk, s.line);
    }
  }
  for (const s of steps) {
    const chk = s.options.exercise;
    const sol = chk !== undefined ? steps.find((x) => x.options.solution === chk) : undefined;
    if (sol && sol.options.engine !== s.options.engine)
      out.push({
        line: s.line,
        message: `exercise ${chk}: its check has engine=${s.options.engine ?? '(any)'} but its solution (line ${sol.line}) has engine=${sol.options.engine ?? '(any)'}; give both the same`,
      });
  }
  for (const [id, line] of solutions)
    if (!checks.has(id)) out.push({ line, message: `exercise ${id} has a solution but no check (an assert or console block with exercise=${id} after it)` });
  return out;
}

/** Parses `source` (already known to be valid UTF-8 text) read from `path`. */
export function parseRecipe(path: string, source: string): { recipe: Recipe; errors: RecipeError[] } {
  const errors: RecipeError[] = [];
  const err = (line: number, message: string) => errors.push({ path, line, message });
  const srcLines = source.split('\n');

  const fm = splitFrontMatter(source);
  let meta = defaultFrontMatter();
  let body = source;
  if (fm.unterminated) err(1, 'front matter opened with "---" on line 1 is never closed with "---"');
  if (fm.yaml !== undefined) {
    const r = parseFrontMatter(fm.yaml, 2);
    meta = r.meta;
    for (const p of r.problems) err(p.line, p.message);
    body = '\n'.repeat(fm.lineCount) + srcLines.slice(fm.lineCount).join('\n');
  }

  const tokens = md.parse(body, {});
  const steps: Step[] = [];
  let heading: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open') {
      heading = tokens[i + 1]?.content;
      continue;
    }
    if (t.type !== 'fence' || !t.map) continue;
    const line = t.map[0] + 1;
    const lastLine = t.map[1];
    const terminated = lastLine > line && isClosingFence(srcLines[lastLine - 1] ?? '', t.markup);
    const info = splitInfo(t.info);
    const kind = blockKind(info);
    if (kind === undefined) {
      if (info.hasBraces && hasContractOption(info)) {
        err(line, `a "${info.lang || '(no language)'}" block never runs (runnable: ${RUNNABLE_LANGS.join(', ')}); add file=PATH to write it to a file`);
      }
      continue;
    }
    if (!terminated) {
      err(line, `unterminated ${t.markup} fence: the block opened here is never closed`);
      continue;
    }
    const { options, problems } = validateOptions(info, kind);
    for (const p of problems) err(line, p);
    const base: StepBase = {
      id: options.name ?? `L${line}`,
      line,
      endLine: lastLine,
      lang: info.lang,
      info: t.info.trim(),
      options,
      body: t.content,
      ...(heading !== undefined ? { heading } : {}),
    };
    const firstBodyLine = line + 1;
    switch (kind) {
      case 'sh':
        steps.push({ ...base, kind });
        break;
      case 'file':
        steps.push({ ...base, kind, path: options.file ?? '' });
        break;
      case 'console': {
        const r = parseTranscript(t.content, firstBodyLine);
        for (const p of r.problems) err(p.line, p.message);
        steps.push({ ...base, kind, commands: r.commands });
        break;
      }
      case 'assert': {
        const r = parseAssertions(t.content, firstBodyLine);
        for (const p of r.problems) err(p.line, p.message);
        if (r.assertions.length === 0 && r.problems.length === 0) err(line, 'assert block has no assertion');
        steps.push({ ...base, kind, assertions: r.assertions });
        break;
      }
    }
  }

  const seen = new Map<string, number>();
  for (const s of steps) {
    const prev = seen.get(s.id);
    if (prev !== undefined) err(s.line, `step name "${s.id}" is already used by the block on line ${prev}`);
    else seen.set(s.id, s.line);
  }
  for (const e of exerciseProblems(steps)) err(e.line, e.message);
  errors.sort((a, b) => a.line - b.line);
  return {
    recipe: { path, name: recipeName(path), source, hasFrontMatter: fm.yaml !== undefined, meta, steps },
    errors,
  };
}
