// Splits a console transcript into commands (with `> ` continuations) and typed expected lines.
import { RE2JS } from 're2js';
import type { ConsoleCommand, ExpectedLine } from './model.js';

/** A transcript problem with its recipe line. */
export interface ConsoleProblem {
  line: number;
  message: string;
}

/** Reads one expected-output line: `...`, ` (re)`, ` (glob)` or exact. */
export function expectedLine(text: string, line: number): ExpectedLine {
  const t = text.replace(/\s+$/, '');
  if (t === '...') return { line, text, mode: 'any' };
  if (t.endsWith(' (re)')) return { line, text, mode: 're', pattern: t.slice(0, -5) };
  if (t.endsWith(' (glob)')) return { line, text, mode: 'glob', pattern: t.slice(0, -7) };
  return { line, text, mode: 'exact' };
}

/** A compiled line pattern: true when it matches the whole line. Linear in the line's length (RE2), whatever the pattern. */
export interface LinePattern {
  test(line: string): boolean;
}

const compiled = new Map<string, LinePattern>();

/** Compiles with RE2's semantics (re2js), remembering the last few hundred patterns: alignment asks for each many times. */
function re2(source: string, flags = 0): LinePattern {
  const key = `${flags}:${source}`;
  let p = compiled.get(key);
  if (!p) {
    const r = RE2JS.compile(source, flags);
    p = { test: (line) => r.matches(line) };
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, p);
  }
  return p;
}

/** Compiles a ` (glob)` pattern: `*` any run, `?` one character, `\` escapes. */
export function globToRegExp(glob: string): LinePattern {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) re += glob[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re2(re, RE2JS.DOTALL);
}

/**
 * Compiles a ` (re)` pattern for the whole line, in RE2 syntax (no backreferences, no lookaround), so a match takes
 * time linear in the line whatever the pattern; throws with RE2's message when the pattern is invalid.
 */
export function reToRegExp(pattern: string): LinePattern {
  return re2(pattern);
}

/** Parses a transcript body; `firstLine` is the recipe line of its first line. */
export function parseTranscript(body: string, firstLine: number): { commands: ConsoleCommand[]; problems: ConsoleProblem[] } {
  const lines = body.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const commands: ConsoleCommand[] = [];
  const problems: ConsoleProblem[] = [];
  let current: ConsoleCommand | undefined;
  let inContinuation = false;
  lines.forEach((raw, i) => {
    const line = firstLine + i;
    const text = raw.replace(/\r$/, '');
    if (text === '$' || text.startsWith('$ ') || text.startsWith('$\t')) {
      const command = text.slice(1).trim() === '' ? '' : text.slice(2);
      if (command.trim() === '') problems.push({ line, message: 'empty console command ("$" with nothing after it)' });
      current = { line, command, expected: [], exit: 0 };
      commands.push(current);
      inContinuation = true;
      return;
    }
    if (inContinuation && current && (text === '>' || text.startsWith('> '))) {
      current.command += '\n' + text.slice(2);
      return;
    }
    inContinuation = false;
    if (!current) {
      if (text.trim() !== '') problems.push({ line, message: 'output line before the first "$ " command' });
      return;
    }
    const e = expectedLine(text, line);
    if (e.mode === 're') {
      try {
        reToRegExp(e.pattern!);
      } catch (err) {
        problems.push({ line, message: `bad regular expression in (re) line: ${(err as Error).message}` });
      }
    }
    current.expected.push(e);
  });
  for (const c of commands) {
    const last = c.expected[c.expected.length - 1];
    const m = last && last.mode === 'exact' ? /^\[(\d{1,3})\]\s*$/.exec(last.text) : null;
    if (m && last) {
      const n = Number(m[1]);
      if (n > 255) problems.push({ line: last.line, message: `exit status [${n}] must be from 0 to 255` });
      c.exit = n;
      c.exitLine = last.line;
      c.expected.pop();
    }
  }
  if (commands.length === 0 && problems.length === 0) {
    problems.push({ line: firstLine, message: 'console block has no "$ " command' });
  }
  return { commands, problems };
}
