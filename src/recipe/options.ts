// Info-string options: `LANG {key=value flag key="quoted value"}` → validated StepOptions.
import { didYouMean } from '../util/suggest.js';
import { badDuration, parseDuration } from './duration.js';
import { jailNameProblem, stepNameProblem } from '../util/names.js';
import { ENGINE_NAMES, type EngineName, type StepOptions } from './model.js';

/** Languages whose blocks run as shell scripts. */
export const SHELL_LANGS = ['sh', 'bash', 'shell'] as const;
/** Every language the runner executes. */
export const RUNNABLE_LANGS = [...SHELL_LANGS, 'console', 'assert'] as const;
/** Every option key in the contract. */
export const OPTION_KEYS = ['jail', 'timeout', 'exit', 'eventually', 'retry', 'background', 'skip', 'engine', 'name', 'file', 'solution', 'exercise'] as const;
const FLAGS = new Set(['eventually', 'background', 'skip']);

/** Default block timeout. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default timeout (and retry window) of an assert block. */
export const DEFAULT_ASSERT_TIMEOUT_MS = 30_000;
/** `eventually` without `retry=`. */
export const DEFAULT_RETRY_MS = 30_000;

/** A raw option with the offset it was found at. */
interface RawOption {
  key: string;
  value: string | true;
}

/** The split of an info string: language, raw options, and any syntax problems. */
export interface InfoString {
  lang: string;
  hasBraces: boolean;
  options: RawOption[];
  problems: string[];
}

/** Splits `LANG {OPTIONS}` without validating option names. */
export function splitInfo(info: string): InfoString {
  const trimmed = info.trim();
  const m = /^(\S*)\s*(.*)$/s.exec(trimmed)!;
  let lang = m[1]!;
  let rest = m[2]!;
  // `sh{skip}` is read as `sh {skip}`.
  const brace = lang.indexOf('{');
  if (brace > 0) {
    rest = lang.slice(brace) + (rest ? ' ' + rest : '');
    lang = lang.slice(0, brace);
  }
  const out: InfoString = { lang, hasBraces: false, options: [], problems: [] };
  if (rest === '') return out;
  if (!rest.startsWith('{')) {
    out.problems.push(`unexpected "${rest}" after the language; options go in braces: ${lang} {${rest}}`);
    return out;
  }
  out.hasBraces = true;
  let i = 1;
  const s = rest;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s[i] === '}') {
      const tail = s.slice(i + 1).trim();
      if (tail) out.problems.push(`unexpected "${tail}" after the closing "}"`);
      return out;
    }
    const km = /^[^\s=}"]+/.exec(s.slice(i));
    if (!km) {
      out.problems.push(`cannot read the options "${s}" (expected key=value or a flag)`);
      return out;
    }
    const key = km[0];
    i += key.length;
    if (s[i] !== '=') {
      out.options.push({ key, value: true });
      continue;
    }
    i++;
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      if (end === -1) {
        out.problems.push(`unterminated quote in option ${key}`);
        return out;
      }
      out.options.push({ key, value: s.slice(i + 1, end) });
      i = end + 1;
    } else {
      const vm = /^[^\s}]*/.exec(s.slice(i))!;
      out.options.push({ key, value: vm[0] });
      i += vm[0].length;
    }
  }
  out.problems.push('missing "}" at the end of the options');
  return out;
}

/** True when the raw options name at least one contract option (so the braces are ours). */
export function hasContractOption(info: InfoString): boolean {
  return info.options.some((o) => (OPTION_KEYS as readonly string[]).includes(o.key));
}

/** The block kind an info string makes, or undefined for prose. */
export function blockKind(info: InfoString): 'sh' | 'console' | 'assert' | 'file' | undefined {
  if (info.options.some((o) => o.key === 'file')) return 'file';
  if ((SHELL_LANGS as readonly string[]).includes(info.lang)) return 'sh';
  if (info.lang === 'console') return 'console';
  if (info.lang === 'assert') return 'assert';
  return undefined;
}

/** Why a `file=` path is not allowed, or undefined. */
export function filePathProblem(p: string): string | undefined {
  if (p === '') return 'file= needs a path';
  if (p.startsWith('/')) return `file="${p}" is absolute; paths are relative to the work directory`;
  if (p.split('/').includes('..')) return `file="${p}" contains ".."`;
  if (p.endsWith('/')) return `file="${p}" names a directory`;
  return undefined;
}

/** Validates raw options for a block of `kind`; returns options and every problem. */
export function validateOptions(info: InfoString, kind: 'sh' | 'console' | 'assert' | 'file'): { options: StepOptions; problems: string[] } {
  const problems = [...info.problems];
  const raw: Record<string, string | true> = {};
  for (const o of info.options) {
    if (!(OPTION_KEYS as readonly string[]).includes(o.key)) {
      problems.push(`unknown option "${o.key}"${didYouMean(o.key, OPTION_KEYS)}`);
      continue;
    }
    if (o.key in raw) {
      problems.push(`option "${o.key}" is given twice`);
      continue;
    }
    raw[o.key] = o.value;
  }
  const options: StepOptions = {
    timeoutMs: kind === 'assert' ? DEFAULT_ASSERT_TIMEOUT_MS : DEFAULT_TIMEOUT_MS,
    exit: 0,
    background: false,
    skip: false,
    raw,
  };
  const needValue = (key: string, v: string | true): v is string => {
    if (v === true) {
      problems.push(`option "${key}" needs a value (${key}=...)`);
      return false;
    }
    return true;
  };
  const notFor = (key: string, why: string) => problems.push(`option "${key}" ${why}`);
  for (const [key, v] of Object.entries(raw)) {
    if (FLAGS.has(key) && v !== true) {
      problems.push(`option "${key}" is a flag and takes no value`);
      continue;
    }
    switch (key) {
      case 'jail':
        if (!needValue(key, v)) break;
        if (kind === 'file') notFor(key, 'does not apply to file= blocks, which are written to the work directory');
        else if (kind === 'assert') notFor(key, 'does not apply to assert blocks; each assertion names its own source');
        else if (v !== 'host' && v !== 'upstream') {
          const p = jailNameProblem(v);
          if (p) problems.push(`jail="${v}" is not a valid jail name: it ${p}`);
        }
        options.jail = v;
        break;
      case 'timeout': {
        if (!needValue(key, v)) break;
        if (kind === 'file') notFor(key, 'does not apply to file= blocks');
        const ms = parseDuration(v);
        if (ms === undefined) problems.push(badDuration('timeout', v));
        else options.timeoutMs = ms;
        break;
      }
      case 'exit':
        if (!needValue(key, v)) break;
        if (kind === 'console') notFor(key, 'is for sh blocks; in a console transcript write [N] after the command');
        else if (kind !== 'sh') notFor(key, 'is for sh blocks only');
        else if (!/^\d{1,3}$/.test(v) || Number(v) > 255) problems.push(`exit="${v}" must be a status from 0 to 255`);
        else options.exit = Number(v);
        break;
      case 'eventually':
        if (kind === 'file') notFor(key, 'does not apply to file= blocks');
        options.retryMs ??= DEFAULT_RETRY_MS;
        break;
      case 'retry': {
        if (!needValue(key, v)) break;
        if (kind === 'file') notFor(key, 'does not apply to file= blocks');
        const ms = parseDuration(v);
        if (ms === undefined) problems.push(badDuration('retry', v));
        else options.retryMs = ms;
        break;
      }
      case 'background':
        if (kind !== 'sh') notFor(key, 'is for sh blocks only');
        else if ('eventually' in raw || 'retry' in raw) notFor(key, 'cannot be combined with eventually or retry=');
        else if ('exit' in raw) notFor(key, 'cannot be combined with exit=');
        options.background = true;
        break;
      case 'skip':
        options.skip = true;
        break;
      case 'engine':
        if (!needValue(key, v)) break;
        if (!(ENGINE_NAMES as readonly string[]).includes(v)) {
          problems.push(`unknown engine "${v}"${didYouMean(v, ENGINE_NAMES)}; known: ${ENGINE_NAMES.join(', ')}`);
        } else options.engine = v as EngineName;
        break;
      case 'name': {
        if (!needValue(key, v)) break;
        const p = stepNameProblem(v);
        if (p) problems.push(`name="${v}" ${p}`);
        options.name = v;
        break;
      }
      case 'solution':
      case 'exercise': {
        if (!needValue(key, v)) break;
        if (!/^[a-z0-9][a-z0-9-]*$/.test(v))
          problems.push(`${key}=${v}: an exercise ID is lower-case letters, digits and "-", starting with a letter or digit`);
        else if (key === 'solution' && kind !== 'sh') notFor(key, 'is for sh blocks only (the reference solution of an exercise)');
        else if (key === 'exercise' && kind !== 'assert' && kind !== 'console') notFor(key, 'is for assert and console blocks only (the check of an exercise)');
        else if (key === 'solution' && 'background' in raw) notFor(key, 'cannot be combined with background');
        else options[key] = v;
        break;
      }
      case 'file': {
        if (v === true) {
          problems.push('file= needs a path');
          break;
        }
        const p = filePathProblem(v);
        if (p) problems.push(p);
        options.file = v;
        break;
      }
    }
  }
  // An explicit `eventually` keeps a longer retry= if both are given.
  if (raw.retry !== undefined && typeof raw.retry === 'string') {
    const ms = parseDuration(raw.retry);
    if (ms !== undefined) options.retryMs = ms;
  }
  return { options, problems };
}
