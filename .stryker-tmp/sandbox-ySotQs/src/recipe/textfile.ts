// @ts-nocheck
// Reads a text input file under the contract's file rules (at most 1 MiB, no NUL byte, UTF-8), for recipes and supervisor files.
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
import { readFile, stat } from 'node:fs/promises';

/** Largest recipe (or supervisor file) the contract accepts. */
export const MAX_TEXT_BYTES = stryMutAct_9fa48("2032") ? 1024 / 1024 : (stryCov_9fa48("2032"), 1024 * 1024);

/** Line (1-based) of byte offset `at` in `buf`. */
function lineAt(buf: Buffer, at: number): number {
  if (stryMutAct_9fa48("2033")) {
    {}
  } else {
    stryCov_9fa48("2033");
    let n = 1;
    for (let i = 0; stryMutAct_9fa48("2035") ? i < at || i < buf.length : stryMutAct_9fa48("2034") ? false : (stryCov_9fa48("2034", "2035"), (stryMutAct_9fa48("2038") ? i >= at : stryMutAct_9fa48("2037") ? i <= at : stryMutAct_9fa48("2036") ? true : (stryCov_9fa48("2036", "2037", "2038"), i < at)) && (stryMutAct_9fa48("2041") ? i >= buf.length : stryMutAct_9fa48("2040") ? i <= buf.length : stryMutAct_9fa48("2039") ? true : (stryCov_9fa48("2039", "2040", "2041"), i < buf.length))); stryMutAct_9fa48("2042") ? i-- : (stryCov_9fa48("2042"), i++)) if (stryMutAct_9fa48("2045") ? buf[i] !== 0x0a : stryMutAct_9fa48("2044") ? false : stryMutAct_9fa48("2043") ? true : (stryCov_9fa48("2043", "2044", "2045"), buf[i] === 0x0a)) stryMutAct_9fa48("2046") ? n-- : (stryCov_9fa48("2046"), n++);
    return n;
  }
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstBadUtf8(buf: Buffer): number {
  if (stryMutAct_9fa48("2047")) {
    {}
  } else {
    stryCov_9fa48("2047");
    const dec = new TextDecoder(stryMutAct_9fa48("2048") ? "" : (stryCov_9fa48("2048"), 'utf-8'), stryMutAct_9fa48("2049") ? {} : (stryCov_9fa48("2049"), {
      fatal: stryMutAct_9fa48("2050") ? false : (stryCov_9fa48("2050"), true)
    }));
    try {
      if (stryMutAct_9fa48("2051")) {
        {}
      } else {
        stryCov_9fa48("2051");
        dec.decode(buf);
        return stryMutAct_9fa48("2052") ? +1 : (stryCov_9fa48("2052"), -1);
      }
    } catch {
      if (stryMutAct_9fa48("2053")) {
        {}
      } else {
        stryCov_9fa48("2053");
        // Narrow down by decoding growing prefixes line by line.
        let start = 0;
        while (stryMutAct_9fa48("2056") ? start >= buf.length : stryMutAct_9fa48("2055") ? start <= buf.length : stryMutAct_9fa48("2054") ? false : (stryCov_9fa48("2054", "2055", "2056"), start < buf.length)) {
          if (stryMutAct_9fa48("2057")) {
            {}
          } else {
            stryCov_9fa48("2057");
            let end = buf.indexOf(0x0a, start);
            end = (stryMutAct_9fa48("2060") ? end !== -1 : stryMutAct_9fa48("2059") ? false : stryMutAct_9fa48("2058") ? true : (stryCov_9fa48("2058", "2059", "2060"), end === (stryMutAct_9fa48("2061") ? +1 : (stryCov_9fa48("2061"), -1)))) ? buf.length : stryMutAct_9fa48("2062") ? end - 1 : (stryCov_9fa48("2062"), end + 1);
            try {
              if (stryMutAct_9fa48("2063")) {
                {}
              } else {
                stryCov_9fa48("2063");
                new TextDecoder(stryMutAct_9fa48("2064") ? "" : (stryCov_9fa48("2064"), 'utf-8'), stryMutAct_9fa48("2065") ? {} : (stryCov_9fa48("2065"), {
                  fatal: stryMutAct_9fa48("2066") ? false : (stryCov_9fa48("2066"), true)
                })).decode(buf.subarray(start, end));
              }
            } catch {
              if (stryMutAct_9fa48("2067")) {
                {}
              } else {
                stryCov_9fa48("2067");
                return start;
              }
            }
            start = end;
          }
        }
        return 0;
      }
    }
  }
}

/** The file's text (a leading BOM dropped), or its one problem with a line (0: the file as a whole). */
export async function readTextFile(path: string, what: string): Promise<{
  text: string;
} | {
  line: number;
  message: string;
}> {
  if (stryMutAct_9fa48("2068")) {
    {}
  } else {
    stryCov_9fa48("2068");
    let buf: Buffer;
    try {
      if (stryMutAct_9fa48("2069")) {
        {}
      } else {
        stryCov_9fa48("2069");
        const st = await stat(path);
        if (stryMutAct_9fa48("2071") ? false : stryMutAct_9fa48("2070") ? true : (stryCov_9fa48("2070", "2071"), st.isDirectory())) return stryMutAct_9fa48("2072") ? {} : (stryCov_9fa48("2072"), {
          line: 0,
          message: stryMutAct_9fa48("2073") ? "" : (stryCov_9fa48("2073"), 'is a directory (give recipe files, or a directory to `run`/`list`)')
        });
        if (stryMutAct_9fa48("2077") ? st.size <= MAX_TEXT_BYTES : stryMutAct_9fa48("2076") ? st.size >= MAX_TEXT_BYTES : stryMutAct_9fa48("2075") ? false : stryMutAct_9fa48("2074") ? true : (stryCov_9fa48("2074", "2075", "2076", "2077"), st.size > MAX_TEXT_BYTES)) return stryMutAct_9fa48("2078") ? {} : (stryCov_9fa48("2078"), {
          line: 1,
          message: stryMutAct_9fa48("2079") ? `` : (stryCov_9fa48("2079"), `file is ${st.size} bytes; ${what} is at most 1 MiB (${MAX_TEXT_BYTES} bytes)`)
        });
        buf = await readFile(path);
      }
    } catch (e) {
      if (stryMutAct_9fa48("2080")) {
        {}
      } else {
        stryCov_9fa48("2080");
        const code = (e as NodeJS.ErrnoException).code;
        if (stryMutAct_9fa48("2083") ? code !== 'ENOENT' : stryMutAct_9fa48("2082") ? false : stryMutAct_9fa48("2081") ? true : (stryCov_9fa48("2081", "2082", "2083"), code === (stryMutAct_9fa48("2084") ? "" : (stryCov_9fa48("2084"), 'ENOENT')))) return stryMutAct_9fa48("2085") ? {} : (stryCov_9fa48("2085"), {
          line: 0,
          message: stryMutAct_9fa48("2086") ? "" : (stryCov_9fa48("2086"), 'no such file')
        });
        if (stryMutAct_9fa48("2089") ? code === 'EACCES' && code === 'EPERM' : stryMutAct_9fa48("2088") ? false : stryMutAct_9fa48("2087") ? true : (stryCov_9fa48("2087", "2088", "2089"), (stryMutAct_9fa48("2091") ? code !== 'EACCES' : stryMutAct_9fa48("2090") ? false : (stryCov_9fa48("2090", "2091"), code === (stryMutAct_9fa48("2092") ? "" : (stryCov_9fa48("2092"), 'EACCES')))) || (stryMutAct_9fa48("2094") ? code !== 'EPERM' : stryMutAct_9fa48("2093") ? false : (stryCov_9fa48("2093", "2094"), code === (stryMutAct_9fa48("2095") ? "" : (stryCov_9fa48("2095"), 'EPERM')))))) return stryMutAct_9fa48("2096") ? {} : (stryCov_9fa48("2096"), {
          line: 0,
          message: stryMutAct_9fa48("2097") ? "" : (stryCov_9fa48("2097"), 'cannot read the file (permission denied)')
        });
        return stryMutAct_9fa48("2098") ? {} : (stryCov_9fa48("2098"), {
          line: 0,
          message: stryMutAct_9fa48("2099") ? `` : (stryCov_9fa48("2099"), `cannot read the file (${stryMutAct_9fa48("2100") ? code && (e as Error).message : (stryCov_9fa48("2100"), code ?? (e as Error).message)})`)
        });
      }
    }
    if (stryMutAct_9fa48("2104") ? buf.length <= MAX_TEXT_BYTES : stryMutAct_9fa48("2103") ? buf.length >= MAX_TEXT_BYTES : stryMutAct_9fa48("2102") ? false : stryMutAct_9fa48("2101") ? true : (stryCov_9fa48("2101", "2102", "2103", "2104"), buf.length > MAX_TEXT_BYTES)) return stryMutAct_9fa48("2105") ? {} : (stryCov_9fa48("2105"), {
      line: 1,
      message: stryMutAct_9fa48("2106") ? `` : (stryCov_9fa48("2106"), `file is ${buf.length} bytes; ${what} is at most 1 MiB`)
    });
    const nul = buf.indexOf(0);
    if (stryMutAct_9fa48("2109") ? nul === -1 : stryMutAct_9fa48("2108") ? false : stryMutAct_9fa48("2107") ? true : (stryCov_9fa48("2107", "2108", "2109"), nul !== (stryMutAct_9fa48("2110") ? +1 : (stryCov_9fa48("2110"), -1)))) return stryMutAct_9fa48("2111") ? {} : (stryCov_9fa48("2111"), {
      line: lineAt(buf, nul),
      message: stryMutAct_9fa48("2112") ? `` : (stryCov_9fa48("2112"), `contains a NUL byte: ${what} is UTF-8 text (is this a binary file?)`)
    });
    const bad = firstBadUtf8(buf);
    if (stryMutAct_9fa48("2115") ? bad === -1 : stryMutAct_9fa48("2114") ? false : stryMutAct_9fa48("2113") ? true : (stryCov_9fa48("2113", "2114", "2115"), bad !== (stryMutAct_9fa48("2116") ? +1 : (stryCov_9fa48("2116"), -1)))) return stryMutAct_9fa48("2117") ? {} : (stryCov_9fa48("2117"), {
      line: lineAt(buf, bad),
      message: stryMutAct_9fa48("2118") ? "" : (stryCov_9fa48("2118"), 'is not valid UTF-8 text')
    });
    const text = buf.toString(stryMutAct_9fa48("2119") ? "" : (stryCov_9fa48("2119"), 'utf8'));
    return stryMutAct_9fa48("2120") ? {} : (stryCov_9fa48("2120"), {
      text: (stryMutAct_9fa48("2123") ? text.charCodeAt(0) !== 0xfeff : stryMutAct_9fa48("2122") ? false : stryMutAct_9fa48("2121") ? true : (stryCov_9fa48("2121", "2122", "2123"), text.charCodeAt(0) === 0xfeff)) ? stryMutAct_9fa48("2124") ? text : (stryCov_9fa48("2124"), text.slice(1)) : text
    });
  }
}