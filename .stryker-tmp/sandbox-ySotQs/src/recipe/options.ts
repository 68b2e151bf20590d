// @ts-nocheck
// Info-string options: `LANG {key=value flag key="quoted value"}` → validated StepOptions.
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
import { didYouMean } from '../util/suggest.js';
import { badDuration, parseDuration } from './duration.js';
import { jailNameProblem, stepNameProblem } from './names.js';
import { ENGINE_NAMES, type EngineName, type StepOptions } from './model.js';

/** Languages whose blocks run as shell scripts. */
export const SHELL_LANGS = ['sh', 'bash', 'shell'] as const;
/** Every language the runner executes. */
export const RUNNABLE_LANGS = [...SHELL_LANGS, 'console', 'assert'] as const;
/** Every option key in the contract. */
export const OPTION_KEYS = ['jail', 'timeout', 'exit', 'eventually', 'retry', 'background', 'skip', 'engine', 'name', 'file'] as const;
const FLAGS = new Set(stryMutAct_9fa48("1542") ? [] : (stryCov_9fa48("1542"), [stryMutAct_9fa48("1543") ? "" : (stryCov_9fa48("1543"), 'eventually'), stryMutAct_9fa48("1544") ? "" : (stryCov_9fa48("1544"), 'background'), stryMutAct_9fa48("1545") ? "" : (stryCov_9fa48("1545"), 'skip')]));

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
  if (stryMutAct_9fa48("1546")) {
    {}
  } else {
    stryCov_9fa48("1546");
    const trimmed = stryMutAct_9fa48("1547") ? info : (stryCov_9fa48("1547"), info.trim());
    const m = (stryMutAct_9fa48("1554") ? /^(\S*)\s*(.)$/s : stryMutAct_9fa48("1553") ? /^(\S*)\S*(.*)$/s : stryMutAct_9fa48("1552") ? /^(\S*)\s(.*)$/s : stryMutAct_9fa48("1551") ? /^(\s*)\s*(.*)$/s : stryMutAct_9fa48("1550") ? /^(\S)\s*(.*)$/s : stryMutAct_9fa48("1549") ? /^(\S*)\s*(.*)/s : stryMutAct_9fa48("1548") ? /(\S*)\s*(.*)$/s : (stryCov_9fa48("1548", "1549", "1550", "1551", "1552", "1553", "1554"), /^(\S*)\s*(.*)$/s)).exec(trimmed)!;
    let lang = m[1]!;
    let rest = m[2]!;
    // `sh{skip}` is read as `sh {skip}`.
    const brace = lang.indexOf(stryMutAct_9fa48("1555") ? "" : (stryCov_9fa48("1555"), '{'));
    if (stryMutAct_9fa48("1559") ? brace <= 0 : stryMutAct_9fa48("1558") ? brace >= 0 : stryMutAct_9fa48("1557") ? false : stryMutAct_9fa48("1556") ? true : (stryCov_9fa48("1556", "1557", "1558", "1559"), brace > 0)) {
      if (stryMutAct_9fa48("1560")) {
        {}
      } else {
        stryCov_9fa48("1560");
        rest = stryMutAct_9fa48("1561") ? lang.slice(brace) - (rest ? ' ' + rest : '') : (stryCov_9fa48("1561"), (stryMutAct_9fa48("1562") ? lang : (stryCov_9fa48("1562"), lang.slice(brace))) + (rest ? (stryMutAct_9fa48("1563") ? "" : (stryCov_9fa48("1563"), ' ')) + rest : stryMutAct_9fa48("1564") ? "Stryker was here!" : (stryCov_9fa48("1564"), '')));
        lang = stryMutAct_9fa48("1565") ? lang : (stryCov_9fa48("1565"), lang.slice(0, brace));
      }
    }
    const out: InfoString = stryMutAct_9fa48("1566") ? {} : (stryCov_9fa48("1566"), {
      lang,
      hasBraces: stryMutAct_9fa48("1567") ? true : (stryCov_9fa48("1567"), false),
      options: stryMutAct_9fa48("1568") ? ["Stryker was here"] : (stryCov_9fa48("1568"), []),
      problems: stryMutAct_9fa48("1569") ? ["Stryker was here"] : (stryCov_9fa48("1569"), [])
    });
    if (stryMutAct_9fa48("1572") ? rest !== '' : stryMutAct_9fa48("1571") ? false : stryMutAct_9fa48("1570") ? true : (stryCov_9fa48("1570", "1571", "1572"), rest === (stryMutAct_9fa48("1573") ? "Stryker was here!" : (stryCov_9fa48("1573"), '')))) return out;
    if (stryMutAct_9fa48("1576") ? false : stryMutAct_9fa48("1575") ? true : stryMutAct_9fa48("1574") ? rest.startsWith('{') : (stryCov_9fa48("1574", "1575", "1576"), !(stryMutAct_9fa48("1577") ? rest.endsWith('{') : (stryCov_9fa48("1577"), rest.startsWith(stryMutAct_9fa48("1578") ? "" : (stryCov_9fa48("1578"), '{')))))) {
      if (stryMutAct_9fa48("1579")) {
        {}
      } else {
        stryCov_9fa48("1579");
        out.problems.push(stryMutAct_9fa48("1580") ? `` : (stryCov_9fa48("1580"), `unexpected "${rest}" after the language; options go in braces: ${lang} {${rest}}`));
        return out;
      }
    }
    out.hasBraces = stryMutAct_9fa48("1581") ? false : (stryCov_9fa48("1581"), true);
    let i = 1;
    const s = rest;
    while (stryMutAct_9fa48("1584") ? i >= s.length : stryMutAct_9fa48("1583") ? i <= s.length : stryMutAct_9fa48("1582") ? false : (stryCov_9fa48("1582", "1583", "1584"), i < s.length)) {
      if (stryMutAct_9fa48("1585")) {
        {}
      } else {
        stryCov_9fa48("1585");
        while (stryMutAct_9fa48("1587") ? i < s.length || /\s/.test(s[i]!) : stryMutAct_9fa48("1586") ? false : (stryCov_9fa48("1586", "1587"), (stryMutAct_9fa48("1590") ? i >= s.length : stryMutAct_9fa48("1589") ? i <= s.length : stryMutAct_9fa48("1588") ? true : (stryCov_9fa48("1588", "1589", "1590"), i < s.length)) && (stryMutAct_9fa48("1591") ? /\S/ : (stryCov_9fa48("1591"), /\s/)).test(s[i]!))) stryMutAct_9fa48("1592") ? i-- : (stryCov_9fa48("1592"), i++);
        if (stryMutAct_9fa48("1595") ? s[i] !== '}' : stryMutAct_9fa48("1594") ? false : stryMutAct_9fa48("1593") ? true : (stryCov_9fa48("1593", "1594", "1595"), s[i] === (stryMutAct_9fa48("1596") ? "" : (stryCov_9fa48("1596"), '}')))) {
          if (stryMutAct_9fa48("1597")) {
            {}
          } else {
            stryCov_9fa48("1597");
            const tail = stryMutAct_9fa48("1599") ? s.trim() : stryMutAct_9fa48("1598") ? s.slice(i + 1) : (stryCov_9fa48("1598", "1599"), s.slice(stryMutAct_9fa48("1600") ? i - 1 : (stryCov_9fa48("1600"), i + 1)).trim());
            if (stryMutAct_9fa48("1602") ? false : stryMutAct_9fa48("1601") ? true : (stryCov_9fa48("1601", "1602"), tail)) out.problems.push(stryMutAct_9fa48("1603") ? `` : (stryCov_9fa48("1603"), `unexpected "${tail}" after the closing "}"`));
            return out;
          }
        }
        const km = (stryMutAct_9fa48("1607") ? /^[^\S=}"]+/ : stryMutAct_9fa48("1606") ? /^[\s=}"]+/ : stryMutAct_9fa48("1605") ? /^[^\s=}"]/ : stryMutAct_9fa48("1604") ? /[^\s=}"]+/ : (stryCov_9fa48("1604", "1605", "1606", "1607"), /^[^\s=}"]+/)).exec(stryMutAct_9fa48("1608") ? s : (stryCov_9fa48("1608"), s.slice(i)));
        if (stryMutAct_9fa48("1611") ? false : stryMutAct_9fa48("1610") ? true : stryMutAct_9fa48("1609") ? km : (stryCov_9fa48("1609", "1610", "1611"), !km)) {
          if (stryMutAct_9fa48("1612")) {
            {}
          } else {
            stryCov_9fa48("1612");
            out.problems.push(stryMutAct_9fa48("1613") ? `` : (stryCov_9fa48("1613"), `cannot read the options "${s}" (expected key=value or a flag)`));
            return out;
          }
        }
        const key = km[0];
        stryMutAct_9fa48("1614") ? i -= key.length : (stryCov_9fa48("1614"), i += key.length);
        if (stryMutAct_9fa48("1617") ? s[i] === '=' : stryMutAct_9fa48("1616") ? false : stryMutAct_9fa48("1615") ? true : (stryCov_9fa48("1615", "1616", "1617"), s[i] !== (stryMutAct_9fa48("1618") ? "" : (stryCov_9fa48("1618"), '=')))) {
          if (stryMutAct_9fa48("1619")) {
            {}
          } else {
            stryCov_9fa48("1619");
            out.options.push(stryMutAct_9fa48("1620") ? {} : (stryCov_9fa48("1620"), {
              key,
              value: stryMutAct_9fa48("1621") ? false : (stryCov_9fa48("1621"), true)
            }));
            continue;
          }
        }
        stryMutAct_9fa48("1622") ? i-- : (stryCov_9fa48("1622"), i++);
        if (stryMutAct_9fa48("1625") ? s[i] !== '"' : stryMutAct_9fa48("1624") ? false : stryMutAct_9fa48("1623") ? true : (stryCov_9fa48("1623", "1624", "1625"), s[i] === (stryMutAct_9fa48("1626") ? "" : (stryCov_9fa48("1626"), '"')))) {
          if (stryMutAct_9fa48("1627")) {
            {}
          } else {
            stryCov_9fa48("1627");
            const end = s.indexOf(stryMutAct_9fa48("1628") ? "" : (stryCov_9fa48("1628"), '"'), stryMutAct_9fa48("1629") ? i - 1 : (stryCov_9fa48("1629"), i + 1));
            if (stryMutAct_9fa48("1632") ? end !== -1 : stryMutAct_9fa48("1631") ? false : stryMutAct_9fa48("1630") ? true : (stryCov_9fa48("1630", "1631", "1632"), end === (stryMutAct_9fa48("1633") ? +1 : (stryCov_9fa48("1633"), -1)))) {
              if (stryMutAct_9fa48("1634")) {
                {}
              } else {
                stryCov_9fa48("1634");
                out.problems.push(stryMutAct_9fa48("1635") ? `` : (stryCov_9fa48("1635"), `unterminated quote in option ${key}`));
                return out;
              }
            }
            out.options.push(stryMutAct_9fa48("1636") ? {} : (stryCov_9fa48("1636"), {
              key,
              value: stryMutAct_9fa48("1637") ? s : (stryCov_9fa48("1637"), s.slice(stryMutAct_9fa48("1638") ? i - 1 : (stryCov_9fa48("1638"), i + 1), end))
            }));
            i = stryMutAct_9fa48("1639") ? end - 1 : (stryCov_9fa48("1639"), end + 1);
          }
        } else {
          if (stryMutAct_9fa48("1640")) {
            {}
          } else {
            stryCov_9fa48("1640");
            const vm = (stryMutAct_9fa48("1644") ? /^[^\S}]*/ : stryMutAct_9fa48("1643") ? /^[\s}]*/ : stryMutAct_9fa48("1642") ? /^[^\s}]/ : stryMutAct_9fa48("1641") ? /[^\s}]*/ : (stryCov_9fa48("1641", "1642", "1643", "1644"), /^[^\s}]*/)).exec(stryMutAct_9fa48("1645") ? s : (stryCov_9fa48("1645"), s.slice(i)))!;
            out.options.push(stryMutAct_9fa48("1646") ? {} : (stryCov_9fa48("1646"), {
              key,
              value: vm[0]
            }));
            stryMutAct_9fa48("1647") ? i -= vm[0].length : (stryCov_9fa48("1647"), i += vm[0].length);
          }
        }
      }
    }
    out.problems.push(stryMutAct_9fa48("1648") ? "" : (stryCov_9fa48("1648"), 'missing "}" at the end of the options'));
    return out;
  }
}

/** True when the raw options name at least one contract option (so the braces are ours). */
export function hasContractOption(info: InfoString): boolean {
  if (stryMutAct_9fa48("1649")) {
    {}
  } else {
    stryCov_9fa48("1649");
    return stryMutAct_9fa48("1650") ? info.options.every(o => (OPTION_KEYS as readonly string[]).includes(o.key)) : (stryCov_9fa48("1650"), info.options.some(stryMutAct_9fa48("1651") ? () => undefined : (stryCov_9fa48("1651"), o => (OPTION_KEYS as readonly string[]).includes(o.key))));
  }
}

/** The block kind an info string makes, or undefined for prose. */
export function blockKind(info: InfoString): 'sh' | 'console' | 'assert' | 'file' | undefined {
  if (stryMutAct_9fa48("1652")) {
    {}
  } else {
    stryCov_9fa48("1652");
    if (stryMutAct_9fa48("1655") ? info.options.every(o => o.key === 'file') : stryMutAct_9fa48("1654") ? false : stryMutAct_9fa48("1653") ? true : (stryCov_9fa48("1653", "1654", "1655"), info.options.some(stryMutAct_9fa48("1656") ? () => undefined : (stryCov_9fa48("1656"), o => stryMutAct_9fa48("1659") ? o.key !== 'file' : stryMutAct_9fa48("1658") ? false : stryMutAct_9fa48("1657") ? true : (stryCov_9fa48("1657", "1658", "1659"), o.key === (stryMutAct_9fa48("1660") ? "" : (stryCov_9fa48("1660"), 'file'))))))) return stryMutAct_9fa48("1661") ? "" : (stryCov_9fa48("1661"), 'file');
    if (stryMutAct_9fa48("1663") ? false : stryMutAct_9fa48("1662") ? true : (stryCov_9fa48("1662", "1663"), (SHELL_LANGS as readonly string[]).includes(info.lang))) return stryMutAct_9fa48("1664") ? "" : (stryCov_9fa48("1664"), 'sh');
    if (stryMutAct_9fa48("1667") ? info.lang !== 'console' : stryMutAct_9fa48("1666") ? false : stryMutAct_9fa48("1665") ? true : (stryCov_9fa48("1665", "1666", "1667"), info.lang === (stryMutAct_9fa48("1668") ? "" : (stryCov_9fa48("1668"), 'console')))) return stryMutAct_9fa48("1669") ? "" : (stryCov_9fa48("1669"), 'console');
    if (stryMutAct_9fa48("1672") ? info.lang !== 'assert' : stryMutAct_9fa48("1671") ? false : stryMutAct_9fa48("1670") ? true : (stryCov_9fa48("1670", "1671", "1672"), info.lang === (stryMutAct_9fa48("1673") ? "" : (stryCov_9fa48("1673"), 'assert')))) return stryMutAct_9fa48("1674") ? "" : (stryCov_9fa48("1674"), 'assert');
    return undefined;
  }
}

/** Why a `file=` path is not allowed, or undefined. */
export function filePathProblem(p: string): string | undefined {
  if (stryMutAct_9fa48("1675")) {
    {}
  } else {
    stryCov_9fa48("1675");
    if (stryMutAct_9fa48("1678") ? p !== '' : stryMutAct_9fa48("1677") ? false : stryMutAct_9fa48("1676") ? true : (stryCov_9fa48("1676", "1677", "1678"), p === (stryMutAct_9fa48("1679") ? "Stryker was here!" : (stryCov_9fa48("1679"), '')))) return stryMutAct_9fa48("1680") ? "" : (stryCov_9fa48("1680"), 'file= needs a path');
    if (stryMutAct_9fa48("1683") ? p.endsWith('/') : stryMutAct_9fa48("1682") ? false : stryMutAct_9fa48("1681") ? true : (stryCov_9fa48("1681", "1682", "1683"), p.startsWith(stryMutAct_9fa48("1684") ? "" : (stryCov_9fa48("1684"), '/')))) return stryMutAct_9fa48("1685") ? `` : (stryCov_9fa48("1685"), `file="${p}" is absolute; paths are relative to the work directory`);
    if (stryMutAct_9fa48("1687") ? false : stryMutAct_9fa48("1686") ? true : (stryCov_9fa48("1686", "1687"), p.split(stryMutAct_9fa48("1688") ? "" : (stryCov_9fa48("1688"), '/')).includes(stryMutAct_9fa48("1689") ? "" : (stryCov_9fa48("1689"), '..')))) return stryMutAct_9fa48("1690") ? `` : (stryCov_9fa48("1690"), `file="${p}" contains ".."`);
    if (stryMutAct_9fa48("1693") ? p.startsWith('/') : stryMutAct_9fa48("1692") ? false : stryMutAct_9fa48("1691") ? true : (stryCov_9fa48("1691", "1692", "1693"), p.endsWith(stryMutAct_9fa48("1694") ? "" : (stryCov_9fa48("1694"), '/')))) return stryMutAct_9fa48("1695") ? `` : (stryCov_9fa48("1695"), `file="${p}" names a directory`);
    return undefined;
  }
}

/** Validates raw options for a block of `kind`; returns options and every problem. */
export function validateOptions(info: InfoString, kind: 'sh' | 'console' | 'assert' | 'file'): {
  options: StepOptions;
  problems: string[];
} {
  if (stryMutAct_9fa48("1696")) {
    {}
  } else {
    stryCov_9fa48("1696");
    const problems = stryMutAct_9fa48("1697") ? [] : (stryCov_9fa48("1697"), [...info.problems]);
    const raw: Record<string, string | true> = {};
    for (const o of info.options) {
      if (stryMutAct_9fa48("1698")) {
        {}
      } else {
        stryCov_9fa48("1698");
        if (stryMutAct_9fa48("1701") ? false : stryMutAct_9fa48("1700") ? true : stryMutAct_9fa48("1699") ? (OPTION_KEYS as readonly string[]).includes(o.key) : (stryCov_9fa48("1699", "1700", "1701"), !(OPTION_KEYS as readonly string[]).includes(o.key))) {
          if (stryMutAct_9fa48("1702")) {
            {}
          } else {
            stryCov_9fa48("1702");
            problems.push(stryMutAct_9fa48("1703") ? `` : (stryCov_9fa48("1703"), `unknown option "${o.key}"${didYouMean(o.key, OPTION_KEYS)}`));
            continue;
          }
        }
        if (stryMutAct_9fa48("1705") ? false : stryMutAct_9fa48("1704") ? true : (stryCov_9fa48("1704", "1705"), o.key in raw)) {
          if (stryMutAct_9fa48("1706")) {
            {}
          } else {
            stryCov_9fa48("1706");
            problems.push(stryMutAct_9fa48("1707") ? `` : (stryCov_9fa48("1707"), `option "${o.key}" is given twice`));
            continue;
          }
        }
        raw[o.key] = o.value;
      }
    }
    const options: StepOptions = stryMutAct_9fa48("1708") ? {} : (stryCov_9fa48("1708"), {
      timeoutMs: (stryMutAct_9fa48("1711") ? kind !== 'assert' : stryMutAct_9fa48("1710") ? false : stryMutAct_9fa48("1709") ? true : (stryCov_9fa48("1709", "1710", "1711"), kind === (stryMutAct_9fa48("1712") ? "" : (stryCov_9fa48("1712"), 'assert')))) ? DEFAULT_ASSERT_TIMEOUT_MS : DEFAULT_TIMEOUT_MS,
      exit: 0,
      background: stryMutAct_9fa48("1713") ? true : (stryCov_9fa48("1713"), false),
      skip: stryMutAct_9fa48("1714") ? true : (stryCov_9fa48("1714"), false),
      raw
    });
    const needValue = (key: string, v: string | true): v is string => {
      if (stryMutAct_9fa48("1715")) {
        {}
      } else {
        stryCov_9fa48("1715");
        if (stryMutAct_9fa48("1718") ? v !== true : stryMutAct_9fa48("1717") ? false : stryMutAct_9fa48("1716") ? true : (stryCov_9fa48("1716", "1717", "1718"), v === (stryMutAct_9fa48("1719") ? false : (stryCov_9fa48("1719"), true)))) {
          if (stryMutAct_9fa48("1720")) {
            {}
          } else {
            stryCov_9fa48("1720");
            problems.push(stryMutAct_9fa48("1721") ? `` : (stryCov_9fa48("1721"), `option "${key}" needs a value (${key}=...)`));
            return stryMutAct_9fa48("1722") ? true : (stryCov_9fa48("1722"), false);
          }
        }
        return stryMutAct_9fa48("1723") ? false : (stryCov_9fa48("1723"), true);
      }
    };
    const notFor = stryMutAct_9fa48("1724") ? () => undefined : (stryCov_9fa48("1724"), (() => {
      const notFor = (key: string, why: string) => problems.push(stryMutAct_9fa48("1725") ? `` : (stryCov_9fa48("1725"), `option "${key}" ${why}`));
      return notFor;
    })());
    for (const [key, v] of Object.entries(raw)) {
      if (stryMutAct_9fa48("1726")) {
        {}
      } else {
        stryCov_9fa48("1726");
        if (stryMutAct_9fa48("1729") ? FLAGS.has(key) || v !== true : stryMutAct_9fa48("1728") ? false : stryMutAct_9fa48("1727") ? true : (stryCov_9fa48("1727", "1728", "1729"), FLAGS.has(key) && (stryMutAct_9fa48("1731") ? v === true : stryMutAct_9fa48("1730") ? true : (stryCov_9fa48("1730", "1731"), v !== (stryMutAct_9fa48("1732") ? false : (stryCov_9fa48("1732"), true)))))) {
          if (stryMutAct_9fa48("1733")) {
            {}
          } else {
            stryCov_9fa48("1733");
            problems.push(stryMutAct_9fa48("1734") ? `` : (stryCov_9fa48("1734"), `option "${key}" is a flag and takes no value`));
            continue;
          }
        }
        switch (key) {
          case stryMutAct_9fa48("1736") ? "" : (stryCov_9fa48("1736"), 'jail'):
            if (stryMutAct_9fa48("1735")) {} else {
              stryCov_9fa48("1735");
              if (stryMutAct_9fa48("1739") ? false : stryMutAct_9fa48("1738") ? true : stryMutAct_9fa48("1737") ? needValue(key, v) : (stryCov_9fa48("1737", "1738", "1739"), !needValue(key, v))) break;
              if (stryMutAct_9fa48("1742") ? kind !== 'file' : stryMutAct_9fa48("1741") ? false : stryMutAct_9fa48("1740") ? true : (stryCov_9fa48("1740", "1741", "1742"), kind === (stryMutAct_9fa48("1743") ? "" : (stryCov_9fa48("1743"), 'file')))) notFor(key, stryMutAct_9fa48("1744") ? "" : (stryCov_9fa48("1744"), 'does not apply to file= blocks, which are written to the work directory'));else if (stryMutAct_9fa48("1747") ? kind !== 'assert' : stryMutAct_9fa48("1746") ? false : stryMutAct_9fa48("1745") ? true : (stryCov_9fa48("1745", "1746", "1747"), kind === (stryMutAct_9fa48("1748") ? "" : (stryCov_9fa48("1748"), 'assert')))) notFor(key, stryMutAct_9fa48("1749") ? "" : (stryCov_9fa48("1749"), 'does not apply to assert blocks; each assertion names its own source'));else if (stryMutAct_9fa48("1752") ? v !== 'host' || v !== 'upstream' : stryMutAct_9fa48("1751") ? false : stryMutAct_9fa48("1750") ? true : (stryCov_9fa48("1750", "1751", "1752"), (stryMutAct_9fa48("1754") ? v === 'host' : stryMutAct_9fa48("1753") ? true : (stryCov_9fa48("1753", "1754"), v !== (stryMutAct_9fa48("1755") ? "" : (stryCov_9fa48("1755"), 'host')))) && (stryMutAct_9fa48("1757") ? v === 'upstream' : stryMutAct_9fa48("1756") ? true : (stryCov_9fa48("1756", "1757"), v !== (stryMutAct_9fa48("1758") ? "" : (stryCov_9fa48("1758"), 'upstream')))))) {
                if (stryMutAct_9fa48("1759")) {
                  {}
                } else {
                  stryCov_9fa48("1759");
                  const p = jailNameProblem(v);
                  if (stryMutAct_9fa48("1761") ? false : stryMutAct_9fa48("1760") ? true : (stryCov_9fa48("1760", "1761"), p)) problems.push(stryMutAct_9fa48("1762") ? `` : (stryCov_9fa48("1762"), `jail="${v}" is not a valid jail name: it ${p}`));
                }
              }
              options.jail = v;
              break;
            }
          case stryMutAct_9fa48("1764") ? "" : (stryCov_9fa48("1764"), 'timeout'):
            if (stryMutAct_9fa48("1763")) {} else {
              stryCov_9fa48("1763");
              {
                if (stryMutAct_9fa48("1765")) {
                  {}
                } else {
                  stryCov_9fa48("1765");
                  if (stryMutAct_9fa48("1768") ? false : stryMutAct_9fa48("1767") ? true : stryMutAct_9fa48("1766") ? needValue(key, v) : (stryCov_9fa48("1766", "1767", "1768"), !needValue(key, v))) break;
                  if (stryMutAct_9fa48("1771") ? kind !== 'file' : stryMutAct_9fa48("1770") ? false : stryMutAct_9fa48("1769") ? true : (stryCov_9fa48("1769", "1770", "1771"), kind === (stryMutAct_9fa48("1772") ? "" : (stryCov_9fa48("1772"), 'file')))) notFor(key, stryMutAct_9fa48("1773") ? "" : (stryCov_9fa48("1773"), 'does not apply to file= blocks'));
                  const ms = parseDuration(v);
                  if (stryMutAct_9fa48("1776") ? ms !== undefined : stryMutAct_9fa48("1775") ? false : stryMutAct_9fa48("1774") ? true : (stryCov_9fa48("1774", "1775", "1776"), ms === undefined)) problems.push(badDuration(stryMutAct_9fa48("1777") ? "" : (stryCov_9fa48("1777"), 'timeout'), v));else options.timeoutMs = ms;
                  break;
                }
              }
            }
          case stryMutAct_9fa48("1779") ? "" : (stryCov_9fa48("1779"), 'exit'):
            if (stryMutAct_9fa48("1778")) {} else {
              stryCov_9fa48("1778");
              if (stryMutAct_9fa48("1782") ? false : stryMutAct_9fa48("1781") ? true : stryMutAct_9fa48("1780") ? needValue(key, v) : (stryCov_9fa48("1780", "1781", "1782"), !needValue(key, v))) break;
              if (stryMutAct_9fa48("1785") ? kind !== 'console' : stryMutAct_9fa48("1784") ? false : stryMutAct_9fa48("1783") ? true : (stryCov_9fa48("1783", "1784", "1785"), kind === (stryMutAct_9fa48("1786") ? "" : (stryCov_9fa48("1786"), 'console')))) notFor(key, stryMutAct_9fa48("1787") ? "" : (stryCov_9fa48("1787"), 'is for sh blocks; in a console transcript write [N] after the command'));else if (stryMutAct_9fa48("1790") ? kind === 'sh' : stryMutAct_9fa48("1789") ? false : stryMutAct_9fa48("1788") ? true : (stryCov_9fa48("1788", "1789", "1790"), kind !== (stryMutAct_9fa48("1791") ? "" : (stryCov_9fa48("1791"), 'sh')))) notFor(key, stryMutAct_9fa48("1792") ? "" : (stryCov_9fa48("1792"), 'is for sh blocks only'));else if (stryMutAct_9fa48("1795") ? !/^\d{1,3}$/.test(v) && Number(v) > 255 : stryMutAct_9fa48("1794") ? false : stryMutAct_9fa48("1793") ? true : (stryCov_9fa48("1793", "1794", "1795"), (stryMutAct_9fa48("1796") ? /^\d{1,3}$/.test(v) : (stryCov_9fa48("1796"), !(stryMutAct_9fa48("1800") ? /^\D{1,3}$/ : stryMutAct_9fa48("1799") ? /^\d$/ : stryMutAct_9fa48("1798") ? /^\d{1,3}/ : stryMutAct_9fa48("1797") ? /\d{1,3}$/ : (stryCov_9fa48("1797", "1798", "1799", "1800"), /^\d{1,3}$/)).test(v))) || (stryMutAct_9fa48("1803") ? Number(v) <= 255 : stryMutAct_9fa48("1802") ? Number(v) >= 255 : stryMutAct_9fa48("1801") ? false : (stryCov_9fa48("1801", "1802", "1803"), Number(v) > 255)))) problems.push(stryMutAct_9fa48("1804") ? `` : (stryCov_9fa48("1804"), `exit="${v}" must be a status from 0 to 255`));else options.exit = Number(v);
              break;
            }
          case stryMutAct_9fa48("1806") ? "" : (stryCov_9fa48("1806"), 'eventually'):
            if (stryMutAct_9fa48("1805")) {} else {
              stryCov_9fa48("1805");
              if (stryMutAct_9fa48("1809") ? kind !== 'file' : stryMutAct_9fa48("1808") ? false : stryMutAct_9fa48("1807") ? true : (stryCov_9fa48("1807", "1808", "1809"), kind === (stryMutAct_9fa48("1810") ? "" : (stryCov_9fa48("1810"), 'file')))) notFor(key, stryMutAct_9fa48("1811") ? "" : (stryCov_9fa48("1811"), 'does not apply to file= blocks'));
              stryMutAct_9fa48("1812") ? options.retryMs &&= DEFAULT_RETRY_MS : (stryCov_9fa48("1812"), options.retryMs ??= DEFAULT_RETRY_MS);
              break;
            }
          case stryMutAct_9fa48("1814") ? "" : (stryCov_9fa48("1814"), 'retry'):
            if (stryMutAct_9fa48("1813")) {} else {
              stryCov_9fa48("1813");
              {
                if (stryMutAct_9fa48("1815")) {
                  {}
                } else {
                  stryCov_9fa48("1815");
                  if (stryMutAct_9fa48("1818") ? false : stryMutAct_9fa48("1817") ? true : stryMutAct_9fa48("1816") ? needValue(key, v) : (stryCov_9fa48("1816", "1817", "1818"), !needValue(key, v))) break;
                  if (stryMutAct_9fa48("1821") ? kind !== 'file' : stryMutAct_9fa48("1820") ? false : stryMutAct_9fa48("1819") ? true : (stryCov_9fa48("1819", "1820", "1821"), kind === (stryMutAct_9fa48("1822") ? "" : (stryCov_9fa48("1822"), 'file')))) notFor(key, stryMutAct_9fa48("1823") ? "" : (stryCov_9fa48("1823"), 'does not apply to file= blocks'));
                  const ms = parseDuration(v);
                  if (stryMutAct_9fa48("1826") ? ms !== undefined : stryMutAct_9fa48("1825") ? false : stryMutAct_9fa48("1824") ? true : (stryCov_9fa48("1824", "1825", "1826"), ms === undefined)) problems.push(badDuration(stryMutAct_9fa48("1827") ? "" : (stryCov_9fa48("1827"), 'retry'), v));else options.retryMs = ms;
                  break;
                }
              }
            }
          case stryMutAct_9fa48("1829") ? "" : (stryCov_9fa48("1829"), 'background'):
            if (stryMutAct_9fa48("1828")) {} else {
              stryCov_9fa48("1828");
              if (stryMutAct_9fa48("1832") ? kind === 'sh' : stryMutAct_9fa48("1831") ? false : stryMutAct_9fa48("1830") ? true : (stryCov_9fa48("1830", "1831", "1832"), kind !== (stryMutAct_9fa48("1833") ? "" : (stryCov_9fa48("1833"), 'sh')))) notFor(key, stryMutAct_9fa48("1834") ? "" : (stryCov_9fa48("1834"), 'is for sh blocks only'));else if (stryMutAct_9fa48("1837") ? 'eventually' in raw && 'retry' in raw : stryMutAct_9fa48("1836") ? false : stryMutAct_9fa48("1835") ? true : (stryCov_9fa48("1835", "1836", "1837"), (stryMutAct_9fa48("1838") ? "" : (stryCov_9fa48("1838"), 'eventually')) in raw || (stryMutAct_9fa48("1839") ? "" : (stryCov_9fa48("1839"), 'retry')) in raw)) notFor(key, stryMutAct_9fa48("1840") ? "" : (stryCov_9fa48("1840"), 'cannot be combined with eventually or retry='));else if (stryMutAct_9fa48("1842") ? false : stryMutAct_9fa48("1841") ? true : (stryCov_9fa48("1841", "1842"), (stryMutAct_9fa48("1843") ? "" : (stryCov_9fa48("1843"), 'exit')) in raw)) notFor(key, stryMutAct_9fa48("1844") ? "" : (stryCov_9fa48("1844"), 'cannot be combined with exit='));
              options.background = stryMutAct_9fa48("1845") ? false : (stryCov_9fa48("1845"), true);
              break;
            }
          case stryMutAct_9fa48("1847") ? "" : (stryCov_9fa48("1847"), 'skip'):
            if (stryMutAct_9fa48("1846")) {} else {
              stryCov_9fa48("1846");
              options.skip = stryMutAct_9fa48("1848") ? false : (stryCov_9fa48("1848"), true);
              break;
            }
          case stryMutAct_9fa48("1850") ? "" : (stryCov_9fa48("1850"), 'engine'):
            if (stryMutAct_9fa48("1849")) {} else {
              stryCov_9fa48("1849");
              if (stryMutAct_9fa48("1853") ? false : stryMutAct_9fa48("1852") ? true : stryMutAct_9fa48("1851") ? needValue(key, v) : (stryCov_9fa48("1851", "1852", "1853"), !needValue(key, v))) break;
              if (stryMutAct_9fa48("1856") ? false : stryMutAct_9fa48("1855") ? true : stryMutAct_9fa48("1854") ? (ENGINE_NAMES as readonly string[]).includes(v) : (stryCov_9fa48("1854", "1855", "1856"), !(ENGINE_NAMES as readonly string[]).includes(v))) {
                if (stryMutAct_9fa48("1857")) {
                  {}
                } else {
                  stryCov_9fa48("1857");
                  problems.push(stryMutAct_9fa48("1858") ? `` : (stryCov_9fa48("1858"), `unknown engine "${v}"${didYouMean(v, ENGINE_NAMES)}; known: ${ENGINE_NAMES.join(stryMutAct_9fa48("1859") ? "" : (stryCov_9fa48("1859"), ', '))}`));
                }
              } else options.engine = v as EngineName;
              break;
            }
          case stryMutAct_9fa48("1861") ? "" : (stryCov_9fa48("1861"), 'name'):
            if (stryMutAct_9fa48("1860")) {} else {
              stryCov_9fa48("1860");
              {
                if (stryMutAct_9fa48("1862")) {
                  {}
                } else {
                  stryCov_9fa48("1862");
                  if (stryMutAct_9fa48("1865") ? false : stryMutAct_9fa48("1864") ? true : stryMutAct_9fa48("1863") ? needValue(key, v) : (stryCov_9fa48("1863", "1864", "1865"), !needValue(key, v))) break;
                  const p = stepNameProblem(v);
                  if (stryMutAct_9fa48("1867") ? false : stryMutAct_9fa48("1866") ? true : (stryCov_9fa48("1866", "1867"), p)) problems.push(stryMutAct_9fa48("1868") ? `` : (stryCov_9fa48("1868"), `name="${v}" ${p}`));
                  options.name = v;
                  break;
                }
              }
            }
          case stryMutAct_9fa48("1870") ? "" : (stryCov_9fa48("1870"), 'file'):
            if (stryMutAct_9fa48("1869")) {} else {
              stryCov_9fa48("1869");
              {
                if (stryMutAct_9fa48("1871")) {
                  {}
                } else {
                  stryCov_9fa48("1871");
                  if (stryMutAct_9fa48("1874") ? v !== true : stryMutAct_9fa48("1873") ? false : stryMutAct_9fa48("1872") ? true : (stryCov_9fa48("1872", "1873", "1874"), v === (stryMutAct_9fa48("1875") ? false : (stryCov_9fa48("1875"), true)))) {
                    if (stryMutAct_9fa48("1876")) {
                      {}
                    } else {
                      stryCov_9fa48("1876");
                      problems.push(stryMutAct_9fa48("1877") ? "" : (stryCov_9fa48("1877"), 'file= needs a path'));
                      break;
                    }
                  }
                  const p = filePathProblem(v);
                  if (stryMutAct_9fa48("1879") ? false : stryMutAct_9fa48("1878") ? true : (stryCov_9fa48("1878", "1879"), p)) problems.push(p);
                  options.file = v;
                  break;
                }
              }
            }
        }
      }
    }
    // An explicit `eventually` keeps a longer retry= if both are given.
    if (stryMutAct_9fa48("1882") ? raw.retry !== undefined || typeof raw.retry === 'string' : stryMutAct_9fa48("1881") ? false : stryMutAct_9fa48("1880") ? true : (stryCov_9fa48("1880", "1881", "1882"), (stryMutAct_9fa48("1884") ? raw.retry === undefined : stryMutAct_9fa48("1883") ? true : (stryCov_9fa48("1883", "1884"), raw.retry !== undefined)) && (stryMutAct_9fa48("1886") ? typeof raw.retry !== 'string' : stryMutAct_9fa48("1885") ? true : (stryCov_9fa48("1885", "1886"), typeof raw.retry === (stryMutAct_9fa48("1887") ? "" : (stryCov_9fa48("1887"), 'string')))))) {
      if (stryMutAct_9fa48("1888")) {
        {}
      } else {
        stryCov_9fa48("1888");
        const ms = parseDuration(raw.retry);
        if (stryMutAct_9fa48("1891") ? ms === undefined : stryMutAct_9fa48("1890") ? false : stryMutAct_9fa48("1889") ? true : (stryCov_9fa48("1889", "1890", "1891"), ms !== undefined)) options.retryMs = ms;
      }
    }
    return stryMutAct_9fa48("1892") ? {} : (stryCov_9fa48("1892"), {
      options,
      problems
    });
  }
}