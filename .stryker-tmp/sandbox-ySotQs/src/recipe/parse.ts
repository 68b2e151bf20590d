// @ts-nocheck
// Turns recipe text into a Recipe (plain data with line numbers) and the list of every problem found.
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import MarkdownIt from 'markdown-it';
import { parseAssertions } from '../assert/grammar.js';
import { parseTranscript } from './console.js';
import { defaultFrontMatter, parseFrontMatter, splitFrontMatter } from './frontmatter.js';
import type { Recipe, RecipeError, Step, StepBase } from './model.js';
import { blockKind, hasContractOption, RUNNABLE_LANGS, splitInfo, validateOptions } from './options.js';
const md = new MarkdownIt(stryMutAct_9fa48("1893") ? {} : (stryCov_9fa48("1893"), {
  html: stryMutAct_9fa48("1894") ? false : (stryCov_9fa48("1894"), true)
}));

/** The recipe name used for report files: the file name without `.md`. */
export function recipeName(path: string): string {
  if (stryMutAct_9fa48("1895")) {
    {}
  } else {
    stryCov_9fa48("1895");
    const base = stryMutAct_9fa48("1896") ? path.split('/').pop() && path : (stryCov_9fa48("1896"), path.split(stryMutAct_9fa48("1897") ? "" : (stryCov_9fa48("1897"), '/')).pop() ?? path);
    return base.replace(stryMutAct_9fa48("1898") ? /\.(md|markdown)/i : (stryCov_9fa48("1898"), /\.(md|markdown)$/i), stryMutAct_9fa48("1899") ? "Stryker was here!" : (stryCov_9fa48("1899"), ''));
  }
}

/** True when `line` closes a fence opened with `markup` (blockquote/list prefixes allowed). */
function isClosingFence(line: string, markup: string): boolean {
  if (stryMutAct_9fa48("1900")) {
    {}
  } else {
    stryCov_9fa48("1900");
    const t = stryMutAct_9fa48("1901") ? line.replace(/\r$/, '').replace(/^[\s>]*/, '').trimStart() : (stryCov_9fa48("1901"), line.replace(stryMutAct_9fa48("1902") ? /\r/ : (stryCov_9fa48("1902"), /\r$/), stryMutAct_9fa48("1903") ? "Stryker was here!" : (stryCov_9fa48("1903"), '')).replace(stryMutAct_9fa48("1907") ? /^[\S>]*/ : stryMutAct_9fa48("1906") ? /^[^\s>]*/ : stryMutAct_9fa48("1905") ? /^[\s>]/ : stryMutAct_9fa48("1904") ? /[\s>]*/ : (stryCov_9fa48("1904", "1905", "1906", "1907"), /^[\s>]*/), stryMutAct_9fa48("1908") ? "Stryker was here!" : (stryCov_9fa48("1908"), '')).trimEnd());
    const ch = markup[0]!;
    return stryMutAct_9fa48("1911") ? t.length >= markup.length || [...t].every(c => c === ch) : stryMutAct_9fa48("1910") ? false : stryMutAct_9fa48("1909") ? true : (stryCov_9fa48("1909", "1910", "1911"), (stryMutAct_9fa48("1914") ? t.length < markup.length : stryMutAct_9fa48("1913") ? t.length > markup.length : stryMutAct_9fa48("1912") ? true : (stryCov_9fa48("1912", "1913", "1914"), t.length >= markup.length)) && (stryMutAct_9fa48("1915") ? [...t].some(c => c === ch) : (stryCov_9fa48("1915"), (stryMutAct_9fa48("1916") ? [] : (stryCov_9fa48("1916"), [...t])).every(stryMutAct_9fa48("1917") ? () => undefined : (stryCov_9fa48("1917"), c => stryMutAct_9fa48("1920") ? c !== ch : stryMutAct_9fa48("1919") ? false : stryMutAct_9fa48("1918") ? true : (stryCov_9fa48("1918", "1919", "1920"), c === ch))))));
  }
}

/** Parses `source` (already known to be valid UTF-8 text) read from `path`. */
export function parseRecipe(path: string, source: string): {
  recipe: Recipe;
  errors: RecipeError[];
} {
  if (stryMutAct_9fa48("1921")) {
    {}
  } else {
    stryCov_9fa48("1921");
    const errors: RecipeError[] = stryMutAct_9fa48("1922") ? ["Stryker was here"] : (stryCov_9fa48("1922"), []);
    const err = stryMutAct_9fa48("1923") ? () => undefined : (stryCov_9fa48("1923"), (() => {
      const err = (line: number, message: string) => errors.push(stryMutAct_9fa48("1924") ? {} : (stryCov_9fa48("1924"), {
        path,
        line,
        message
      }));
      return err;
    })());
    const srcLines = source.split(stryMutAct_9fa48("1925") ? "" : (stryCov_9fa48("1925"), '\n'));
    const fm = splitFrontMatter(source);
    let meta = defaultFrontMatter();
    let body = source;
    if (stryMutAct_9fa48("1927") ? false : stryMutAct_9fa48("1926") ? true : (stryCov_9fa48("1926", "1927"), fm.unterminated)) err(1, stryMutAct_9fa48("1928") ? "" : (stryCov_9fa48("1928"), 'front matter opened with "---" on line 1 is never closed with "---"'));
    if (stryMutAct_9fa48("1931") ? fm.yaml === undefined : stryMutAct_9fa48("1930") ? false : stryMutAct_9fa48("1929") ? true : (stryCov_9fa48("1929", "1930", "1931"), fm.yaml !== undefined)) {
      if (stryMutAct_9fa48("1932")) {
        {}
      } else {
        stryCov_9fa48("1932");
        const r = parseFrontMatter(fm.yaml, 2);
        meta = r.meta;
        for (const p of r.problems) err(p.line, p.message);
        body = stryMutAct_9fa48("1933") ? '\n'.repeat(fm.lineCount) - srcLines.slice(fm.lineCount).join('\n') : (stryCov_9fa48("1933"), (stryMutAct_9fa48("1934") ? "" : (stryCov_9fa48("1934"), '\n')).repeat(fm.lineCount) + (stryMutAct_9fa48("1935") ? srcLines.join('\n') : (stryCov_9fa48("1935"), srcLines.slice(fm.lineCount).join(stryMutAct_9fa48("1936") ? "" : (stryCov_9fa48("1936"), '\n')))));
      }
    }
    const tokens = md.parse(body, {});
    const steps: Step[] = stryMutAct_9fa48("1937") ? ["Stryker was here"] : (stryCov_9fa48("1937"), []);
    let heading: string | undefined;
    for (let i = 0; stryMutAct_9fa48("1940") ? i >= tokens.length : stryMutAct_9fa48("1939") ? i <= tokens.length : stryMutAct_9fa48("1938") ? false : (stryCov_9fa48("1938", "1939", "1940"), i < tokens.length); stryMutAct_9fa48("1941") ? i-- : (stryCov_9fa48("1941"), i++)) {
      if (stryMutAct_9fa48("1942")) {
        {}
      } else {
        stryCov_9fa48("1942");
        const t = tokens[i]!;
        if (stryMutAct_9fa48("1945") ? t.type !== 'heading_open' : stryMutAct_9fa48("1944") ? false : stryMutAct_9fa48("1943") ? true : (stryCov_9fa48("1943", "1944", "1945"), t.type === (stryMutAct_9fa48("1946") ? "" : (stryCov_9fa48("1946"), 'heading_open')))) {
          if (stryMutAct_9fa48("1947")) {
            {}
          } else {
            stryCov_9fa48("1947");
            heading = stryMutAct_9fa48("1948") ? tokens[i + 1].content : (stryCov_9fa48("1948"), tokens[stryMutAct_9fa48("1949") ? i - 1 : (stryCov_9fa48("1949"), i + 1)]?.content);
            continue;
          }
        }
        if (stryMutAct_9fa48("1952") ? t.type !== 'fence' && !t.map : stryMutAct_9fa48("1951") ? false : stryMutAct_9fa48("1950") ? true : (stryCov_9fa48("1950", "1951", "1952"), (stryMutAct_9fa48("1954") ? t.type === 'fence' : stryMutAct_9fa48("1953") ? false : (stryCov_9fa48("1953", "1954"), t.type !== (stryMutAct_9fa48("1955") ? "" : (stryCov_9fa48("1955"), 'fence')))) || (stryMutAct_9fa48("1956") ? t.map : (stryCov_9fa48("1956"), !t.map)))) continue;
        const line = stryMutAct_9fa48("1957") ? t.map[0] - 1 : (stryCov_9fa48("1957"), t.map[0] + 1);
        const lastLine = t.map[1];
        const terminated = stryMutAct_9fa48("1960") ? lastLine > line || isClosingFence(srcLines[lastLine - 1] ?? '', t.markup) : stryMutAct_9fa48("1959") ? false : stryMutAct_9fa48("1958") ? true : (stryCov_9fa48("1958", "1959", "1960"), (stryMutAct_9fa48("1963") ? lastLine <= line : stryMutAct_9fa48("1962") ? lastLine >= line : stryMutAct_9fa48("1961") ? true : (stryCov_9fa48("1961", "1962", "1963"), lastLine > line)) && isClosingFence(stryMutAct_9fa48("1964") ? srcLines[lastLine - 1] && '' : (stryCov_9fa48("1964"), srcLines[stryMutAct_9fa48("1965") ? lastLine + 1 : (stryCov_9fa48("1965"), lastLine - 1)] ?? (stryMutAct_9fa48("1966") ? "Stryker was here!" : (stryCov_9fa48("1966"), ''))), t.markup));
        const info = splitInfo(t.info);
        const kind = blockKind(info);
        if (stryMutAct_9fa48("1969") ? kind !== undefined : stryMutAct_9fa48("1968") ? false : stryMutAct_9fa48("1967") ? true : (stryCov_9fa48("1967", "1968", "1969"), kind === undefined)) {
          if (stryMutAct_9fa48("1970")) {
            {}
          } else {
            stryCov_9fa48("1970");
            if (stryMutAct_9fa48("1973") ? info.hasBraces || hasContractOption(info) : stryMutAct_9fa48("1972") ? false : stryMutAct_9fa48("1971") ? true : (stryCov_9fa48("1971", "1972", "1973"), info.hasBraces && hasContractOption(info))) {
              if (stryMutAct_9fa48("1974")) {
                {}
              } else {
                stryCov_9fa48("1974");
                err(line, stryMutAct_9fa48("1975") ? `` : (stryCov_9fa48("1975"), `a "${stryMutAct_9fa48("1978") ? info.lang && '(no language)' : stryMutAct_9fa48("1977") ? false : stryMutAct_9fa48("1976") ? true : (stryCov_9fa48("1976", "1977", "1978"), info.lang || (stryMutAct_9fa48("1979") ? "" : (stryCov_9fa48("1979"), '(no language)')))}" block never runs (runnable: ${RUNNABLE_LANGS.join(stryMutAct_9fa48("1980") ? "" : (stryCov_9fa48("1980"), ', '))}); add file=PATH to write it to a file`));
              }
            }
            continue;
          }
        }
        if (stryMutAct_9fa48("1983") ? false : stryMutAct_9fa48("1982") ? true : stryMutAct_9fa48("1981") ? terminated : (stryCov_9fa48("1981", "1982", "1983"), !terminated)) {
          if (stryMutAct_9fa48("1984")) {
            {}
          } else {
            stryCov_9fa48("1984");
            err(line, stryMutAct_9fa48("1985") ? `` : (stryCov_9fa48("1985"), `unterminated ${t.markup} fence: the block opened here is never closed`));
            continue;
          }
        }
        const {
          options,
          problems
        } = validateOptions(info, kind);
        for (const p of problems) err(line, p);
        const base: StepBase = stryMutAct_9fa48("1986") ? {} : (stryCov_9fa48("1986"), {
          id: stryMutAct_9fa48("1987") ? options.name && `L${line}` : (stryCov_9fa48("1987"), options.name ?? (stryMutAct_9fa48("1988") ? `` : (stryCov_9fa48("1988"), `L${line}`))),
          line,
          endLine: lastLine,
          lang: info.lang,
          info: stryMutAct_9fa48("1989") ? t.info : (stryCov_9fa48("1989"), t.info.trim()),
          options,
          body: t.content,
          ...((stryMutAct_9fa48("1992") ? heading === undefined : stryMutAct_9fa48("1991") ? false : stryMutAct_9fa48("1990") ? true : (stryCov_9fa48("1990", "1991", "1992"), heading !== undefined)) ? stryMutAct_9fa48("1993") ? {} : (stryCov_9fa48("1993"), {
            heading
          }) : {})
        });
        const firstBodyLine = stryMutAct_9fa48("1994") ? line - 1 : (stryCov_9fa48("1994"), line + 1);
        switch (kind) {
          case stryMutAct_9fa48("1996") ? "" : (stryCov_9fa48("1996"), 'sh'):
            if (stryMutAct_9fa48("1995")) {} else {
              stryCov_9fa48("1995");
              steps.push(stryMutAct_9fa48("1997") ? {} : (stryCov_9fa48("1997"), {
                ...base,
                kind
              }));
              break;
            }
          case stryMutAct_9fa48("1999") ? "" : (stryCov_9fa48("1999"), 'file'):
            if (stryMutAct_9fa48("1998")) {} else {
              stryCov_9fa48("1998");
              steps.push(stryMutAct_9fa48("2000") ? {} : (stryCov_9fa48("2000"), {
                ...base,
                kind,
                path: stryMutAct_9fa48("2001") ? options.file && '' : (stryCov_9fa48("2001"), options.file ?? (stryMutAct_9fa48("2002") ? "Stryker was here!" : (stryCov_9fa48("2002"), '')))
              }));
              break;
            }
          case stryMutAct_9fa48("2004") ? "" : (stryCov_9fa48("2004"), 'console'):
            if (stryMutAct_9fa48("2003")) {} else {
              stryCov_9fa48("2003");
              {
                if (stryMutAct_9fa48("2005")) {
                  {}
                } else {
                  stryCov_9fa48("2005");
                  const r = parseTranscript(t.content, firstBodyLine);
                  for (const p of r.problems) err(p.line, p.message);
                  steps.push(stryMutAct_9fa48("2006") ? {} : (stryCov_9fa48("2006"), {
                    ...base,
                    kind,
                    commands: r.commands
                  }));
                  break;
                }
              }
            }
          case stryMutAct_9fa48("2008") ? "" : (stryCov_9fa48("2008"), 'assert'):
            if (stryMutAct_9fa48("2007")) {} else {
              stryCov_9fa48("2007");
              {
                if (stryMutAct_9fa48("2009")) {
                  {}
                } else {
                  stryCov_9fa48("2009");
                  const r = parseAssertions(t.content, firstBodyLine);
                  for (const p of r.problems) err(p.line, p.message);
                  if (stryMutAct_9fa48("2012") ? r.assertions.length === 0 || r.problems.length === 0 : stryMutAct_9fa48("2011") ? false : stryMutAct_9fa48("2010") ? true : (stryCov_9fa48("2010", "2011", "2012"), (stryMutAct_9fa48("2014") ? r.assertions.length !== 0 : stryMutAct_9fa48("2013") ? true : (stryCov_9fa48("2013", "2014"), r.assertions.length === 0)) && (stryMutAct_9fa48("2016") ? r.problems.length !== 0 : stryMutAct_9fa48("2015") ? true : (stryCov_9fa48("2015", "2016"), r.problems.length === 0)))) err(line, stryMutAct_9fa48("2017") ? "" : (stryCov_9fa48("2017"), 'assert block has no assertion'));
                  steps.push(stryMutAct_9fa48("2018") ? {} : (stryCov_9fa48("2018"), {
                    ...base,
                    kind,
                    assertions: r.assertions
                  }));
                  break;
                }
              }
            }
        }
      }
    }
    const seen = new Map<string, number>();
    for (const s of steps) {
      if (stryMutAct_9fa48("2019")) {
        {}
      } else {
        stryCov_9fa48("2019");
        const prev = seen.get(s.id);
        if (stryMutAct_9fa48("2022") ? prev === undefined : stryMutAct_9fa48("2021") ? false : stryMutAct_9fa48("2020") ? true : (stryCov_9fa48("2020", "2021", "2022"), prev !== undefined)) err(s.line, stryMutAct_9fa48("2023") ? `` : (stryCov_9fa48("2023"), `step name "${s.id}" is already used by the block on line ${prev}`));else seen.set(s.id, s.line);
      }
    }
    stryMutAct_9fa48("2024") ? errors : (stryCov_9fa48("2024"), errors.sort(stryMutAct_9fa48("2025") ? () => undefined : (stryCov_9fa48("2025"), (a, b) => stryMutAct_9fa48("2026") ? a.line + b.line : (stryCov_9fa48("2026"), a.line - b.line))));
    return stryMutAct_9fa48("2027") ? {} : (stryCov_9fa48("2027"), {
      recipe: stryMutAct_9fa48("2028") ? {} : (stryCov_9fa48("2028"), {
        path,
        name: recipeName(path),
        source,
        hasFrontMatter: stryMutAct_9fa48("2031") ? fm.yaml === undefined : stryMutAct_9fa48("2030") ? false : stryMutAct_9fa48("2029") ? true : (stryCov_9fa48("2029", "2030", "2031"), fm.yaml !== undefined),
        meta,
        steps
      }),
      errors
    });
  }
}