// Splits a console transcript into commands (with `> ` continuations) and typed expected lines.
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

/** Compiles a ` (glob)` pattern: `*` any run, `?` one character, `\` escapes. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) re += glob[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** Compiles a ` (re)` pattern for the whole line; throws SyntaxError when invalid. */
export function reToRegExp(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
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
