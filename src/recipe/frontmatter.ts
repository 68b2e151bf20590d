// Front matter: split it from the Markdown, parse the YAML, validate it with zod, locate every problem.
import { LineCounter, parseDocument, isMap, isScalar, type Pair } from 'yaml';
import { z } from 'zod';
import { didYouMean } from '../util/suggest.js';
import { badDuration, parseDuration } from './duration.js';
import { ENGINE_NAMES, type EngineName, type FrontMatter } from './model.js';
import { NEED_NAMES } from './needs.js';

/** A front matter problem with its recipe line. */
export interface FrontMatterProblem {
  line: number;
  message: string;
}

/** The keys the contract allows. */
export const FRONT_MATTER_KEYS = ['title', 'summary', 'format', 'engines', 'needs', 'timeout', 'tags'] as const;
/** A recipe's whole-run timeout when none is given. */
export const DEFAULT_RECIPE_TIMEOUT_MS = 10 * 60_000;

const schemas: Record<(typeof FRONT_MATTER_KEYS)[number], z.ZodType> = {
  title: z.string().min(1, 'must not be empty'),
  summary: z.string().min(1, 'must not be empty'),
  format: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2 (this runner reads recipe format versions 1 and 2)' }),
  engines: z.array(z.string(), { error: 'must be a list, e.g. [linux, freebsd]' }).min(1, 'must name at least one engine'),
  needs: z.array(z.string(), { error: 'must be a list, e.g. [dnsmasq, busybox]' }),
  timeout: z.string({ error: 'must be a duration such as 5m' }),
  tags: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be words of letters, digits, "_", "." and "-"'), {
    error: 'must be a list, e.g. [dns, dhcp]',
  }),
};

/** Where the front matter sits in the source. */
export interface FrontMatterSplit {
  /** YAML text, or undefined when the file has none. */
  yaml?: string;
  /** Number of lines the front matter block occupies (including both fences). */
  lineCount: number;
  /** Set when the opening `---` is never closed. */
  unterminated: boolean;
}

/** Finds a `---` front matter block at the very top of the file. */
export function splitFrontMatter(source: string): FrontMatterSplit {
  const lines = source.split('\n');
  if (lines[0]?.replace(/\r$/, '').trimEnd() !== '---') return { lineCount: 0, unterminated: false };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.replace(/\r$/, '').trimEnd();
    if (l === '---' || l === '...') return { yaml: lines.slice(1, i).join('\n'), lineCount: i + 1, unterminated: false };
  }
  return { lineCount: 0, unterminated: true };
}

function defaults(): FrontMatter {
  return { format: 2, engines: [...ENGINE_NAMES], needs: [], timeoutMs: DEFAULT_RECIPE_TIMEOUT_MS, tags: [] };
}

/** Parses and validates YAML front matter whose first line is recipe line `firstLine`. */
export function parseFrontMatter(yaml: string, firstLine: number): { meta: FrontMatter; problems: FrontMatterProblem[] } {
  const meta = defaults();
  const problems: FrontMatterProblem[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? firstLine : firstLine + counter.linePos(offset).line - 1);
  for (const e of doc.errors) problems.push({ line: lineOf(e.pos[0]), message: `front matter: ${e.message.split('\n')[0]}` });
  // Unknown YAML tags (!!js/function, say) are warnings to the yaml library; a recipe's front matter is plain data.
  for (const w of doc.warnings) problems.push({ line: lineOf(w.pos[0]), message: `front matter: ${w.message.split('\n')[0]}` });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return { meta, problems };
  if (doc.contents === null) return { meta, problems };
  if (!isMap(doc.contents)) {
    problems.push({ line: lineOf(doc.contents.range?.[0]), message: 'front matter must be a mapping of keys (title: ..., tags: [...])' });
    return { meta, problems };
  }
  for (const pair of doc.contents.items as Pair[]) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = lineOf(isScalar(keyNode) ? keyNode.range?.[0] : undefined);
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      problems.push({ line, message: `unknown front matter key "${key}"${didYouMean(key, FRONT_MATTER_KEYS)}` });
      continue;
    }
    const k = key as (typeof FRONT_MATTER_KEYS)[number];
    const value: unknown = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? (isScalar(pair.value) ? pair.value.value : pair.value);
    const parsed = schemas[k].safeParse(value);
    if (!parsed.success) {
      problems.push({ line, message: `front matter "${k}" ${parsed.error.issues[0]?.message ?? 'is invalid'}` });
      continue;
    }
    const v = parsed.data;
    switch (k) {
      case 'title':
        meta.title = v as string;
        break;
      case 'summary':
        meta.summary = v as string;
        break;
      case 'format':
        meta.format = v as number;
        break;
      case 'engines': {
        const list = v as string[];
        const badOnes = list.filter((e) => !(ENGINE_NAMES as readonly string[]).includes(e));
        for (const b of badOnes)
          problems.push({ line, message: `unknown engine "${b}" in front matter${didYouMean(b, ENGINE_NAMES)}; known: ${ENGINE_NAMES.join(', ')}` });
        meta.engines = list.filter((e) => !badOnes.includes(e)) as EngineName[];
        break;
      }
      case 'needs': {
        const list = v as string[];
        for (const n of list) {
          if (!NEED_NAMES.includes(n)) problems.push({ line, message: `unknown need "${n}"${didYouMean(n, NEED_NAMES)}; known: ${NEED_NAMES.join(', ')}` });
        }
        meta.needs = list.filter((n) => NEED_NAMES.includes(n));
        break;
      }
      case 'timeout': {
        const ms = parseDuration(v as string);
        if (ms === undefined) problems.push({ line, message: `front matter ${badDuration('timeout', v as string)}` });
        else meta.timeoutMs = ms;
        break;
      }
      case 'tags':
        meta.tags = v as string[];
        break;
    }
  }
  return { meta, problems };
}

/** Front matter defaults for a recipe without any. */
export const defaultFrontMatter = defaults;
