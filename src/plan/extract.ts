// Which commands of a recipe a plan can take (pure): the `vessel` command lines of sh and console blocks, and file= blocks;
// every other line that runs is listed too, so a plan accounts for the whole recipe.
import { splitWords } from '../util/words.js';
import type { EngineName, ExpectedLine, Recipe } from '../recipe/model.js';

/** One item of a recipe, as plan mode sees it. */
export type PlanItem =
  | {
      kind: 'vessel';
      line: number;
      step: string;
      text: string;
      argv: string[];
      exit: number;
      /** The recipe's expected output, where the recorded vessel's own output can be compared with it. */
      expected?: ExpectedLine[];
      /** Why the output is not compared (it is thrown away, or it comes from inside a jail). */
      unchecked?: string;
      redirected?: boolean;
    }
  | { kind: 'file'; line: number; step: string; path: string; body: string }
  | { kind: 'not-planned'; line: number; step: string; text: string; reason: string };

/** Classifies one command line. */
function classify(text: string, line: number, step: string, exit = 0, vars: Readonly<Record<string, string>> = {}): PlanItem | undefined {
  const whole = text.trim();
  let t = whole;
  // Output thrown away changes nothing the engine does.
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(/\s+(?:[12]?>>?\s*\/dev\/null|2>&1)$/, '');
  }
  if (t === '' || t.startsWith('#')) return undefined;
  const words = splitWords(t, vars);
  if (words?.[0] === 'vessel') return { kind: 'vessel', line, step, text: t, argv: words.slice(1), exit, ...(t !== whole ? { redirected: true } : {}) };
  if (/^vessel\s/.test(t)) return { kind: 'not-planned', line, step, text: t, reason: 'a vessel command that needs a shell (expansion, pipes or lists)' };
  return { kind: 'not-planned', line, step, text: t, reason: 'not a vessel command' };
}

/** The plan items of a recipe for one engine, in order; `vars` are the runner's own variables, which plans expand. */
export function planItems(recipe: Recipe, engine: EngineName, vars: Readonly<Record<string, string>> = {}): PlanItem[] {
  const items: PlanItem[] = [];
  for (const s of recipe.steps) {
    const skip = s.options.skip
      ? 'the block is marked skip'
      : s.options.engine && s.options.engine !== engine
        ? `the block runs only on ${s.options.engine}`
        : undefined;
    if (skip) {
      items.push({ kind: 'not-planned', line: s.line, step: s.id, text: `${s.lang} block${s.kind === 'file' ? ` (file=${s.path})` : ''}`, reason: skip });
      continue;
    }
    // A file block is written as it would be (a twin for another engine was skipped above).
    if (s.kind === 'file') {
      items.push({ kind: 'file', line: s.line, step: s.id, path: s.path, body: s.body });
      continue;
    }
    // Every line of a block that runs is accounted for: what runs inside a jail, and each assertion, is listed too.
    if (s.kind === 'assert') {
      for (const a of s.assertions) items.push({ kind: 'not-planned', line: a.line, step: s.id, text: a.text, reason: 'an assertion, probed at run time' });
      continue;
    }
    if (s.options.jail) {
      const where = `runs inside jail ${s.options.jail}`;
      if (s.kind === 'console')
        for (const c of s.commands) items.push({ kind: 'not-planned', line: c.line, step: s.id, text: c.command.replace(/\n/g, ' '), reason: where });
      if (s.kind === 'sh') {
        for (const [i, l] of s.body.split('\n').entries()) {
          if (l.trim() !== '' && !l.trim().startsWith('#'))
            items.push({ kind: 'not-planned', line: s.line + 1 + i, step: s.id, text: l.trim(), reason: where });
        }
      }
      continue;
    }
    if (s.kind === 'console') {
      for (const c of s.commands) {
        const it = classify(c.command.replace(/\\\n/g, ' ').replace(/\n/g, ' '), c.line, s.id, c.exit, vars);
        // A console command's expected output is compared with what the recorded vessel prints, unless it is thrown
        // away, or it is what a jail's own command or service printed (known only at run time).
        if (it?.kind === 'vessel') {
          const fromJail = ['exec', 'logs'].includes(it.argv[0] ?? '') || (it.argv[0] === 'ssh' && !it.argv.includes('--print'));
          if (it.redirected) items.push({ ...it, unchecked: 'its output is thrown away' });
          else if (fromJail) items.push({ ...it, unchecked: `vessel ${it.argv[0]} prints what the jail printed, known only at run time` });
          else items.push({ ...it, expected: c.expected });
        } else if (it) items.push(it);
      }
      continue;
    }
    if (s.kind !== 'sh') continue;
    // Backslash-newline joins lines, as in sh.
    const lines = s.body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      let text = lines[i]!;
      const at = s.line + 1 + i;
      while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++i];
      // In an sh block only the whole block has an expected status: a line of a block expecting failure may fail.
      const it = classify(text, at, s.id, s.options.exit === 0 ? 0 : -1, vars);
      if (it) items.push(it);
    }
  }
  return items;
}
