// @ts-nocheck
// cram/scrut matching of expected transcript lines against actual output, with a unified diff on mismatch.
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
import { globToRegExp, reToRegExp } from '../recipe/console.js';
import type { ExpectedLine } from '../recipe/model.js';

/** One line of an alignment between expected and actual output. */
export type DiffOp = {
  op: 'same';
  expected: ExpectedLine;
  actual: string;
} | {
  op: 'absorbed';
  expected: ExpectedLine;
  actual: string;
} | {
  op: 'del';
  expected: ExpectedLine;
} | {
  op: 'ins';
  actual: string;
  actualIndex: number;
};

/** The outcome of matching one command's output. */
export interface MatchResult {
  ok: boolean;
  ops: DiffOp[];
}

/** Splits captured output into lines, dropping the final newline's empty tail. */
export function outputLines(output: string): string[] {
  if (stryMutAct_9fa48("771")) {
    {}
  } else {
    stryCov_9fa48("771");
    if (stryMutAct_9fa48("774") ? output !== '' : stryMutAct_9fa48("773") ? false : stryMutAct_9fa48("772") ? true : (stryCov_9fa48("772", "773", "774"), output === (stryMutAct_9fa48("775") ? "Stryker was here!" : (stryCov_9fa48("775"), '')))) return stryMutAct_9fa48("776") ? ["Stryker was here"] : (stryCov_9fa48("776"), []);
    const lines = output.replace(/\r\n/g, stryMutAct_9fa48("777") ? "" : (stryCov_9fa48("777"), '\n')).split(stryMutAct_9fa48("778") ? "" : (stryCov_9fa48("778"), '\n'));
    if (stryMutAct_9fa48("781") ? lines[lines.length - 1] !== '' : stryMutAct_9fa48("780") ? false : stryMutAct_9fa48("779") ? true : (stryCov_9fa48("779", "780", "781"), lines[stryMutAct_9fa48("782") ? lines.length + 1 : (stryCov_9fa48("782"), lines.length - 1)] === (stryMutAct_9fa48("783") ? "Stryker was here!" : (stryCov_9fa48("783"), '')))) lines.pop();
    return lines;
  }
}

/** True when one expected line matches one actual line (trailing spaces ignored). */
export function lineMatches(e: ExpectedLine, actual: string): boolean {
  if (stryMutAct_9fa48("784")) {
    {}
  } else {
    stryCov_9fa48("784");
    const a = actual.replace(stryMutAct_9fa48("787") ? /\S+$/ : stryMutAct_9fa48("786") ? /\s$/ : stryMutAct_9fa48("785") ? /\s+/ : (stryCov_9fa48("785", "786", "787"), /\s+$/), stryMutAct_9fa48("788") ? "Stryker was here!" : (stryCov_9fa48("788"), ''));
    switch (e.mode) {
      case stryMutAct_9fa48("790") ? "" : (stryCov_9fa48("790"), 'exact'):
        if (stryMutAct_9fa48("789")) {} else {
          stryCov_9fa48("789");
          return stryMutAct_9fa48("793") ? e.text.replace(/\s+$/, '') !== a : stryMutAct_9fa48("792") ? false : stryMutAct_9fa48("791") ? true : (stryCov_9fa48("791", "792", "793"), e.text.replace(stryMutAct_9fa48("796") ? /\S+$/ : stryMutAct_9fa48("795") ? /\s$/ : stryMutAct_9fa48("794") ? /\s+/ : (stryCov_9fa48("794", "795", "796"), /\s+$/), stryMutAct_9fa48("797") ? "Stryker was here!" : (stryCov_9fa48("797"), '')) === a);
        }
      case stryMutAct_9fa48("799") ? "" : (stryCov_9fa48("799"), 'any'):
        if (stryMutAct_9fa48("798")) {} else {
          stryCov_9fa48("798");
          return stryMutAct_9fa48("800") ? false : (stryCov_9fa48("800"), true);
        }
      case stryMutAct_9fa48("802") ? "" : (stryCov_9fa48("802"), 're'):
        if (stryMutAct_9fa48("801")) {} else {
          stryCov_9fa48("801");
          try {
            if (stryMutAct_9fa48("803")) {
              {}
            } else {
              stryCov_9fa48("803");
              return reToRegExp(e.pattern!).test(a);
            }
          } catch {
            if (stryMutAct_9fa48("804")) {
              {}
            } else {
              stryCov_9fa48("804");
              return stryMutAct_9fa48("805") ? true : (stryCov_9fa48("805"), false);
            }
          }
        }
      case stryMutAct_9fa48("807") ? "" : (stryCov_9fa48("807"), 'glob'):
        if (stryMutAct_9fa48("806")) {} else {
          stryCov_9fa48("806");
          return globToRegExp(e.pattern!).test(a);
        }
    }
  }
}

/** Aligns expected against actual lines with the fewest differences; `...` absorbs any run of lines. */
export function matchLines(expected: ExpectedLine[], actual: string[]): MatchResult {
  if (stryMutAct_9fa48("808")) {
    {}
  } else {
    stryCov_9fa48("808");
    const n = expected.length;
    const m = actual.length;
    const W = stryMutAct_9fa48("809") ? m - 1 : (stryCov_9fa48("809"), m + 1);
    // cost[i*W+j]: fewest differing lines to align expected[i..] with actual[j..].
    const cost = new Int32Array(stryMutAct_9fa48("810") ? (n + 1) / W : (stryCov_9fa48("810"), (stryMutAct_9fa48("811") ? n - 1 : (stryCov_9fa48("811"), n + 1)) * W));
    const memo = new Map<number, boolean>();
    const matches = (i: number, j: number) => {
      if (stryMutAct_9fa48("812")) {
        {}
      } else {
        stryCov_9fa48("812");
        const k = stryMutAct_9fa48("813") ? i * W - j : (stryCov_9fa48("813"), (stryMutAct_9fa48("814") ? i / W : (stryCov_9fa48("814"), i * W)) + j);
        let v = memo.get(k);
        if (stryMutAct_9fa48("817") ? v !== undefined : stryMutAct_9fa48("816") ? false : stryMutAct_9fa48("815") ? true : (stryCov_9fa48("815", "816", "817"), v === undefined)) memo.set(k, v = lineMatches(expected[i]!, actual[j]!));
        return v;
      }
    };
    for (let j = m; stryMutAct_9fa48("820") ? j < 0 : stryMutAct_9fa48("819") ? j > 0 : stryMutAct_9fa48("818") ? false : (stryCov_9fa48("818", "819", "820"), j >= 0); stryMutAct_9fa48("821") ? j++ : (stryCov_9fa48("821"), j--)) cost[stryMutAct_9fa48("822") ? n * W - j : (stryCov_9fa48("822"), (stryMutAct_9fa48("823") ? n / W : (stryCov_9fa48("823"), n * W)) + j)] = stryMutAct_9fa48("824") ? m + j : (stryCov_9fa48("824"), m - j);
    for (let i = stryMutAct_9fa48("825") ? n + 1 : (stryCov_9fa48("825"), n - 1); stryMutAct_9fa48("828") ? i < 0 : stryMutAct_9fa48("827") ? i > 0 : stryMutAct_9fa48("826") ? false : (stryCov_9fa48("826", "827", "828"), i >= 0); stryMutAct_9fa48("829") ? i++ : (stryCov_9fa48("829"), i--)) {
      if (stryMutAct_9fa48("830")) {
        {}
      } else {
        stryCov_9fa48("830");
        const any = stryMutAct_9fa48("833") ? expected[i]!.mode !== 'any' : stryMutAct_9fa48("832") ? false : stryMutAct_9fa48("831") ? true : (stryCov_9fa48("831", "832", "833"), expected[i]!.mode === (stryMutAct_9fa48("834") ? "" : (stryCov_9fa48("834"), 'any')));
        cost[stryMutAct_9fa48("835") ? i * W - m : (stryCov_9fa48("835"), (stryMutAct_9fa48("836") ? i / W : (stryCov_9fa48("836"), i * W)) + m)] = stryMutAct_9fa48("837") ? cost[(i + 1) * W + m]! - (any ? 0 : 1) : (stryCov_9fa48("837"), cost[stryMutAct_9fa48("838") ? (i + 1) * W - m : (stryCov_9fa48("838"), (stryMutAct_9fa48("839") ? (i + 1) / W : (stryCov_9fa48("839"), (stryMutAct_9fa48("840") ? i - 1 : (stryCov_9fa48("840"), i + 1)) * W)) + m)]! + (any ? 0 : 1));
        for (let j = stryMutAct_9fa48("841") ? m + 1 : (stryCov_9fa48("841"), m - 1); stryMutAct_9fa48("844") ? j < 0 : stryMutAct_9fa48("843") ? j > 0 : stryMutAct_9fa48("842") ? false : (stryCov_9fa48("842", "843", "844"), j >= 0); stryMutAct_9fa48("845") ? j++ : (stryCov_9fa48("845"), j--)) {
          if (stryMutAct_9fa48("846")) {
            {}
          } else {
            stryCov_9fa48("846");
            if (stryMutAct_9fa48("848") ? false : stryMutAct_9fa48("847") ? true : (stryCov_9fa48("847", "848"), any)) {
              if (stryMutAct_9fa48("849")) {
                {}
              } else {
                stryCov_9fa48("849");
                cost[stryMutAct_9fa48("850") ? i * W - j : (stryCov_9fa48("850"), (stryMutAct_9fa48("851") ? i / W : (stryCov_9fa48("851"), i * W)) + j)] = stryMutAct_9fa48("852") ? Math.max(cost[(i + 1) * W + j]!, cost[i * W + j + 1]!) : (stryCov_9fa48("852"), Math.min(cost[stryMutAct_9fa48("853") ? (i + 1) * W - j : (stryCov_9fa48("853"), (stryMutAct_9fa48("854") ? (i + 1) / W : (stryCov_9fa48("854"), (stryMutAct_9fa48("855") ? i - 1 : (stryCov_9fa48("855"), i + 1)) * W)) + j)]!, cost[stryMutAct_9fa48("856") ? i * W + j - 1 : (stryCov_9fa48("856"), (stryMutAct_9fa48("857") ? i * W - j : (stryCov_9fa48("857"), (stryMutAct_9fa48("858") ? i / W : (stryCov_9fa48("858"), i * W)) + j)) + 1)]!));
              }
            } else {
              if (stryMutAct_9fa48("859")) {
                {}
              } else {
                stryCov_9fa48("859");
                let best = stryMutAct_9fa48("860") ? Math.max(1 + cost[(i + 1) * W + j]!, 1 + cost[i * W + j + 1]!) : (stryCov_9fa48("860"), Math.min(stryMutAct_9fa48("861") ? 1 - cost[(i + 1) * W + j]! : (stryCov_9fa48("861"), 1 + cost[stryMutAct_9fa48("862") ? (i + 1) * W - j : (stryCov_9fa48("862"), (stryMutAct_9fa48("863") ? (i + 1) / W : (stryCov_9fa48("863"), (stryMutAct_9fa48("864") ? i - 1 : (stryCov_9fa48("864"), i + 1)) * W)) + j)]!), stryMutAct_9fa48("865") ? 1 - cost[i * W + j + 1]! : (stryCov_9fa48("865"), 1 + cost[stryMutAct_9fa48("866") ? i * W + j - 1 : (stryCov_9fa48("866"), (stryMutAct_9fa48("867") ? i * W - j : (stryCov_9fa48("867"), (stryMutAct_9fa48("868") ? i / W : (stryCov_9fa48("868"), i * W)) + j)) + 1)]!)));
                if (stryMutAct_9fa48("870") ? false : stryMutAct_9fa48("869") ? true : (stryCov_9fa48("869", "870"), matches(i, j))) best = stryMutAct_9fa48("871") ? Math.max(best, cost[(i + 1) * W + j + 1]!) : (stryCov_9fa48("871"), Math.min(best, cost[stryMutAct_9fa48("872") ? (i + 1) * W + j - 1 : (stryCov_9fa48("872"), (stryMutAct_9fa48("873") ? (i + 1) * W - j : (stryCov_9fa48("873"), (stryMutAct_9fa48("874") ? (i + 1) / W : (stryCov_9fa48("874"), (stryMutAct_9fa48("875") ? i - 1 : (stryCov_9fa48("875"), i + 1)) * W)) + j)) + 1)]!));
                cost[stryMutAct_9fa48("876") ? i * W - j : (stryCov_9fa48("876"), (stryMutAct_9fa48("877") ? i / W : (stryCov_9fa48("877"), i * W)) + j)] = best;
              }
            }
          }
        }
      }
    }
    const ops: DiffOp[] = stryMutAct_9fa48("878") ? ["Stryker was here"] : (stryCov_9fa48("878"), []);
    let i = 0;
    let j = 0;
    while (stryMutAct_9fa48("880") ? i < n && j < m : stryMutAct_9fa48("879") ? false : (stryCov_9fa48("879", "880"), (stryMutAct_9fa48("883") ? i >= n : stryMutAct_9fa48("882") ? i <= n : stryMutAct_9fa48("881") ? false : (stryCov_9fa48("881", "882", "883"), i < n)) || (stryMutAct_9fa48("886") ? j >= m : stryMutAct_9fa48("885") ? j <= m : stryMutAct_9fa48("884") ? false : (stryCov_9fa48("884", "885", "886"), j < m)))) {
      if (stryMutAct_9fa48("887")) {
        {}
      } else {
        stryCov_9fa48("887");
        const here = cost[stryMutAct_9fa48("888") ? i * W - j : (stryCov_9fa48("888"), (stryMutAct_9fa48("889") ? i / W : (stryCov_9fa48("889"), i * W)) + j)]!;
        if (stryMutAct_9fa48("892") ? i !== n : stryMutAct_9fa48("891") ? false : stryMutAct_9fa48("890") ? true : (stryCov_9fa48("890", "891", "892"), i === n)) {
          if (stryMutAct_9fa48("893")) {
            {}
          } else {
            stryCov_9fa48("893");
            ops.push(stryMutAct_9fa48("894") ? {} : (stryCov_9fa48("894"), {
              op: stryMutAct_9fa48("895") ? "" : (stryCov_9fa48("895"), 'ins'),
              actual: actual[j]!,
              actualIndex: j
            }));
            stryMutAct_9fa48("896") ? j-- : (stryCov_9fa48("896"), j++);
          }
        } else if (stryMutAct_9fa48("899") ? expected[i]!.mode !== 'any' : stryMutAct_9fa48("898") ? false : stryMutAct_9fa48("897") ? true : (stryCov_9fa48("897", "898", "899"), expected[i]!.mode === (stryMutAct_9fa48("900") ? "" : (stryCov_9fa48("900"), 'any')))) {
          if (stryMutAct_9fa48("901")) {
            {}
          } else {
            stryCov_9fa48("901");
            if (stryMutAct_9fa48("904") ? j < m || cost[i * W + j + 1] === here : stryMutAct_9fa48("903") ? false : stryMutAct_9fa48("902") ? true : (stryCov_9fa48("902", "903", "904"), (stryMutAct_9fa48("907") ? j >= m : stryMutAct_9fa48("906") ? j <= m : stryMutAct_9fa48("905") ? true : (stryCov_9fa48("905", "906", "907"), j < m)) && (stryMutAct_9fa48("909") ? cost[i * W + j + 1] !== here : stryMutAct_9fa48("908") ? true : (stryCov_9fa48("908", "909"), cost[stryMutAct_9fa48("910") ? i * W + j - 1 : (stryCov_9fa48("910"), (stryMutAct_9fa48("911") ? i * W - j : (stryCov_9fa48("911"), (stryMutAct_9fa48("912") ? i / W : (stryCov_9fa48("912"), i * W)) + j)) + 1)] === here)))) {
              if (stryMutAct_9fa48("913")) {
                {}
              } else {
                stryCov_9fa48("913");
                ops.push(stryMutAct_9fa48("914") ? {} : (stryCov_9fa48("914"), {
                  op: stryMutAct_9fa48("915") ? "" : (stryCov_9fa48("915"), 'absorbed'),
                  expected: expected[i]!,
                  actual: actual[j]!
                }));
                stryMutAct_9fa48("916") ? j-- : (stryCov_9fa48("916"), j++);
              }
            } else stryMutAct_9fa48("917") ? i-- : (stryCov_9fa48("917"), i++);
          }
        } else if (stryMutAct_9fa48("920") ? j < m && matches(i, j) || cost[(i + 1) * W + j + 1] === here : stryMutAct_9fa48("919") ? false : stryMutAct_9fa48("918") ? true : (stryCov_9fa48("918", "919", "920"), (stryMutAct_9fa48("922") ? j < m || matches(i, j) : stryMutAct_9fa48("921") ? true : (stryCov_9fa48("921", "922"), (stryMutAct_9fa48("925") ? j >= m : stryMutAct_9fa48("924") ? j <= m : stryMutAct_9fa48("923") ? true : (stryCov_9fa48("923", "924", "925"), j < m)) && matches(i, j))) && (stryMutAct_9fa48("927") ? cost[(i + 1) * W + j + 1] !== here : stryMutAct_9fa48("926") ? true : (stryCov_9fa48("926", "927"), cost[stryMutAct_9fa48("928") ? (i + 1) * W + j - 1 : (stryCov_9fa48("928"), (stryMutAct_9fa48("929") ? (i + 1) * W - j : (stryCov_9fa48("929"), (stryMutAct_9fa48("930") ? (i + 1) / W : (stryCov_9fa48("930"), (stryMutAct_9fa48("931") ? i - 1 : (stryCov_9fa48("931"), i + 1)) * W)) + j)) + 1)] === here)))) {
          if (stryMutAct_9fa48("932")) {
            {}
          } else {
            stryCov_9fa48("932");
            ops.push(stryMutAct_9fa48("933") ? {} : (stryCov_9fa48("933"), {
              op: stryMutAct_9fa48("934") ? "" : (stryCov_9fa48("934"), 'same'),
              expected: expected[i]!,
              actual: actual[j]!
            }));
            stryMutAct_9fa48("935") ? i-- : (stryCov_9fa48("935"), i++);
            stryMutAct_9fa48("936") ? j-- : (stryCov_9fa48("936"), j++);
          }
        } else if (stryMutAct_9fa48("939") ? cost[(i + 1) * W + j] !== here - 1 : stryMutAct_9fa48("938") ? false : stryMutAct_9fa48("937") ? true : (stryCov_9fa48("937", "938", "939"), cost[stryMutAct_9fa48("940") ? (i + 1) * W - j : (stryCov_9fa48("940"), (stryMutAct_9fa48("941") ? (i + 1) / W : (stryCov_9fa48("941"), (stryMutAct_9fa48("942") ? i - 1 : (stryCov_9fa48("942"), i + 1)) * W)) + j)] === (stryMutAct_9fa48("943") ? here + 1 : (stryCov_9fa48("943"), here - 1)))) {
          if (stryMutAct_9fa48("944")) {
            {}
          } else {
            stryCov_9fa48("944");
            ops.push(stryMutAct_9fa48("945") ? {} : (stryCov_9fa48("945"), {
              op: stryMutAct_9fa48("946") ? "" : (stryCov_9fa48("946"), 'del'),
              expected: expected[i]!
            }));
            stryMutAct_9fa48("947") ? i-- : (stryCov_9fa48("947"), i++);
          }
        } else {
          if (stryMutAct_9fa48("948")) {
            {}
          } else {
            stryCov_9fa48("948");
            ops.push(stryMutAct_9fa48("949") ? {} : (stryCov_9fa48("949"), {
              op: stryMutAct_9fa48("950") ? "" : (stryCov_9fa48("950"), 'ins'),
              actual: actual[j]!,
              actualIndex: j
            }));
            stryMutAct_9fa48("951") ? j-- : (stryCov_9fa48("951"), j++);
          }
        }
      }
    }
    return stryMutAct_9fa48("952") ? {} : (stryCov_9fa48("952"), {
      ok: stryMutAct_9fa48("955") ? cost[0] !== 0 : stryMutAct_9fa48("954") ? false : stryMutAct_9fa48("953") ? true : (stryCov_9fa48("953", "954", "955"), cost[0] === 0),
      ops
    });
  }
}

/** Renders a unified diff of an alignment; `-` lines carry their recipe line numbers in the hunk headers. */
export function unifiedDiff(ops: DiffOp[], opts: {
  path: string;
  title?: string;
  context?: number;
}): string {
  if (stryMutAct_9fa48("956")) {
    {}
  } else {
    stryCov_9fa48("956");
    const context = stryMutAct_9fa48("957") ? opts.context && 3 : (stryCov_9fa48("957"), opts.context ?? 3);
    const changed = ops.map(stryMutAct_9fa48("958") ? () => undefined : (stryCov_9fa48("958"), o => stryMutAct_9fa48("961") ? o.op === 'del' && o.op === 'ins' : stryMutAct_9fa48("960") ? false : stryMutAct_9fa48("959") ? true : (stryCov_9fa48("959", "960", "961"), (stryMutAct_9fa48("963") ? o.op !== 'del' : stryMutAct_9fa48("962") ? false : (stryCov_9fa48("962", "963"), o.op === (stryMutAct_9fa48("964") ? "" : (stryCov_9fa48("964"), 'del')))) || (stryMutAct_9fa48("966") ? o.op !== 'ins' : stryMutAct_9fa48("965") ? false : (stryCov_9fa48("965", "966"), o.op === (stryMutAct_9fa48("967") ? "" : (stryCov_9fa48("967"), 'ins')))))));
    if (stryMutAct_9fa48("970") ? false : stryMutAct_9fa48("969") ? true : stryMutAct_9fa48("968") ? changed.includes(true) : (stryCov_9fa48("968", "969", "970"), !changed.includes(stryMutAct_9fa48("971") ? false : (stryCov_9fa48("971"), true)))) return stryMutAct_9fa48("972") ? "Stryker was here!" : (stryCov_9fa48("972"), '');
    const out = stryMutAct_9fa48("973") ? [] : (stryCov_9fa48("973"), [stryMutAct_9fa48("974") ? `` : (stryCov_9fa48("974"), `--- expected ${opts.path}${opts.title ? stryMutAct_9fa48("975") ? `` : (stryCov_9fa48("975"), ` (${opts.title})`) : stryMutAct_9fa48("976") ? "Stryker was here!" : (stryCov_9fa48("976"), '')}`), stryMutAct_9fa48("977") ? "" : (stryCov_9fa48("977"), '+++ actual output')]);
    // Running positions: expected recipe line and actual output line (1-based) before each op.
    let eLine = 0;
    let aLine = 1;
    const pos = ops.map(o => {
      if (stryMutAct_9fa48("978")) {
        {}
      } else {
        stryCov_9fa48("978");
        if (stryMutAct_9fa48("980") ? false : stryMutAct_9fa48("979") ? true : (stryCov_9fa48("979", "980"), (stryMutAct_9fa48("981") ? "" : (stryCov_9fa48("981"), 'expected')) in o)) eLine = o.expected.line;
        const here = stryMutAct_9fa48("982") ? {} : (stryCov_9fa48("982"), {
          e: eLine,
          a: aLine
        });
        if (stryMutAct_9fa48("985") ? o.op === 'del' : stryMutAct_9fa48("984") ? false : stryMutAct_9fa48("983") ? true : (stryCov_9fa48("983", "984", "985"), o.op !== (stryMutAct_9fa48("986") ? "" : (stryCov_9fa48("986"), 'del')))) stryMutAct_9fa48("987") ? aLine-- : (stryCov_9fa48("987"), aLine++);
        return here;
      }
    });
    let k = 0;
    while (stryMutAct_9fa48("990") ? k >= ops.length : stryMutAct_9fa48("989") ? k <= ops.length : stryMutAct_9fa48("988") ? false : (stryCov_9fa48("988", "989", "990"), k < ops.length)) {
      if (stryMutAct_9fa48("991")) {
        {}
      } else {
        stryCov_9fa48("991");
        if (stryMutAct_9fa48("994") ? false : stryMutAct_9fa48("993") ? true : stryMutAct_9fa48("992") ? changed[k] : (stryCov_9fa48("992", "993", "994"), !changed[k])) {
          if (stryMutAct_9fa48("995")) {
            {}
          } else {
            stryCov_9fa48("995");
            stryMutAct_9fa48("996") ? k-- : (stryCov_9fa48("996"), k++);
            continue;
          }
        }
        const start = stryMutAct_9fa48("997") ? Math.min(0, k - context) : (stryCov_9fa48("997"), Math.max(0, stryMutAct_9fa48("998") ? k + context : (stryCov_9fa48("998"), k - context)));
        let end = k;
        let lastChange = k;
        while (stryMutAct_9fa48("1000") ? end < ops.length || end - lastChange <= context * 2 : stryMutAct_9fa48("999") ? false : (stryCov_9fa48("999", "1000"), (stryMutAct_9fa48("1003") ? end >= ops.length : stryMutAct_9fa48("1002") ? end <= ops.length : stryMutAct_9fa48("1001") ? true : (stryCov_9fa48("1001", "1002", "1003"), end < ops.length)) && (stryMutAct_9fa48("1006") ? end - lastChange > context * 2 : stryMutAct_9fa48("1005") ? end - lastChange < context * 2 : stryMutAct_9fa48("1004") ? true : (stryCov_9fa48("1004", "1005", "1006"), (stryMutAct_9fa48("1007") ? end + lastChange : (stryCov_9fa48("1007"), end - lastChange)) <= (stryMutAct_9fa48("1008") ? context / 2 : (stryCov_9fa48("1008"), context * 2)))))) {
          if (stryMutAct_9fa48("1009")) {
            {}
          } else {
            stryCov_9fa48("1009");
            if (stryMutAct_9fa48("1011") ? false : stryMutAct_9fa48("1010") ? true : (stryCov_9fa48("1010", "1011"), changed[end])) lastChange = end;
            stryMutAct_9fa48("1012") ? end-- : (stryCov_9fa48("1012"), end++);
          }
        }
        end = stryMutAct_9fa48("1013") ? Math.max(ops.length, lastChange + context + 1) : (stryCov_9fa48("1013"), Math.min(ops.length, stryMutAct_9fa48("1014") ? lastChange + context - 1 : (stryCov_9fa48("1014"), (stryMutAct_9fa48("1015") ? lastChange - context : (stryCov_9fa48("1015"), lastChange + context)) + 1)));
        const slice = stryMutAct_9fa48("1016") ? ops : (stryCov_9fa48("1016"), ops.slice(start, end));
        const eCount = new Set(stryMutAct_9fa48("1017") ? slice.map(o => (o as {
          expected: ExpectedLine;
        }).expected.line) : (stryCov_9fa48("1017"), slice.filter(stryMutAct_9fa48("1018") ? () => undefined : (stryCov_9fa48("1018"), o => stryMutAct_9fa48("1021") ? o.op === 'ins' : stryMutAct_9fa48("1020") ? false : stryMutAct_9fa48("1019") ? true : (stryCov_9fa48("1019", "1020", "1021"), o.op !== (stryMutAct_9fa48("1022") ? "" : (stryCov_9fa48("1022"), 'ins'))))).map(stryMutAct_9fa48("1023") ? () => undefined : (stryCov_9fa48("1023"), o => (o as {
          expected: ExpectedLine;
        }).expected.line)))).size;
        const aCount = stryMutAct_9fa48("1024") ? slice.length : (stryCov_9fa48("1024"), slice.filter(stryMutAct_9fa48("1025") ? () => undefined : (stryCov_9fa48("1025"), o => stryMutAct_9fa48("1028") ? o.op === 'del' : stryMutAct_9fa48("1027") ? false : stryMutAct_9fa48("1026") ? true : (stryCov_9fa48("1026", "1027", "1028"), o.op !== (stryMutAct_9fa48("1029") ? "" : (stryCov_9fa48("1029"), 'del'))))).length);
        const firstE = slice.find(o => 'expected' in o) as {
          expected: ExpectedLine;
        } | undefined;
        const eStart = firstE ? firstE.expected.line : stryMutAct_9fa48("1030") ? pos[start]!.e - 1 : (stryCov_9fa48("1030"), pos[start]!.e + 1);
        out.push(stryMutAct_9fa48("1031") ? `` : (stryCov_9fa48("1031"), `@@ -${eStart},${eCount} +${pos[start]!.a},${aCount} @@`));
        for (const o of slice) {
          if (stryMutAct_9fa48("1032")) {
            {}
          } else {
            stryCov_9fa48("1032");
            if (stryMutAct_9fa48("1035") ? o.op !== 'same' : stryMutAct_9fa48("1034") ? false : stryMutAct_9fa48("1033") ? true : (stryCov_9fa48("1033", "1034", "1035"), o.op === (stryMutAct_9fa48("1036") ? "" : (stryCov_9fa48("1036"), 'same')))) out.push(stryMutAct_9fa48("1037") ? `` : (stryCov_9fa48("1037"), ` ${o.expected.text}`));else if (stryMutAct_9fa48("1040") ? o.op !== 'absorbed' : stryMutAct_9fa48("1039") ? false : stryMutAct_9fa48("1038") ? true : (stryCov_9fa48("1038", "1039", "1040"), o.op === (stryMutAct_9fa48("1041") ? "" : (stryCov_9fa48("1041"), 'absorbed')))) out.push(stryMutAct_9fa48("1042") ? `` : (stryCov_9fa48("1042"), ` ${o.actual}`));else if (stryMutAct_9fa48("1045") ? o.op !== 'del' : stryMutAct_9fa48("1044") ? false : stryMutAct_9fa48("1043") ? true : (stryCov_9fa48("1043", "1044", "1045"), o.op === (stryMutAct_9fa48("1046") ? "" : (stryCov_9fa48("1046"), 'del')))) out.push(stryMutAct_9fa48("1047") ? `` : (stryCov_9fa48("1047"), `-${o.expected.text}`));else out.push(stryMutAct_9fa48("1048") ? `` : (stryCov_9fa48("1048"), `+${o.actual}`));
          }
        }
        k = end;
      }
    }
    return out.join(stryMutAct_9fa48("1049") ? "" : (stryCov_9fa48("1049"), '\n'));
  }
}