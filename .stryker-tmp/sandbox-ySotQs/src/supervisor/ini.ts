// @ts-nocheck
// A small INI reader with line numbers (the `ini` package has none and cuts values at `;`).
// `;` and `#` start a comment only at the start of a line; a value is the rest of the line after `=`.

/** One `key = value` with its line. */function stryNS_9fa48() {
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
export interface IniEntry {
  key: string;
  value: string;
  line: number;
}

/** One `[type:name]` section. */
export interface IniSection {
  header: string;
  line: number;
  entries: IniEntry[];
}

/** A problem with its line. */
export interface IniProblem {
  line: number;
  message: string;
}

/** Reads INI text into sections; collects every problem (bad lines, repeated sections or keys). */
export function readIni(text: string): {
  sections: IniSection[];
  problems: IniProblem[];
} {
  if (stryMutAct_9fa48("2290")) {
    {}
  } else {
    stryCov_9fa48("2290");
    const sections: IniSection[] = stryMutAct_9fa48("2291") ? ["Stryker was here"] : (stryCov_9fa48("2291"), []);
    const problems: IniProblem[] = stryMutAct_9fa48("2292") ? ["Stryker was here"] : (stryCov_9fa48("2292"), []);
    const seen = new Map<string, number>();
    let current: IniSection | undefined;
    let keys = new Map<string, number>();
    text.split(stryMutAct_9fa48("2293") ? "" : (stryCov_9fa48("2293"), '\n')).forEach((raw, i) => {
      if (stryMutAct_9fa48("2294")) {
        {}
      } else {
        stryCov_9fa48("2294");
        const line = stryMutAct_9fa48("2295") ? i - 1 : (stryCov_9fa48("2295"), i + 1);
        const t = stryMutAct_9fa48("2296") ? raw.replace(/\r$/, '') : (stryCov_9fa48("2296"), raw.replace(stryMutAct_9fa48("2297") ? /\r/ : (stryCov_9fa48("2297"), /\r$/), stryMutAct_9fa48("2298") ? "Stryker was here!" : (stryCov_9fa48("2298"), '')).trim());
        if (stryMutAct_9fa48("2301") ? (t === '' || t.startsWith(';')) && t.startsWith('#') : stryMutAct_9fa48("2300") ? false : stryMutAct_9fa48("2299") ? true : (stryCov_9fa48("2299", "2300", "2301"), (stryMutAct_9fa48("2303") ? t === '' && t.startsWith(';') : stryMutAct_9fa48("2302") ? false : (stryCov_9fa48("2302", "2303"), (stryMutAct_9fa48("2305") ? t !== '' : stryMutAct_9fa48("2304") ? false : (stryCov_9fa48("2304", "2305"), t === (stryMutAct_9fa48("2306") ? "Stryker was here!" : (stryCov_9fa48("2306"), '')))) || (stryMutAct_9fa48("2307") ? t.endsWith(';') : (stryCov_9fa48("2307"), t.startsWith(stryMutAct_9fa48("2308") ? "" : (stryCov_9fa48("2308"), ';')))))) || (stryMutAct_9fa48("2309") ? t.endsWith('#') : (stryCov_9fa48("2309"), t.startsWith(stryMutAct_9fa48("2310") ? "" : (stryCov_9fa48("2310"), '#')))))) return;
        if (stryMutAct_9fa48("2313") ? t.endsWith('[') : stryMutAct_9fa48("2312") ? false : stryMutAct_9fa48("2311") ? true : (stryCov_9fa48("2311", "2312", "2313"), t.startsWith(stryMutAct_9fa48("2314") ? "" : (stryCov_9fa48("2314"), '[')))) {
          if (stryMutAct_9fa48("2315")) {
            {}
          } else {
            stryCov_9fa48("2315");
            const m = (stryMutAct_9fa48("2319") ? /^\[([\]]*)\]$/ : stryMutAct_9fa48("2318") ? /^\[([^\]])\]$/ : stryMutAct_9fa48("2317") ? /^\[([^\]]*)\]/ : stryMutAct_9fa48("2316") ? /\[([^\]]*)\]$/ : (stryCov_9fa48("2316", "2317", "2318", "2319"), /^\[([^\]]*)\]$/)).exec(t);
            if (stryMutAct_9fa48("2322") ? !m && m[1]!.trim() === '' : stryMutAct_9fa48("2321") ? false : stryMutAct_9fa48("2320") ? true : (stryCov_9fa48("2320", "2321", "2322"), (stryMutAct_9fa48("2323") ? m : (stryCov_9fa48("2323"), !m)) || (stryMutAct_9fa48("2325") ? m[1]!.trim() !== '' : stryMutAct_9fa48("2324") ? false : (stryCov_9fa48("2324", "2325"), (stryMutAct_9fa48("2326") ? m[1]! : (stryCov_9fa48("2326"), m[1]!.trim())) === (stryMutAct_9fa48("2327") ? "Stryker was here!" : (stryCov_9fa48("2327"), '')))))) {
              if (stryMutAct_9fa48("2328")) {
                {}
              } else {
                stryCov_9fa48("2328");
                problems.push(stryMutAct_9fa48("2329") ? {} : (stryCov_9fa48("2329"), {
                  line,
                  message: stryMutAct_9fa48("2330") ? `` : (stryCov_9fa48("2330"), `bad section header "${t}" (expected [type:name])`)
                }));
                current = undefined;
                return;
              }
            }
            const header = stryMutAct_9fa48("2331") ? m[1]! : (stryCov_9fa48("2331"), m[1]!.trim());
            const prev = seen.get(header);
            if (stryMutAct_9fa48("2334") ? prev === undefined : stryMutAct_9fa48("2333") ? false : stryMutAct_9fa48("2332") ? true : (stryCov_9fa48("2332", "2333", "2334"), prev !== undefined)) problems.push(stryMutAct_9fa48("2335") ? {} : (stryCov_9fa48("2335"), {
              line,
              message: stryMutAct_9fa48("2336") ? `` : (stryCov_9fa48("2336"), `section [${header}] is repeated (first on line ${prev})`)
            }));else seen.set(header, line);
            current = stryMutAct_9fa48("2337") ? {} : (stryCov_9fa48("2337"), {
              header,
              line,
              entries: stryMutAct_9fa48("2338") ? ["Stryker was here"] : (stryCov_9fa48("2338"), [])
            });
            sections.push(current);
            keys = new Map();
            return;
          }
        }
        const eq = t.indexOf(stryMutAct_9fa48("2339") ? "" : (stryCov_9fa48("2339"), '='));
        if (stryMutAct_9fa48("2342") ? eq !== -1 : stryMutAct_9fa48("2341") ? false : stryMutAct_9fa48("2340") ? true : (stryCov_9fa48("2340", "2341", "2342"), eq === (stryMutAct_9fa48("2343") ? +1 : (stryCov_9fa48("2343"), -1)))) {
          if (stryMutAct_9fa48("2344")) {
            {}
          } else {
            stryCov_9fa48("2344");
            problems.push(stryMutAct_9fa48("2345") ? {} : (stryCov_9fa48("2345"), {
              line,
              message: stryMutAct_9fa48("2346") ? `` : (stryCov_9fa48("2346"), `expected "key = value", got "${t}"`)
            }));
            return;
          }
        }
        const key = stryMutAct_9fa48("2348") ? t.trim() : stryMutAct_9fa48("2347") ? t.slice(0, eq) : (stryCov_9fa48("2347", "2348"), t.slice(0, eq).trim());
        const value = stryMutAct_9fa48("2350") ? t.trim() : stryMutAct_9fa48("2349") ? t.slice(eq + 1) : (stryCov_9fa48("2349", "2350"), t.slice(stryMutAct_9fa48("2351") ? eq - 1 : (stryCov_9fa48("2351"), eq + 1)).trim());
        if (stryMutAct_9fa48("2354") ? key !== '' : stryMutAct_9fa48("2353") ? false : stryMutAct_9fa48("2352") ? true : (stryCov_9fa48("2352", "2353", "2354"), key === (stryMutAct_9fa48("2355") ? "Stryker was here!" : (stryCov_9fa48("2355"), '')))) {
          if (stryMutAct_9fa48("2356")) {
            {}
          } else {
            stryCov_9fa48("2356");
            problems.push(stryMutAct_9fa48("2357") ? {} : (stryCov_9fa48("2357"), {
              line,
              message: stryMutAct_9fa48("2358") ? "" : (stryCov_9fa48("2358"), 'a key is missing before "="')
            }));
            return;
          }
        }
        if (stryMutAct_9fa48("2361") ? false : stryMutAct_9fa48("2360") ? true : stryMutAct_9fa48("2359") ? current : (stryCov_9fa48("2359", "2360", "2361"), !current)) {
          if (stryMutAct_9fa48("2362")) {
            {}
          } else {
            stryCov_9fa48("2362");
            problems.push(stryMutAct_9fa48("2363") ? {} : (stryCov_9fa48("2363"), {
              line,
              message: stryMutAct_9fa48("2364") ? `` : (stryCov_9fa48("2364"), `key "${key}" is outside any section`)
            }));
            return;
          }
        }
        const prev = keys.get(key);
        if (stryMutAct_9fa48("2367") ? prev === undefined : stryMutAct_9fa48("2366") ? false : stryMutAct_9fa48("2365") ? true : (stryCov_9fa48("2365", "2366", "2367"), prev !== undefined)) {
          if (stryMutAct_9fa48("2368")) {
            {}
          } else {
            stryCov_9fa48("2368");
            problems.push(stryMutAct_9fa48("2369") ? {} : (stryCov_9fa48("2369"), {
              line,
              message: stryMutAct_9fa48("2370") ? `` : (stryCov_9fa48("2370"), `key "${key}" is repeated in [${current.header}] (first on line ${prev})`)
            }));
            return;
          }
        }
        keys.set(key, line);
        current.entries.push(stryMutAct_9fa48("2371") ? {} : (stryCov_9fa48("2371"), {
          key,
          value,
          line
        }));
      }
    });
    return stryMutAct_9fa48("2372") ? {} : (stryCov_9fa48("2372"), {
      sections,
      problems
    });
  }
}