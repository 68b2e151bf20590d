// @ts-nocheck
// Durations as written in recipes: 500ms, 30s, 2m, 1h (decimals allowed).
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
const UNIT_MS: Record<string, number> = stryMutAct_9fa48("1240") ? {} : (stryCov_9fa48("1240"), {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000
});

/** Milliseconds for a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (stryMutAct_9fa48("1241")) {
    {}
  } else {
    stryCov_9fa48("1241");
    const m = (stryMutAct_9fa48("1248") ? /^(\d+(?:\.\D+)?)(ms|s|m|h)$/ : stryMutAct_9fa48("1247") ? /^(\d+(?:\.\d)?)(ms|s|m|h)$/ : stryMutAct_9fa48("1246") ? /^(\d+(?:\.\d+))(ms|s|m|h)$/ : stryMutAct_9fa48("1245") ? /^(\D+(?:\.\d+)?)(ms|s|m|h)$/ : stryMutAct_9fa48("1244") ? /^(\d(?:\.\d+)?)(ms|s|m|h)$/ : stryMutAct_9fa48("1243") ? /^(\d+(?:\.\d+)?)(ms|s|m|h)/ : stryMutAct_9fa48("1242") ? /(\d+(?:\.\d+)?)(ms|s|m|h)$/ : (stryCov_9fa48("1242", "1243", "1244", "1245", "1246", "1247", "1248"), /^(\d+(?:\.\d+)?)(ms|s|m|h)$/)).exec(stryMutAct_9fa48("1249") ? text : (stryCov_9fa48("1249"), text.trim()));
    if (stryMutAct_9fa48("1252") ? false : stryMutAct_9fa48("1251") ? true : stryMutAct_9fa48("1250") ? m : (stryCov_9fa48("1250", "1251", "1252"), !m)) return undefined;
    const ms = Math.round(stryMutAct_9fa48("1253") ? Number(m[1]) / UNIT_MS[m[2]!]! : (stryCov_9fa48("1253"), Number(m[1]) * UNIT_MS[m[2]!]!));
    return (stryMutAct_9fa48("1256") ? ms > 0 || Number.isFinite(ms) : stryMutAct_9fa48("1255") ? false : stryMutAct_9fa48("1254") ? true : (stryCov_9fa48("1254", "1255", "1256"), (stryMutAct_9fa48("1259") ? ms <= 0 : stryMutAct_9fa48("1258") ? ms >= 0 : stryMutAct_9fa48("1257") ? true : (stryCov_9fa48("1257", "1258", "1259"), ms > 0)) && Number.isFinite(ms))) ? ms : undefined;
  }
}

/** A short human form of a millisecond count: 850ms, 1.2s, 2m05s. */
export function formatDuration(ms: number): string {
  if (stryMutAct_9fa48("1260")) {
    {}
  } else {
    stryCov_9fa48("1260");
    if (stryMutAct_9fa48("1264") ? ms >= 1000 : stryMutAct_9fa48("1263") ? ms <= 1000 : stryMutAct_9fa48("1262") ? false : stryMutAct_9fa48("1261") ? true : (stryCov_9fa48("1261", "1262", "1263", "1264"), ms < 1000)) return stryMutAct_9fa48("1265") ? `` : (stryCov_9fa48("1265"), `${Math.round(ms)}ms`);
    if (stryMutAct_9fa48("1269") ? ms >= 60_000 : stryMutAct_9fa48("1268") ? ms <= 60_000 : stryMutAct_9fa48("1267") ? false : stryMutAct_9fa48("1266") ? true : (stryCov_9fa48("1266", "1267", "1268", "1269"), ms < 60_000)) return stryMutAct_9fa48("1270") ? `` : (stryCov_9fa48("1270"), `${(stryMutAct_9fa48("1271") ? ms * 1000 : (stryCov_9fa48("1271"), ms / 1000)).toFixed(1)}s`);
    const m = Math.floor(stryMutAct_9fa48("1272") ? ms * 60_000 : (stryCov_9fa48("1272"), ms / 60_000));
    const s = Math.round(stryMutAct_9fa48("1273") ? ms % 60_000 * 1000 : (stryCov_9fa48("1273"), (stryMutAct_9fa48("1274") ? ms * 60_000 : (stryCov_9fa48("1274"), ms % 60_000)) / 1000));
    return stryMutAct_9fa48("1275") ? `` : (stryCov_9fa48("1275"), `${m}m${String(s).padStart(2, stryMutAct_9fa48("1276") ? "" : (stryCov_9fa48("1276"), '0'))}s`);
  }
}

/** The message for a value that is not a duration. */
export function badDuration(key: string, value: string): string {
  if (stryMutAct_9fa48("1277")) {
    {}
  } else {
    stryCov_9fa48("1277");
    return stryMutAct_9fa48("1278") ? `` : (stryCov_9fa48("1278"), `bad duration "${value}" for ${key} (use a number and a unit, e.g. 500ms, 30s, 2m)`);
  }
}