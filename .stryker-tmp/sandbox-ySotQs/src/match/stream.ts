// @ts-nocheck
// Transcript matching one actual line at a time (pure): memory bounded by the expected lines, not the output.
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
import type { ExpectedLine } from '../recipe/model.js';
import { lineMatches } from './transcript.js';

/** Where a streamed match stands at the end. */
export interface StreamOutcome {
  ok: boolean;
  /** Actual lines seen. */
  lines: number;
  /** How many expected lines the best partial match covered. */
  reached: number;
  /** The actual line (0-based) at which that best partial match was last extended. */
  reachedAt: number;
}

/**
 * Matches actual lines against expected ones as they arrive, with the same rules as `matchLines`
 * (`...` absorbs any run of lines, including none): the set of expected positions a prefix can reach.
 */
export class StreamMatcher {
  private states: Set<number>;
  private seen = 0;
  private best = 0;
  private bestAt = 0;
  constructor(private readonly expected: readonly ExpectedLine[]) {
    if (stryMutAct_9fa48("733")) {
      {}
    } else {
      stryCov_9fa48("733");
      this.states = this.closure(new Set(stryMutAct_9fa48("734") ? [] : (stryCov_9fa48("734"), [0])));
    }
  }
  private closure(s: Set<number>): Set<number> {
    if (stryMutAct_9fa48("735")) {
      {}
    } else {
      stryCov_9fa48("735");
      const out = new Set<number>();
      for (let i of s) {
        if (stryMutAct_9fa48("736")) {
          {}
        } else {
          stryCov_9fa48("736");
          out.add(i);
          while (stryMutAct_9fa48("738") ? i < this.expected.length || this.expected[i]!.mode === 'any' : stryMutAct_9fa48("737") ? false : (stryCov_9fa48("737", "738"), (stryMutAct_9fa48("741") ? i >= this.expected.length : stryMutAct_9fa48("740") ? i <= this.expected.length : stryMutAct_9fa48("739") ? true : (stryCov_9fa48("739", "740", "741"), i < this.expected.length)) && (stryMutAct_9fa48("743") ? this.expected[i]!.mode !== 'any' : stryMutAct_9fa48("742") ? true : (stryCov_9fa48("742", "743"), this.expected[i]!.mode === (stryMutAct_9fa48("744") ? "" : (stryCov_9fa48("744"), 'any')))))) out.add(stryMutAct_9fa48("745") ? --i : (stryCov_9fa48("745"), ++i));
        }
      }
      return out;
    }
  }

  /** Feeds one actual line; a `cut` line (only its start is known) can be matched by `...` alone. */
  push(line: string, cut = stryMutAct_9fa48("746") ? true : (stryCov_9fa48("746"), false)): void {
    if (stryMutAct_9fa48("747")) {
      {}
    } else {
      stryCov_9fa48("747");
      const next = new Set<number>();
      for (const i of this.states) {
        if (stryMutAct_9fa48("748")) {
          {}
        } else {
          stryCov_9fa48("748");
          if (stryMutAct_9fa48("752") ? i < this.expected.length : stryMutAct_9fa48("751") ? i > this.expected.length : stryMutAct_9fa48("750") ? false : stryMutAct_9fa48("749") ? true : (stryCov_9fa48("749", "750", "751", "752"), i >= this.expected.length)) continue;
          const e = this.expected[i]!;
          if (stryMutAct_9fa48("755") ? e.mode !== 'any' : stryMutAct_9fa48("754") ? false : stryMutAct_9fa48("753") ? true : (stryCov_9fa48("753", "754", "755"), e.mode === (stryMutAct_9fa48("756") ? "" : (stryCov_9fa48("756"), 'any')))) next.add(i);else if (stryMutAct_9fa48("759") ? !cut || lineMatches(e, line) : stryMutAct_9fa48("758") ? false : stryMutAct_9fa48("757") ? true : (stryCov_9fa48("757", "758", "759"), (stryMutAct_9fa48("760") ? cut : (stryCov_9fa48("760"), !cut)) && lineMatches(e, line))) next.add(stryMutAct_9fa48("761") ? i - 1 : (stryCov_9fa48("761"), i + 1));
        }
      }
      this.states = this.closure(next);
      for (const i of this.states) {
        if (stryMutAct_9fa48("762")) {
          {}
        } else {
          stryCov_9fa48("762");
          if (stryMutAct_9fa48("766") ? i <= this.best : stryMutAct_9fa48("765") ? i >= this.best : stryMutAct_9fa48("764") ? false : stryMutAct_9fa48("763") ? true : (stryCov_9fa48("763", "764", "765", "766"), i > this.best)) {
            if (stryMutAct_9fa48("767")) {
              {}
            } else {
              stryCov_9fa48("767");
              this.best = i;
              this.bestAt = this.seen;
            }
          }
        }
      }
      stryMutAct_9fa48("768") ? this.seen-- : (stryCov_9fa48("768"), this.seen++);
    }
  }

  /** The outcome after the last line. */
  finish(): StreamOutcome {
    if (stryMutAct_9fa48("769")) {
      {}
    } else {
      stryCov_9fa48("769");
      return stryMutAct_9fa48("770") ? {} : (stryCov_9fa48("770"), {
        ok: this.states.has(this.expected.length),
        lines: this.seen,
        reached: this.best,
        reachedAt: this.bestAt
      });
    }
  }
}