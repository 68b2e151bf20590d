// @ts-nocheck
// Front matter: split it from the Markdown, parse the YAML, validate it with zod, locate every problem.
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
export const DEFAULT_RECIPE_TIMEOUT_MS = stryMutAct_9fa48("1279") ? 10 / 60_000 : (stryCov_9fa48("1279"), 10 * 60_000);
const schemas: Record<(typeof FRONT_MATTER_KEYS)[number], z.ZodType> = stryMutAct_9fa48("1280") ? {} : (stryCov_9fa48("1280"), {
  title: stryMutAct_9fa48("1281") ? z.string().max(1, 'must not be empty') : (stryCov_9fa48("1281"), z.string().min(1, stryMutAct_9fa48("1282") ? "" : (stryCov_9fa48("1282"), 'must not be empty'))),
  summary: stryMutAct_9fa48("1283") ? z.string().max(1, 'must not be empty') : (stryCov_9fa48("1283"), z.string().min(1, stryMutAct_9fa48("1284") ? "" : (stryCov_9fa48("1284"), 'must not be empty'))),
  format: z.literal(1, stryMutAct_9fa48("1285") ? {} : (stryCov_9fa48("1285"), {
    error: stryMutAct_9fa48("1286") ? "" : (stryCov_9fa48("1286"), 'must be 1 (this runner reads recipe format version 1)')
  })),
  engines: stryMutAct_9fa48("1287") ? z.array(z.string(), {
    error: 'must be a list, e.g. [linux, freebsd]'
  }).max(1, 'must name at least one engine') : (stryCov_9fa48("1287"), z.array(z.string(), stryMutAct_9fa48("1288") ? {} : (stryCov_9fa48("1288"), {
    error: stryMutAct_9fa48("1289") ? "" : (stryCov_9fa48("1289"), 'must be a list, e.g. [linux, freebsd]')
  })).min(1, stryMutAct_9fa48("1290") ? "" : (stryCov_9fa48("1290"), 'must name at least one engine'))),
  needs: z.array(z.string(), stryMutAct_9fa48("1291") ? {} : (stryCov_9fa48("1291"), {
    error: stryMutAct_9fa48("1292") ? "" : (stryCov_9fa48("1292"), 'must be a list, e.g. [dnsmasq, busybox]')
  })),
  timeout: z.string(stryMutAct_9fa48("1293") ? {} : (stryCov_9fa48("1293"), {
    error: stryMutAct_9fa48("1294") ? "" : (stryCov_9fa48("1294"), 'must be a duration such as 5m')
  })),
  tags: z.array(z.string().regex(stryMutAct_9fa48("1299") ? /^[A-Za-z0-9][^A-Za-z0-9_.-]*$/ : stryMutAct_9fa48("1298") ? /^[A-Za-z0-9][A-Za-z0-9_.-]$/ : stryMutAct_9fa48("1297") ? /^[^A-Za-z0-9][A-Za-z0-9_.-]*$/ : stryMutAct_9fa48("1296") ? /^[A-Za-z0-9][A-Za-z0-9_.-]*/ : stryMutAct_9fa48("1295") ? /[A-Za-z0-9][A-Za-z0-9_.-]*$/ : (stryCov_9fa48("1295", "1296", "1297", "1298", "1299"), /^[A-Za-z0-9][A-Za-z0-9_.-]*$/), stryMutAct_9fa48("1300") ? "" : (stryCov_9fa48("1300"), 'must be words of letters, digits, "_", "." and "-"')), stryMutAct_9fa48("1301") ? {} : (stryCov_9fa48("1301"), {
    error: stryMutAct_9fa48("1302") ? "" : (stryCov_9fa48("1302"), 'must be a list, e.g. [dns, dhcp]')
  }))
});

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
  if (stryMutAct_9fa48("1303")) {
    {}
  } else {
    stryCov_9fa48("1303");
    const lines = source.split(stryMutAct_9fa48("1304") ? "" : (stryCov_9fa48("1304"), '\n'));
    if (stryMutAct_9fa48("1307") ? lines[0]?.replace(/\r$/, '').trimEnd() === '---' : stryMutAct_9fa48("1306") ? false : stryMutAct_9fa48("1305") ? true : (stryCov_9fa48("1305", "1306", "1307"), (stryMutAct_9fa48("1309") ? lines[0].replace(/\r$/, '').trimEnd() : stryMutAct_9fa48("1308") ? lines[0]?.replace(/\r$/, '').trimStart() : (stryCov_9fa48("1308", "1309"), lines[0]?.replace(stryMutAct_9fa48("1310") ? /\r/ : (stryCov_9fa48("1310"), /\r$/), stryMutAct_9fa48("1311") ? "Stryker was here!" : (stryCov_9fa48("1311"), '')).trimEnd())) !== (stryMutAct_9fa48("1312") ? "" : (stryCov_9fa48("1312"), '---')))) return stryMutAct_9fa48("1313") ? {} : (stryCov_9fa48("1313"), {
      lineCount: 0,
      unterminated: stryMutAct_9fa48("1314") ? true : (stryCov_9fa48("1314"), false)
    });
    for (let i = 1; stryMutAct_9fa48("1317") ? i >= lines.length : stryMutAct_9fa48("1316") ? i <= lines.length : stryMutAct_9fa48("1315") ? false : (stryCov_9fa48("1315", "1316", "1317"), i < lines.length); stryMutAct_9fa48("1318") ? i-- : (stryCov_9fa48("1318"), i++)) {
      if (stryMutAct_9fa48("1319")) {
        {}
      } else {
        stryCov_9fa48("1319");
        const l = stryMutAct_9fa48("1320") ? lines[i]!.replace(/\r$/, '').trimStart() : (stryCov_9fa48("1320"), lines[i]!.replace(stryMutAct_9fa48("1321") ? /\r/ : (stryCov_9fa48("1321"), /\r$/), stryMutAct_9fa48("1322") ? "Stryker was here!" : (stryCov_9fa48("1322"), '')).trimEnd());
        if (stryMutAct_9fa48("1325") ? l === '---' && l === '...' : stryMutAct_9fa48("1324") ? false : stryMutAct_9fa48("1323") ? true : (stryCov_9fa48("1323", "1324", "1325"), (stryMutAct_9fa48("1327") ? l !== '---' : stryMutAct_9fa48("1326") ? false : (stryCov_9fa48("1326", "1327"), l === (stryMutAct_9fa48("1328") ? "" : (stryCov_9fa48("1328"), '---')))) || (stryMutAct_9fa48("1330") ? l !== '...' : stryMutAct_9fa48("1329") ? false : (stryCov_9fa48("1329", "1330"), l === (stryMutAct_9fa48("1331") ? "" : (stryCov_9fa48("1331"), '...')))))) return stryMutAct_9fa48("1332") ? {} : (stryCov_9fa48("1332"), {
          yaml: stryMutAct_9fa48("1333") ? lines.join('\n') : (stryCov_9fa48("1333"), lines.slice(1, i).join(stryMutAct_9fa48("1334") ? "" : (stryCov_9fa48("1334"), '\n'))),
          lineCount: stryMutAct_9fa48("1335") ? i - 1 : (stryCov_9fa48("1335"), i + 1),
          unterminated: stryMutAct_9fa48("1336") ? true : (stryCov_9fa48("1336"), false)
        });
      }
    }
    return stryMutAct_9fa48("1337") ? {} : (stryCov_9fa48("1337"), {
      lineCount: 0,
      unterminated: stryMutAct_9fa48("1338") ? false : (stryCov_9fa48("1338"), true)
    });
  }
}
function defaults(): FrontMatter {
  if (stryMutAct_9fa48("1339")) {
    {}
  } else {
    stryCov_9fa48("1339");
    return stryMutAct_9fa48("1340") ? {} : (stryCov_9fa48("1340"), {
      format: 1,
      engines: stryMutAct_9fa48("1341") ? [] : (stryCov_9fa48("1341"), [...ENGINE_NAMES]),
      needs: stryMutAct_9fa48("1342") ? ["Stryker was here"] : (stryCov_9fa48("1342"), []),
      timeoutMs: DEFAULT_RECIPE_TIMEOUT_MS,
      tags: stryMutAct_9fa48("1343") ? ["Stryker was here"] : (stryCov_9fa48("1343"), [])
    });
  }
}

/** Parses and validates YAML front matter whose first line is recipe line `firstLine`. */
export function parseFrontMatter(yaml: string, firstLine: number): {
  meta: FrontMatter;
  problems: FrontMatterProblem[];
} {
  if (stryMutAct_9fa48("1344")) {
    {}
  } else {
    stryCov_9fa48("1344");
    const meta = defaults();
    const problems: FrontMatterProblem[] = stryMutAct_9fa48("1345") ? ["Stryker was here"] : (stryCov_9fa48("1345"), []);
    const counter = new LineCounter();
    const doc = parseDocument(yaml, stryMutAct_9fa48("1346") ? {} : (stryCov_9fa48("1346"), {
      lineCounter: counter,
      prettyErrors: stryMutAct_9fa48("1347") ? true : (stryCov_9fa48("1347"), false),
      uniqueKeys: stryMutAct_9fa48("1348") ? false : (stryCov_9fa48("1348"), true)
    }));
    const lineOf = stryMutAct_9fa48("1349") ? () => undefined : (stryCov_9fa48("1349"), (() => {
      const lineOf = (offset: number | undefined) => (stryMutAct_9fa48("1352") ? offset !== undefined : stryMutAct_9fa48("1351") ? false : stryMutAct_9fa48("1350") ? true : (stryCov_9fa48("1350", "1351", "1352"), offset === undefined)) ? firstLine : stryMutAct_9fa48("1353") ? firstLine + counter.linePos(offset).line + 1 : (stryCov_9fa48("1353"), (stryMutAct_9fa48("1354") ? firstLine - counter.linePos(offset).line : (stryCov_9fa48("1354"), firstLine + counter.linePos(offset).line)) - 1);
      return lineOf;
    })());
    for (const e of doc.errors) problems.push(stryMutAct_9fa48("1355") ? {} : (stryCov_9fa48("1355"), {
      line: lineOf(e.pos[0]),
      message: stryMutAct_9fa48("1356") ? `` : (stryCov_9fa48("1356"), `front matter: ${e.message.split(stryMutAct_9fa48("1357") ? "" : (stryCov_9fa48("1357"), '\n'))[0]}`)
    }));
    // Unknown YAML tags (!!js/function, say) are warnings to the yaml library; a recipe's front matter is plain data.
    for (const w of doc.warnings) problems.push(stryMutAct_9fa48("1358") ? {} : (stryCov_9fa48("1358"), {
      line: lineOf(w.pos[0]),
      message: stryMutAct_9fa48("1359") ? `` : (stryCov_9fa48("1359"), `front matter: ${w.message.split(stryMutAct_9fa48("1360") ? "" : (stryCov_9fa48("1360"), '\n'))[0]}`)
    }));
    if (stryMutAct_9fa48("1363") ? doc.errors.length > 0 && doc.warnings.length > 0 : stryMutAct_9fa48("1362") ? false : stryMutAct_9fa48("1361") ? true : (stryCov_9fa48("1361", "1362", "1363"), (stryMutAct_9fa48("1366") ? doc.errors.length <= 0 : stryMutAct_9fa48("1365") ? doc.errors.length >= 0 : stryMutAct_9fa48("1364") ? false : (stryCov_9fa48("1364", "1365", "1366"), doc.errors.length > 0)) || (stryMutAct_9fa48("1369") ? doc.warnings.length <= 0 : stryMutAct_9fa48("1368") ? doc.warnings.length >= 0 : stryMutAct_9fa48("1367") ? false : (stryCov_9fa48("1367", "1368", "1369"), doc.warnings.length > 0)))) return stryMutAct_9fa48("1370") ? {} : (stryCov_9fa48("1370"), {
      meta,
      problems
    });
    if (stryMutAct_9fa48("1373") ? doc.contents !== null : stryMutAct_9fa48("1372") ? false : stryMutAct_9fa48("1371") ? true : (stryCov_9fa48("1371", "1372", "1373"), doc.contents === null)) return stryMutAct_9fa48("1374") ? {} : (stryCov_9fa48("1374"), {
      meta,
      problems
    });
    if (stryMutAct_9fa48("1377") ? false : stryMutAct_9fa48("1376") ? true : stryMutAct_9fa48("1375") ? isMap(doc.contents) : (stryCov_9fa48("1375", "1376", "1377"), !isMap(doc.contents))) {
      if (stryMutAct_9fa48("1378")) {
        {}
      } else {
        stryCov_9fa48("1378");
        problems.push(stryMutAct_9fa48("1379") ? {} : (stryCov_9fa48("1379"), {
          line: lineOf(stryMutAct_9fa48("1380") ? doc.contents.range[0] : (stryCov_9fa48("1380"), doc.contents.range?.[0])),
          message: stryMutAct_9fa48("1381") ? "" : (stryCov_9fa48("1381"), 'front matter must be a mapping of keys (title: ..., tags: [...])')
        }));
        return stryMutAct_9fa48("1382") ? {} : (stryCov_9fa48("1382"), {
          meta,
          problems
        });
      }
    }
    for (const pair of doc.contents.items as Pair[]) {
      if (stryMutAct_9fa48("1383")) {
        {}
      } else {
        stryCov_9fa48("1383");
        const keyNode = pair.key;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const line = lineOf(isScalar(keyNode) ? stryMutAct_9fa48("1384") ? keyNode.range[0] : (stryCov_9fa48("1384"), keyNode.range?.[0]) : undefined);
        if (stryMutAct_9fa48("1387") ? false : stryMutAct_9fa48("1386") ? true : stryMutAct_9fa48("1385") ? (FRONT_MATTER_KEYS as readonly string[]).includes(key) : (stryCov_9fa48("1385", "1386", "1387"), !(FRONT_MATTER_KEYS as readonly string[]).includes(key))) {
          if (stryMutAct_9fa48("1388")) {
            {}
          } else {
            stryCov_9fa48("1388");
            problems.push(stryMutAct_9fa48("1389") ? {} : (stryCov_9fa48("1389"), {
              line,
              message: stryMutAct_9fa48("1390") ? `` : (stryCov_9fa48("1390"), `unknown front matter key "${key}"${didYouMean(key, FRONT_MATTER_KEYS)}`)
            }));
            continue;
          }
        }
        const k = key as (typeof FRONT_MATTER_KEYS)[number];
        const value: unknown = stryMutAct_9fa48("1391") ? (pair.value as {
          toJSON?: () => unknown;
        } | null)?.toJSON?.() && (isScalar(pair.value) ? pair.value.value : pair.value) : (stryCov_9fa48("1391"), (stryMutAct_9fa48("1393") ? (pair.value as {
          toJSON?: () => unknown;
        } | null).toJSON?.() : stryMutAct_9fa48("1392") ? (pair.value as {
          toJSON?: () => unknown;
        } | null)?.toJSON() : (stryCov_9fa48("1392", "1393"), (pair.value as {
          toJSON?: () => unknown;
        } | null)?.toJSON?.())) ?? (isScalar(pair.value) ? pair.value.value : pair.value));
        const parsed = schemas[k].safeParse(value);
        if (stryMutAct_9fa48("1396") ? false : stryMutAct_9fa48("1395") ? true : stryMutAct_9fa48("1394") ? parsed.success : (stryCov_9fa48("1394", "1395", "1396"), !parsed.success)) {
          if (stryMutAct_9fa48("1397")) {
            {}
          } else {
            stryCov_9fa48("1397");
            problems.push(stryMutAct_9fa48("1398") ? {} : (stryCov_9fa48("1398"), {
              line,
              message: stryMutAct_9fa48("1399") ? `` : (stryCov_9fa48("1399"), `front matter "${k}" ${stryMutAct_9fa48("1400") ? parsed.error.issues[0]?.message && 'is invalid' : (stryCov_9fa48("1400"), (stryMutAct_9fa48("1401") ? parsed.error.issues[0].message : (stryCov_9fa48("1401"), parsed.error.issues[0]?.message)) ?? (stryMutAct_9fa48("1402") ? "" : (stryCov_9fa48("1402"), 'is invalid')))}`)
            }));
            continue;
          }
        }
        const v = parsed.data;
        switch (k) {
          case stryMutAct_9fa48("1404") ? "" : (stryCov_9fa48("1404"), 'title'):
            if (stryMutAct_9fa48("1403")) {} else {
              stryCov_9fa48("1403");
              meta.title = v as string;
              break;
            }
          case stryMutAct_9fa48("1406") ? "" : (stryCov_9fa48("1406"), 'summary'):
            if (stryMutAct_9fa48("1405")) {} else {
              stryCov_9fa48("1405");
              meta.summary = v as string;
              break;
            }
          case stryMutAct_9fa48("1408") ? "" : (stryCov_9fa48("1408"), 'format'):
            if (stryMutAct_9fa48("1407")) {} else {
              stryCov_9fa48("1407");
              meta.format = v as number;
              break;
            }
          case stryMutAct_9fa48("1410") ? "" : (stryCov_9fa48("1410"), 'engines'):
            if (stryMutAct_9fa48("1409")) {} else {
              stryCov_9fa48("1409");
              {
                if (stryMutAct_9fa48("1411")) {
                  {}
                } else {
                  stryCov_9fa48("1411");
                  const list = v as string[];
                  const badOnes = stryMutAct_9fa48("1412") ? list : (stryCov_9fa48("1412"), list.filter(stryMutAct_9fa48("1413") ? () => undefined : (stryCov_9fa48("1413"), e => stryMutAct_9fa48("1414") ? (ENGINE_NAMES as readonly string[]).includes(e) : (stryCov_9fa48("1414"), !(ENGINE_NAMES as readonly string[]).includes(e)))));
                  for (const b of badOnes) problems.push(stryMutAct_9fa48("1415") ? {} : (stryCov_9fa48("1415"), {
                    line,
                    message: stryMutAct_9fa48("1416") ? `` : (stryCov_9fa48("1416"), `unknown engine "${b}" in front matter${didYouMean(b, ENGINE_NAMES)}; known: ${ENGINE_NAMES.join(stryMutAct_9fa48("1417") ? "" : (stryCov_9fa48("1417"), ', '))}`)
                  }));
                  meta.engines = list.filter(e => !badOnes.includes(e)) as EngineName[];
                  break;
                }
              }
            }
          case stryMutAct_9fa48("1419") ? "" : (stryCov_9fa48("1419"), 'needs'):
            if (stryMutAct_9fa48("1418")) {} else {
              stryCov_9fa48("1418");
              {
                if (stryMutAct_9fa48("1420")) {
                  {}
                } else {
                  stryCov_9fa48("1420");
                  const list = v as string[];
                  for (const n of list) {
                    if (stryMutAct_9fa48("1421")) {
                      {}
                    } else {
                      stryCov_9fa48("1421");
                      if (stryMutAct_9fa48("1424") ? false : stryMutAct_9fa48("1423") ? true : stryMutAct_9fa48("1422") ? NEED_NAMES.includes(n) : (stryCov_9fa48("1422", "1423", "1424"), !NEED_NAMES.includes(n))) problems.push(stryMutAct_9fa48("1425") ? {} : (stryCov_9fa48("1425"), {
                        line,
                        message: stryMutAct_9fa48("1426") ? `` : (stryCov_9fa48("1426"), `unknown need "${n}"${didYouMean(n, NEED_NAMES)}; known: ${NEED_NAMES.join(stryMutAct_9fa48("1427") ? "" : (stryCov_9fa48("1427"), ', '))}`)
                      }));
                    }
                  }
                  meta.needs = stryMutAct_9fa48("1428") ? list : (stryCov_9fa48("1428"), list.filter(stryMutAct_9fa48("1429") ? () => undefined : (stryCov_9fa48("1429"), n => NEED_NAMES.includes(n))));
                  break;
                }
              }
            }
          case stryMutAct_9fa48("1431") ? "" : (stryCov_9fa48("1431"), 'timeout'):
            if (stryMutAct_9fa48("1430")) {} else {
              stryCov_9fa48("1430");
              {
                if (stryMutAct_9fa48("1432")) {
                  {}
                } else {
                  stryCov_9fa48("1432");
                  const ms = parseDuration(v as string);
                  if (stryMutAct_9fa48("1435") ? ms !== undefined : stryMutAct_9fa48("1434") ? false : stryMutAct_9fa48("1433") ? true : (stryCov_9fa48("1433", "1434", "1435"), ms === undefined)) problems.push(stryMutAct_9fa48("1436") ? {} : (stryCov_9fa48("1436"), {
                    line,
                    message: stryMutAct_9fa48("1437") ? `` : (stryCov_9fa48("1437"), `front matter ${badDuration(stryMutAct_9fa48("1438") ? "" : (stryCov_9fa48("1438"), 'timeout'), v as string)}`)
                  }));else meta.timeoutMs = ms;
                  break;
                }
              }
            }
          case stryMutAct_9fa48("1440") ? "" : (stryCov_9fa48("1440"), 'tags'):
            if (stryMutAct_9fa48("1439")) {} else {
              stryCov_9fa48("1439");
              meta.tags = v as string[];
              break;
            }
        }
      }
    }
    return stryMutAct_9fa48("1441") ? {} : (stryCov_9fa48("1441"), {
      meta,
      problems
    });
  }
}

/** Front matter defaults for a recipe without any. */
export const defaultFrontMatter = defaults;