// @ts-nocheck
// TAP version 14: one test point per step; several recipes become subtests.
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
import type { RecipeResult, StepResult } from './model.js';
import { stepLabel } from './labels.js';
const esc = stryMutAct_9fa48("2125") ? () => undefined : (stryCov_9fa48("2125"), (() => {
  const esc = (s: string) => s.replace(/\\/g, stryMutAct_9fa48("2126") ? "" : (stryCov_9fa48("2126"), '\\\\')).replace(/#/g, stryMutAct_9fa48("2127") ? "" : (stryCov_9fa48("2127"), '\\#')).replace(/\n/g, stryMutAct_9fa48("2128") ? "" : (stryCov_9fa48("2128"), ' '));
  return esc;
})());
function yamlBlock(fields: Record<string, string | number | undefined>, indent: string): string[] {
  if (stryMutAct_9fa48("2129")) {
    {}
  } else {
    stryCov_9fa48("2129");
    const out = stryMutAct_9fa48("2130") ? [] : (stryCov_9fa48("2130"), [stryMutAct_9fa48("2131") ? `` : (stryCov_9fa48("2131"), `${indent}  ---`)]);
    for (let [k, v] of Object.entries(fields)) {
      if (stryMutAct_9fa48("2132")) {
        {}
      } else {
        stryCov_9fa48("2132");
        if (stryMutAct_9fa48("2135") ? v !== undefined : stryMutAct_9fa48("2134") ? false : stryMutAct_9fa48("2133") ? true : (stryCov_9fa48("2133", "2134", "2135"), v === undefined)) continue;
        if (stryMutAct_9fa48("2138") ? typeof v !== 'string' : stryMutAct_9fa48("2137") ? false : stryMutAct_9fa48("2136") ? true : (stryCov_9fa48("2136", "2137", "2138"), typeof v === (stryMutAct_9fa48("2139") ? "" : (stryCov_9fa48("2139"), 'string')))) v = v.replace(stryMutAct_9fa48("2141") ? /\n$/ : stryMutAct_9fa48("2140") ? /\n+/ : (stryCov_9fa48("2140", "2141"), /\n+$/), stryMutAct_9fa48("2142") ? "Stryker was here!" : (stryCov_9fa48("2142"), ''));
        if (stryMutAct_9fa48("2145") ? typeof v !== 'number' : stryMutAct_9fa48("2144") ? false : stryMutAct_9fa48("2143") ? true : (stryCov_9fa48("2143", "2144", "2145"), typeof v === (stryMutAct_9fa48("2146") ? "" : (stryCov_9fa48("2146"), 'number')))) out.push(stryMutAct_9fa48("2147") ? `` : (stryCov_9fa48("2147"), `${indent}  ${k}: ${v}`));else if (stryMutAct_9fa48("2150") ? (v.includes('\n') || v === '') && /^[\s'"[{>|*&!%@`#-]|: |\s$/.test(v) : stryMutAct_9fa48("2149") ? false : stryMutAct_9fa48("2148") ? true : (stryCov_9fa48("2148", "2149", "2150"), (stryMutAct_9fa48("2152") ? v.includes('\n') && v === '' : stryMutAct_9fa48("2151") ? false : (stryCov_9fa48("2151", "2152"), v.includes(stryMutAct_9fa48("2153") ? "" : (stryCov_9fa48("2153"), '\n')) || (stryMutAct_9fa48("2155") ? v !== '' : stryMutAct_9fa48("2154") ? false : (stryCov_9fa48("2154", "2155"), v === (stryMutAct_9fa48("2156") ? "Stryker was here!" : (stryCov_9fa48("2156"), '')))))) || (stryMutAct_9fa48("2161") ? /^[\s'"[{>|*&!%@`#-]|: |\S$/ : stryMutAct_9fa48("2160") ? /^[\s'"[{>|*&!%@`#-]|: |\s/ : stryMutAct_9fa48("2159") ? /^[\S'"[{>|*&!%@`#-]|: |\s$/ : stryMutAct_9fa48("2158") ? /^[^\s'"[{>|*&!%@`#-]|: |\s$/ : stryMutAct_9fa48("2157") ? /[\s'"[{>|*&!%@`#-]|: |\s$/ : (stryCov_9fa48("2157", "2158", "2159", "2160", "2161"), /^[\s'"[{>|*&!%@`#-]|: |\s$/)).test(v))) {
          if (stryMutAct_9fa48("2162")) {
            {}
          } else {
            stryCov_9fa48("2162");
            out.push(stryMutAct_9fa48("2163") ? `` : (stryCov_9fa48("2163"), `${indent}  ${k}: |-`));
            for (const l of v.split(stryMutAct_9fa48("2164") ? "" : (stryCov_9fa48("2164"), '\n'))) out.push(stryMutAct_9fa48("2165") ? `` : (stryCov_9fa48("2165"), `${indent}    ${l}`));
          }
        } else out.push(stryMutAct_9fa48("2166") ? `` : (stryCov_9fa48("2166"), `${indent}  ${k}: ${v}`));
      }
    }
    out.push(stryMutAct_9fa48("2167") ? `` : (stryCov_9fa48("2167"), `${indent}  ...`));
    return out;
  }
}
function point(s: StepResult, n: number, path: string, indent: string): string[] {
  if (stryMutAct_9fa48("2168")) {
    {}
  } else {
    stryCov_9fa48("2168");
    const name = esc(stepLabel(s));
    if (stryMutAct_9fa48("2171") ? s.status !== 'pass' : stryMutAct_9fa48("2170") ? false : stryMutAct_9fa48("2169") ? true : (stryCov_9fa48("2169", "2170", "2171"), s.status === (stryMutAct_9fa48("2172") ? "" : (stryCov_9fa48("2172"), 'pass')))) return stryMutAct_9fa48("2173") ? [] : (stryCov_9fa48("2173"), [stryMutAct_9fa48("2174") ? `` : (stryCov_9fa48("2174"), `${indent}ok ${n} - ${name}`)]);
    if (stryMutAct_9fa48("2177") ? s.status !== 'skip' : stryMutAct_9fa48("2176") ? false : stryMutAct_9fa48("2175") ? true : (stryCov_9fa48("2175", "2176", "2177"), s.status === (stryMutAct_9fa48("2178") ? "" : (stryCov_9fa48("2178"), 'skip')))) return stryMutAct_9fa48("2179") ? [] : (stryCov_9fa48("2179"), [stryMutAct_9fa48("2180") ? `` : (stryCov_9fa48("2180"), `${indent}ok ${n} - ${name} # SKIP ${esc(stryMutAct_9fa48("2181") ? s.reason && 'skipped' : (stryCov_9fa48("2181"), s.reason ?? (stryMutAct_9fa48("2182") ? "" : (stryCov_9fa48("2182"), 'skipped'))))}`)]);
    if (stryMutAct_9fa48("2185") ? s.status !== 'notrun' : stryMutAct_9fa48("2184") ? false : stryMutAct_9fa48("2183") ? true : (stryCov_9fa48("2183", "2184", "2185"), s.status === (stryMutAct_9fa48("2186") ? "" : (stryCov_9fa48("2186"), 'notrun')))) return stryMutAct_9fa48("2187") ? [] : (stryCov_9fa48("2187"), [stryMutAct_9fa48("2188") ? `` : (stryCov_9fa48("2188"), `${indent}ok ${n} - ${name} # SKIP not run: ${esc(stryMutAct_9fa48("2189") ? s.reason && '' : (stryCov_9fa48("2189"), s.reason ?? (stryMutAct_9fa48("2190") ? "Stryker was here!" : (stryCov_9fa48("2190"), ''))))}`)]);
    const f = s.failure;
    return stryMutAct_9fa48("2191") ? [] : (stryCov_9fa48("2191"), [stryMutAct_9fa48("2192") ? `` : (stryCov_9fa48("2192"), `${indent}not ok ${n} - ${name}`), ...yamlBlock(stryMutAct_9fa48("2193") ? {} : (stryCov_9fa48("2193"), {
      message: stryMutAct_9fa48("2194") ? f?.message && 'failed' : (stryCov_9fa48("2194"), (stryMutAct_9fa48("2195") ? f.message : (stryCov_9fa48("2195"), f?.message)) ?? (stryMutAct_9fa48("2196") ? "" : (stryCov_9fa48("2196"), 'failed'))),
      at: stryMutAct_9fa48("2197") ? `` : (stryCov_9fa48("2197"), `${path}:${stryMutAct_9fa48("2198") ? f?.line && s.line : (stryCov_9fa48("2198"), (stryMutAct_9fa48("2199") ? f.line : (stryCov_9fa48("2199"), f?.line)) ?? s.line)}`),
      kind: stryMutAct_9fa48("2200") ? f.kind : (stryCov_9fa48("2200"), f?.kind),
      attempts: s.attempts,
      diff: stryMutAct_9fa48("2201") ? f.diff : (stryCov_9fa48("2201"), f?.diff),
      output: (stryMutAct_9fa48("2202") ? f.diff : (stryCov_9fa48("2202"), f?.diff)) ? undefined : stryMutAct_9fa48("2205") ? s.output && undefined : stryMutAct_9fa48("2204") ? false : stryMutAct_9fa48("2203") ? true : (stryCov_9fa48("2203", "2204", "2205"), s.output || undefined)
    }), indent)]);
  }
}

/** The TAP lines for one recipe's steps at `indent`. */
function recipeLines(r: RecipeResult, indent: string): string[] {
  if (stryMutAct_9fa48("2206")) {
    {}
  } else {
    stryCov_9fa48("2206");
    const out: string[] = stryMutAct_9fa48("2207") ? ["Stryker was here"] : (stryCov_9fa48("2207"), []);
    if (stryMutAct_9fa48("2210") ? (r.status === 'skip' || r.status === 'unrunnable') && r.status === 'notrun' : stryMutAct_9fa48("2209") ? false : stryMutAct_9fa48("2208") ? true : (stryCov_9fa48("2208", "2209", "2210"), (stryMutAct_9fa48("2212") ? r.status === 'skip' && r.status === 'unrunnable' : stryMutAct_9fa48("2211") ? false : (stryCov_9fa48("2211", "2212"), (stryMutAct_9fa48("2214") ? r.status !== 'skip' : stryMutAct_9fa48("2213") ? false : (stryCov_9fa48("2213", "2214"), r.status === (stryMutAct_9fa48("2215") ? "" : (stryCov_9fa48("2215"), 'skip')))) || (stryMutAct_9fa48("2217") ? r.status !== 'unrunnable' : stryMutAct_9fa48("2216") ? false : (stryCov_9fa48("2216", "2217"), r.status === (stryMutAct_9fa48("2218") ? "" : (stryCov_9fa48("2218"), 'unrunnable')))))) || (stryMutAct_9fa48("2220") ? r.status !== 'notrun' : stryMutAct_9fa48("2219") ? false : (stryCov_9fa48("2219", "2220"), r.status === (stryMutAct_9fa48("2221") ? "" : (stryCov_9fa48("2221"), 'notrun')))))) {
      if (stryMutAct_9fa48("2222")) {
        {}
      } else {
        stryCov_9fa48("2222");
        if (stryMutAct_9fa48("2225") ? r.steps.some(s => s.status !== 'pass' && s.status !== 'fail') : stryMutAct_9fa48("2224") ? false : stryMutAct_9fa48("2223") ? true : (stryCov_9fa48("2223", "2224", "2225"), r.steps.every(stryMutAct_9fa48("2226") ? () => undefined : (stryCov_9fa48("2226"), s => stryMutAct_9fa48("2229") ? s.status !== 'pass' || s.status !== 'fail' : stryMutAct_9fa48("2228") ? false : stryMutAct_9fa48("2227") ? true : (stryCov_9fa48("2227", "2228", "2229"), (stryMutAct_9fa48("2231") ? s.status === 'pass' : stryMutAct_9fa48("2230") ? true : (stryCov_9fa48("2230", "2231"), s.status !== (stryMutAct_9fa48("2232") ? "" : (stryCov_9fa48("2232"), 'pass')))) && (stryMutAct_9fa48("2234") ? s.status === 'fail' : stryMutAct_9fa48("2233") ? true : (stryCov_9fa48("2233", "2234"), s.status !== (stryMutAct_9fa48("2235") ? "" : (stryCov_9fa48("2235"), 'fail'))))))))) {
          if (stryMutAct_9fa48("2236")) {
            {}
          } else {
            stryCov_9fa48("2236");
            out.push(stryMutAct_9fa48("2237") ? `` : (stryCov_9fa48("2237"), `${indent}1..0 # SKIP ${esc(stryMutAct_9fa48("2238") ? r.reason && r.status : (stryCov_9fa48("2238"), r.reason ?? r.status))}`));
            return out;
          }
        }
      }
    }
    out.push(stryMutAct_9fa48("2239") ? `` : (stryCov_9fa48("2239"), `${indent}1..${r.steps.length}`));
    r.steps.forEach(stryMutAct_9fa48("2240") ? () => undefined : (stryCov_9fa48("2240"), (s, k) => out.push(...point(s, stryMutAct_9fa48("2241") ? k - 1 : (stryCov_9fa48("2241"), k + 1), r.path, indent))));
    return out;
  }
}

/** A TAP document for one recipe (the `--out` file). */
export function tapForRecipe(r: RecipeResult): string {
  if (stryMutAct_9fa48("2242")) {
    {}
  } else {
    stryCov_9fa48("2242");
    return (stryMutAct_9fa48("2243") ? [] : (stryCov_9fa48("2243"), [stryMutAct_9fa48("2244") ? "" : (stryCov_9fa48("2244"), 'TAP version 14'), stryMutAct_9fa48("2245") ? `` : (stryCov_9fa48("2245"), `# ${r.path}${r.title ? stryMutAct_9fa48("2246") ? `` : (stryCov_9fa48("2246"), ` - ${esc(r.title)}`) : stryMutAct_9fa48("2247") ? "Stryker was here!" : (stryCov_9fa48("2247"), '')}`), ...recipeLines(r, stryMutAct_9fa48("2248") ? "Stryker was here!" : (stryCov_9fa48("2248"), ''))])).join(stryMutAct_9fa48("2249") ? "" : (stryCov_9fa48("2249"), '\n')) + (stryMutAct_9fa48("2250") ? "" : (stryCov_9fa48("2250"), '\n'));
  }
}

/** A TAP document for a whole run: one subtest per recipe. */
export function tapForRun(results: RecipeResult[]): string {
  if (stryMutAct_9fa48("2251")) {
    {}
  } else {
    stryCov_9fa48("2251");
    const out = stryMutAct_9fa48("2252") ? [] : (stryCov_9fa48("2252"), [stryMutAct_9fa48("2253") ? "" : (stryCov_9fa48("2253"), 'TAP version 14')]);
    results.forEach((r, k) => {
      if (stryMutAct_9fa48("2254")) {
        {}
      } else {
        stryCov_9fa48("2254");
        out.push(stryMutAct_9fa48("2255") ? `` : (stryCov_9fa48("2255"), `# Subtest: ${r.path}`));
        out.push(...recipeLines(r, stryMutAct_9fa48("2256") ? "" : (stryCov_9fa48("2256"), '    ')));
        const failed = stryMutAct_9fa48("2259") ? r.status === 'fail' && r.status === 'interrupted' : stryMutAct_9fa48("2258") ? false : stryMutAct_9fa48("2257") ? true : (stryCov_9fa48("2257", "2258", "2259"), (stryMutAct_9fa48("2261") ? r.status !== 'fail' : stryMutAct_9fa48("2260") ? false : (stryCov_9fa48("2260", "2261"), r.status === (stryMutAct_9fa48("2262") ? "" : (stryCov_9fa48("2262"), 'fail')))) || (stryMutAct_9fa48("2264") ? r.status !== 'interrupted' : stryMutAct_9fa48("2263") ? false : (stryCov_9fa48("2263", "2264"), r.status === (stryMutAct_9fa48("2265") ? "" : (stryCov_9fa48("2265"), 'interrupted')))));
        const skip = (stryMutAct_9fa48("2268") ? (r.status === 'skip' || r.status === 'unrunnable') && r.status === 'notrun' : stryMutAct_9fa48("2267") ? false : stryMutAct_9fa48("2266") ? true : (stryCov_9fa48("2266", "2267", "2268"), (stryMutAct_9fa48("2270") ? r.status === 'skip' && r.status === 'unrunnable' : stryMutAct_9fa48("2269") ? false : (stryCov_9fa48("2269", "2270"), (stryMutAct_9fa48("2272") ? r.status !== 'skip' : stryMutAct_9fa48("2271") ? false : (stryCov_9fa48("2271", "2272"), r.status === (stryMutAct_9fa48("2273") ? "" : (stryCov_9fa48("2273"), 'skip')))) || (stryMutAct_9fa48("2275") ? r.status !== 'unrunnable' : stryMutAct_9fa48("2274") ? false : (stryCov_9fa48("2274", "2275"), r.status === (stryMutAct_9fa48("2276") ? "" : (stryCov_9fa48("2276"), 'unrunnable')))))) || (stryMutAct_9fa48("2278") ? r.status !== 'notrun' : stryMutAct_9fa48("2277") ? false : (stryCov_9fa48("2277", "2278"), r.status === (stryMutAct_9fa48("2279") ? "" : (stryCov_9fa48("2279"), 'notrun')))))) ? stryMutAct_9fa48("2280") ? `` : (stryCov_9fa48("2280"), ` # SKIP ${esc(stryMutAct_9fa48("2281") ? r.reason && r.status : (stryCov_9fa48("2281"), r.reason ?? r.status))}`) : stryMutAct_9fa48("2282") ? "Stryker was here!" : (stryCov_9fa48("2282"), '');
        out.push(stryMutAct_9fa48("2283") ? `` : (stryCov_9fa48("2283"), `${failed ? stryMutAct_9fa48("2284") ? "" : (stryCov_9fa48("2284"), 'not ok') : stryMutAct_9fa48("2285") ? "" : (stryCov_9fa48("2285"), 'ok')} ${stryMutAct_9fa48("2286") ? k - 1 : (stryCov_9fa48("2286"), k + 1)} - ${esc(r.path)}${skip}`));
      }
    });
    out.push(stryMutAct_9fa48("2287") ? `` : (stryCov_9fa48("2287"), `1..${results.length}`));
    return out.join(stryMutAct_9fa48("2288") ? "" : (stryCov_9fa48("2288"), '\n')) + (stryMutAct_9fa48("2289") ? "" : (stryCov_9fa48("2289"), '\n'));
  }
}