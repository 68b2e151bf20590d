// @ts-nocheck
// The Names section of the recipe contract: jail, network and step names.
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
const LABEL = stryMutAct_9fa48("1448") ? /^[a-z0-9]([a-z0-9-]*[^a-z0-9])?$/ : stryMutAct_9fa48("1447") ? /^[a-z0-9]([^a-z0-9-]*[a-z0-9])?$/ : stryMutAct_9fa48("1446") ? /^[a-z0-9]([a-z0-9-][a-z0-9])?$/ : stryMutAct_9fa48("1445") ? /^[a-z0-9]([a-z0-9-]*[a-z0-9])$/ : stryMutAct_9fa48("1444") ? /^[^a-z0-9]([a-z0-9-]*[a-z0-9])?$/ : stryMutAct_9fa48("1443") ? /^[a-z0-9]([a-z0-9-]*[a-z0-9])?/ : stryMutAct_9fa48("1442") ? /[a-z0-9]([a-z0-9-]*[a-z0-9])?$/ : (stryCov_9fa48("1442", "1443", "1444", "1445", "1446", "1447", "1448"), /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);

/** Names a recipe may not give to its own jails. */
export const RESERVED_JAILS = ['host', 'upstream'] as const;

/** Why `name` is not a valid jail name to refer to, or undefined if it is valid. Router names are allowed here. */
export function jailNameProblem(name: string): string | undefined {
  if (stryMutAct_9fa48("1449")) {
    {}
  } else {
    stryCov_9fa48("1449");
    if (stryMutAct_9fa48("1452") ? name.length !== 0 : stryMutAct_9fa48("1451") ? false : stryMutAct_9fa48("1450") ? true : (stryCov_9fa48("1450", "1451", "1452"), name.length === 0)) return stryMutAct_9fa48("1453") ? "" : (stryCov_9fa48("1453"), 'is empty');
    if (stryMutAct_9fa48("1457") ? name.length <= 63 : stryMutAct_9fa48("1456") ? name.length >= 63 : stryMutAct_9fa48("1455") ? false : stryMutAct_9fa48("1454") ? true : (stryCov_9fa48("1454", "1455", "1456", "1457"), name.length > 63)) return stryMutAct_9fa48("1458") ? `` : (stryCov_9fa48("1458"), `is ${name.length} characters long (at most 63)`);
    if (stryMutAct_9fa48("1460") ? false : stryMutAct_9fa48("1459") ? true : (stryCov_9fa48("1459", "1460"), name.includes(stryMutAct_9fa48("1461") ? "" : (stryCov_9fa48("1461"), '.')))) return stryMutAct_9fa48("1462") ? "" : (stryCov_9fa48("1462"), 'contains a "." (jail names never do)');
    if (stryMutAct_9fa48("1465") ? false : stryMutAct_9fa48("1464") ? true : stryMutAct_9fa48("1463") ? LABEL.test(name) : (stryCov_9fa48("1463", "1464", "1465"), !LABEL.test(name))) return stryMutAct_9fa48("1466") ? "" : (stryCov_9fa48("1466"), 'must be lowercase letters, digits and inner "-" ([a-z0-9]([a-z0-9-]*[a-z0-9])?)');
    return undefined;
  }
}

/** Why `name` cannot be given to a new jail, or undefined if it can. */
export function newJailNameProblem(name: string): string | undefined {
  if (stryMutAct_9fa48("1467")) {
    {}
  } else {
    stryCov_9fa48("1467");
    const p = jailNameProblem(name);
    if (stryMutAct_9fa48("1469") ? false : stryMutAct_9fa48("1468") ? true : (stryCov_9fa48("1468", "1469"), p)) return p;
    if (stryMutAct_9fa48("1471") ? false : stryMutAct_9fa48("1470") ? true : (stryCov_9fa48("1470", "1471"), (RESERVED_JAILS as readonly string[]).includes(name))) return stryMutAct_9fa48("1472") ? "" : (stryCov_9fa48("1472"), 'is reserved');
    if (stryMutAct_9fa48("1475") ? name.startsWith('-router') : stryMutAct_9fa48("1474") ? false : stryMutAct_9fa48("1473") ? true : (stryCov_9fa48("1473", "1474", "1475"), name.endsWith(stryMutAct_9fa48("1476") ? "" : (stryCov_9fa48("1476"), '-router')))) return stryMutAct_9fa48("1477") ? "" : (stryCov_9fa48("1477"), 'is reserved (names ending in -router belong to router jails)');
    return undefined;
  }
}

/** Why `name` is not a valid network name, or undefined. */
export function networkNameProblem(name: string): string | undefined {
  if (stryMutAct_9fa48("1478")) {
    {}
  } else {
    stryCov_9fa48("1478");
    if (stryMutAct_9fa48("1482") ? name.length <= 15 : stryMutAct_9fa48("1481") ? name.length >= 15 : stryMutAct_9fa48("1480") ? false : stryMutAct_9fa48("1479") ? true : (stryCov_9fa48("1479", "1480", "1481", "1482"), name.length > 15)) return stryMutAct_9fa48("1483") ? `` : (stryCov_9fa48("1483"), `is ${name.length} characters long (at most 15)`);
    return jailNameProblem(name);
  }
}

/** Why `id` is not a valid step name (`name=`), or undefined. */
export function stepNameProblem(id: string): string | undefined {
  if (stryMutAct_9fa48("1484")) {
    {}
  } else {
    stryCov_9fa48("1484");
    return (stryMutAct_9fa48("1489") ? /^[A-Za-z0-9_][^A-Za-z0-9_.-]*$/ : stryMutAct_9fa48("1488") ? /^[A-Za-z0-9_][A-Za-z0-9_.-]$/ : stryMutAct_9fa48("1487") ? /^[^A-Za-z0-9_][A-Za-z0-9_.-]*$/ : stryMutAct_9fa48("1486") ? /^[A-Za-z0-9_][A-Za-z0-9_.-]*/ : stryMutAct_9fa48("1485") ? /[A-Za-z0-9_][A-Za-z0-9_.-]*$/ : (stryCov_9fa48("1485", "1486", "1487", "1488", "1489"), /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/)).test(id) ? undefined : stryMutAct_9fa48("1490") ? "" : (stryCov_9fa48("1490"), 'must be letters, digits, "_", "." and "-"');
  }
}

/** True for a jail pattern: a name with at least one `*`. */
export function isPattern(text: string): boolean {
  if (stryMutAct_9fa48("1491")) {
    {}
  } else {
    stryCov_9fa48("1491");
    return text.includes(stryMutAct_9fa48("1492") ? "" : (stryCov_9fa48("1492"), '*'));
  }
}

/** Why a jail pattern is malformed, or undefined. */
export function patternProblem(p: string): string | undefined {
  if (stryMutAct_9fa48("1493")) {
    {}
  } else {
    stryCov_9fa48("1493");
    if (stryMutAct_9fa48("1496") ? false : stryMutAct_9fa48("1495") ? true : stryMutAct_9fa48("1494") ? /^[a-z0-9*-]+$/.test(p) : (stryCov_9fa48("1494", "1495", "1496"), !(stryMutAct_9fa48("1500") ? /^[^a-z0-9*-]+$/ : stryMutAct_9fa48("1499") ? /^[a-z0-9*-]$/ : stryMutAct_9fa48("1498") ? /^[a-z0-9*-]+/ : stryMutAct_9fa48("1497") ? /[a-z0-9*-]+$/ : (stryCov_9fa48("1497", "1498", "1499", "1500"), /^[a-z0-9*-]+$/)).test(p))) return stryMutAct_9fa48("1501") ? "" : (stryCov_9fa48("1501"), 'may only use lowercase letters, digits, "-" and "*"');
    if (stryMutAct_9fa48("1505") ? p.length <= 63 : stryMutAct_9fa48("1504") ? p.length >= 63 : stryMutAct_9fa48("1503") ? false : stryMutAct_9fa48("1502") ? true : (stryCov_9fa48("1502", "1503", "1504", "1505"), p.length > 63)) return stryMutAct_9fa48("1506") ? "" : (stryCov_9fa48("1506"), 'is longer than 63 characters');
    return undefined;
  }
}

/** True when `name` matches the jail pattern. */
export function matchPattern(pattern: string, name: string): boolean {
  if (stryMutAct_9fa48("1507")) {
    {}
  } else {
    stryCov_9fa48("1507");
    const re = new RegExp((stryMutAct_9fa48("1508") ? "" : (stryCov_9fa48("1508"), '^')) + pattern.split(stryMutAct_9fa48("1509") ? "" : (stryCov_9fa48("1509"), '*')).map(stryMutAct_9fa48("1510") ? () => undefined : (stryCov_9fa48("1510"), s => s.replace(stryMutAct_9fa48("1511") ? /[^-]/g : (stryCov_9fa48("1511"), /[-]/g), stryMutAct_9fa48("1512") ? "" : (stryCov_9fa48("1512"), '\\-')))).join(stryMutAct_9fa48("1513") ? "" : (stryCov_9fa48("1513"), '.*')) + (stryMutAct_9fa48("1514") ? "" : (stryCov_9fa48("1514"), '$')));
    return re.test(name);
  }
}

/** Why `name` is not a valid DNS host name, or undefined. */
export function dnsNameProblem(name: string): string | undefined {
  if (stryMutAct_9fa48("1515")) {
    {}
  } else {
    stryCov_9fa48("1515");
    const n = (stryMutAct_9fa48("1516") ? name.startsWith('.') : (stryCov_9fa48("1516"), name.endsWith(stryMutAct_9fa48("1517") ? "" : (stryCov_9fa48("1517"), '.')))) ? stryMutAct_9fa48("1518") ? name : (stryCov_9fa48("1518"), name.slice(0, stryMutAct_9fa48("1519") ? +1 : (stryCov_9fa48("1519"), -1))) : name;
    if (stryMutAct_9fa48("1522") ? n.length === 0 && n.length > 253 : stryMutAct_9fa48("1521") ? false : stryMutAct_9fa48("1520") ? true : (stryCov_9fa48("1520", "1521", "1522"), (stryMutAct_9fa48("1524") ? n.length !== 0 : stryMutAct_9fa48("1523") ? false : (stryCov_9fa48("1523", "1524"), n.length === 0)) || (stryMutAct_9fa48("1527") ? n.length <= 253 : stryMutAct_9fa48("1526") ? n.length >= 253 : stryMutAct_9fa48("1525") ? false : (stryCov_9fa48("1525", "1526", "1527"), n.length > 253)))) return stryMutAct_9fa48("1528") ? "" : (stryCov_9fa48("1528"), 'must be 1 to 253 characters');
    for (const label of n.split(stryMutAct_9fa48("1529") ? "" : (stryCov_9fa48("1529"), '.'))) {
      if (stryMutAct_9fa48("1530")) {
        {}
      } else {
        stryCov_9fa48("1530");
        if (stryMutAct_9fa48("1533") ? false : stryMutAct_9fa48("1532") ? true : stryMutAct_9fa48("1531") ? /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(label) : (stryCov_9fa48("1531", "1532", "1533"), !(stryMutAct_9fa48("1540") ? /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[^A-Za-z0-9_])?$/ : stryMutAct_9fa48("1539") ? /^[A-Za-z0-9_]([^A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/ : stryMutAct_9fa48("1538") ? /^[A-Za-z0-9_]([A-Za-z0-9_-][A-Za-z0-9_])?$/ : stryMutAct_9fa48("1537") ? /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])$/ : stryMutAct_9fa48("1536") ? /^[^A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/ : stryMutAct_9fa48("1535") ? /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?/ : stryMutAct_9fa48("1534") ? /[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/ : (stryCov_9fa48("1534", "1535", "1536", "1537", "1538", "1539", "1540"), /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/)).test(label))) return stryMutAct_9fa48("1541") ? `` : (stryCov_9fa48("1541"), `has a bad label "${label}"`);
      }
    }
    return undefined;
  }
}