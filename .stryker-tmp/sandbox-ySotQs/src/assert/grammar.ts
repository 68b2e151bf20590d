// @ts-nocheck
// Parses assert block lines into typed assertions, collecting every problem with its line.
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
import ipaddr from 'ipaddr.js';
import { didYouMean } from '../util/suggest.js';
import { dnsNameProblem, isPattern, jailNameProblem, patternProblem } from '../recipe/names.js';
import { ASSERTION_KINDS, type Assertion, type Endpoint, type ResolveExpect, type Target } from './model.js';

/** A grammar problem: the message and the line it belongs to. */
export interface GrammarProblem {
  line: number;
  message: string;
}
type Result<T> = {
  ok: true;
  value: T;
} | {
  ok: false;
  message: string;
};
const ok = stryMutAct_9fa48("432") ? () => undefined : (stryCov_9fa48("432"), (() => {
  const ok = <T,>(value: T): Result<T> => stryMutAct_9fa48("433") ? {} : (stryCov_9fa48("433"), {
    ok: stryMutAct_9fa48("434") ? false : (stryCov_9fa48("434"), true),
    value
  });
  return ok;
})());
const bad = stryMutAct_9fa48("435") ? () => undefined : (stryCov_9fa48("435"), (() => {
  const bad = <T,>(message: string): Result<T> => stryMutAct_9fa48("436") ? {} : (stryCov_9fa48("436"), {
    ok: stryMutAct_9fa48("437") ? true : (stryCov_9fa48("437"), false),
    message
  });
  return bad;
})());

/** Why `text` is not a valid IPv4 CIDR, or undefined. */
export function cidrProblem(text: string): string | undefined {
  if (stryMutAct_9fa48("438")) {
    {}
  } else {
    stryCov_9fa48("438");
    const m = (stryMutAct_9fa48("444") ? /^([^/]+)\/(\D{1,2})$/ : stryMutAct_9fa48("443") ? /^([^/]+)\/(\d)$/ : stryMutAct_9fa48("442") ? /^([/]+)\/(\d{1,2})$/ : stryMutAct_9fa48("441") ? /^([^/])\/(\d{1,2})$/ : stryMutAct_9fa48("440") ? /^([^/]+)\/(\d{1,2})/ : stryMutAct_9fa48("439") ? /([^/]+)\/(\d{1,2})$/ : (stryCov_9fa48("439", "440", "441", "442", "443", "444"), /^([^/]+)\/(\d{1,2})$/)).exec(text);
    if (stryMutAct_9fa48("447") ? false : stryMutAct_9fa48("446") ? true : stryMutAct_9fa48("445") ? m : (stryCov_9fa48("445", "446", "447"), !m)) return stryMutAct_9fa48("448") ? `` : (stryCov_9fa48("448"), `bad CIDR "${text}" (expected ADDRESS/PREFIX, e.g. 192.168.1.0/24)`);
    if (stryMutAct_9fa48("451") ? false : stryMutAct_9fa48("450") ? true : stryMutAct_9fa48("449") ? ipaddr.IPv4.isValidFourPartDecimal(m[1]!) : (stryCov_9fa48("449", "450", "451"), !ipaddr.IPv4.isValidFourPartDecimal(m[1]!))) return stryMutAct_9fa48("452") ? `` : (stryCov_9fa48("452"), `bad CIDR "${text}": "${m[1]}" is not an IPv4 address`);
    const prefix = Number(m[2]);
    if (stryMutAct_9fa48("456") ? prefix <= 32 : stryMutAct_9fa48("455") ? prefix >= 32 : stryMutAct_9fa48("454") ? false : stryMutAct_9fa48("453") ? true : (stryCov_9fa48("453", "454", "455", "456"), prefix > 32)) return stryMutAct_9fa48("457") ? `` : (stryCov_9fa48("457"), `bad CIDR "${text}": prefix /${prefix} is longer than 32`);
    const net = ipaddr.IPv4.networkAddressFromCIDR(text).toString();
    if (stryMutAct_9fa48("460") ? net === m[1] : stryMutAct_9fa48("459") ? false : stryMutAct_9fa48("458") ? true : (stryCov_9fa48("458", "459", "460"), net !== m[1])) return stryMutAct_9fa48("461") ? `` : (stryCov_9fa48("461"), `bad CIDR "${text}": host bits are set (did you mean "${net}/${prefix}"?)`);
    return undefined;
  }
}

/** Classifies one endpoint token (no port). */
export function parseEndpoint(token: string): Result<Endpoint> {
  if (stryMutAct_9fa48("462")) {
    {}
  } else {
    stryCov_9fa48("462");
    if (stryMutAct_9fa48("465") ? token !== 'host' : stryMutAct_9fa48("464") ? false : stryMutAct_9fa48("463") ? true : (stryCov_9fa48("463", "464", "465"), token === (stryMutAct_9fa48("466") ? "" : (stryCov_9fa48("466"), 'host')))) return ok(stryMutAct_9fa48("467") ? {} : (stryCov_9fa48("467"), {
      kind: stryMutAct_9fa48("468") ? "" : (stryCov_9fa48("468"), 'host')
    }));
    if (stryMutAct_9fa48("471") ? token !== 'upstream' : stryMutAct_9fa48("470") ? false : stryMutAct_9fa48("469") ? true : (stryCov_9fa48("469", "470", "471"), token === (stryMutAct_9fa48("472") ? "" : (stryCov_9fa48("472"), 'upstream')))) return ok(stryMutAct_9fa48("473") ? {} : (stryCov_9fa48("473"), {
      kind: stryMutAct_9fa48("474") ? "" : (stryCov_9fa48("474"), 'upstream')
    }));
    if (stryMutAct_9fa48("477") ? /^[0-9.]+$/.test(token) || token.includes('.') : stryMutAct_9fa48("476") ? false : stryMutAct_9fa48("475") ? true : (stryCov_9fa48("475", "476", "477"), (stryMutAct_9fa48("481") ? /^[^0-9.]+$/ : stryMutAct_9fa48("480") ? /^[0-9.]$/ : stryMutAct_9fa48("479") ? /^[0-9.]+/ : stryMutAct_9fa48("478") ? /[0-9.]+$/ : (stryCov_9fa48("478", "479", "480", "481"), /^[0-9.]+$/)).test(token) && token.includes(stryMutAct_9fa48("482") ? "" : (stryCov_9fa48("482"), '.')))) {
      if (stryMutAct_9fa48("483")) {
        {}
      } else {
        stryCov_9fa48("483");
        return ipaddr.IPv4.isValidFourPartDecimal(token) ? ok(stryMutAct_9fa48("484") ? {} : (stryCov_9fa48("484"), {
          kind: stryMutAct_9fa48("485") ? "" : (stryCov_9fa48("485"), 'ip'),
          address: token
        })) : bad(stryMutAct_9fa48("486") ? `` : (stryCov_9fa48("486"), `malformed endpoint "${token}": not a valid IPv4 address`));
      }
    }
    if (stryMutAct_9fa48("488") ? false : stryMutAct_9fa48("487") ? true : (stryCov_9fa48("487", "488"), isPattern(token))) {
      if (stryMutAct_9fa48("489")) {
        {}
      } else {
        stryCov_9fa48("489");
        const p = patternProblem(token);
        return p ? bad(stryMutAct_9fa48("490") ? `` : (stryCov_9fa48("490"), `malformed endpoint "${token}": a jail pattern ${p}`)) : ok(stryMutAct_9fa48("491") ? {} : (stryCov_9fa48("491"), {
          kind: stryMutAct_9fa48("492") ? "" : (stryCov_9fa48("492"), 'pattern'),
          pattern: token
        }));
      }
    }
    if (stryMutAct_9fa48("494") ? false : stryMutAct_9fa48("493") ? true : (stryCov_9fa48("493", "494"), token.includes(stryMutAct_9fa48("495") ? "" : (stryCov_9fa48("495"), '.')))) {
      if (stryMutAct_9fa48("496")) {
        {}
      } else {
        stryCov_9fa48("496");
        const p = dnsNameProblem(token);
        return p ? bad(stryMutAct_9fa48("497") ? `` : (stryCov_9fa48("497"), `malformed endpoint "${token}": a DNS name ${p}`)) : ok(stryMutAct_9fa48("498") ? {} : (stryCov_9fa48("498"), {
          kind: stryMutAct_9fa48("499") ? "" : (stryCov_9fa48("499"), 'dns'),
          name: token
        }));
      }
    }
    const p = jailNameProblem(token);
    return p ? bad(stryMutAct_9fa48("500") ? `` : (stryCov_9fa48("500"), `malformed endpoint "${token}": a jail name ${p}`)) : ok(stryMutAct_9fa48("501") ? {} : (stryCov_9fa48("501"), {
      kind: stryMutAct_9fa48("502") ? "" : (stryCov_9fa48("502"), 'jail'),
      name: token
    }));
  }
}
function parseTarget(token: string): Result<Target> {
  if (stryMutAct_9fa48("503")) {
    {}
  } else {
    stryCov_9fa48("503");
    const colon = token.lastIndexOf(stryMutAct_9fa48("504") ? "" : (stryCov_9fa48("504"), ':'));
    if (stryMutAct_9fa48("507") ? colon !== -1 : stryMutAct_9fa48("506") ? false : stryMutAct_9fa48("505") ? true : (stryCov_9fa48("505", "506", "507"), colon === (stryMutAct_9fa48("508") ? +1 : (stryCov_9fa48("508"), -1)))) {
      if (stryMutAct_9fa48("509")) {
        {}
      } else {
        stryCov_9fa48("509");
        const e = parseEndpoint(token);
        return e.ok ? ok(stryMutAct_9fa48("510") ? {} : (stryCov_9fa48("510"), {
          endpoint: e.value
        })) : e;
      }
    }
    const host = stryMutAct_9fa48("511") ? token : (stryCov_9fa48("511"), token.slice(0, colon));
    const portText = stryMutAct_9fa48("512") ? token : (stryCov_9fa48("512"), token.slice(stryMutAct_9fa48("513") ? colon - 1 : (stryCov_9fa48("513"), colon + 1)));
    if (stryMutAct_9fa48("516") ? (!/^\d{1,5}$/.test(portText) || Number(portText) < 1) && Number(portText) > 65535 : stryMutAct_9fa48("515") ? false : stryMutAct_9fa48("514") ? true : (stryCov_9fa48("514", "515", "516"), (stryMutAct_9fa48("518") ? !/^\d{1,5}$/.test(portText) && Number(portText) < 1 : stryMutAct_9fa48("517") ? false : (stryCov_9fa48("517", "518"), (stryMutAct_9fa48("519") ? /^\d{1,5}$/.test(portText) : (stryCov_9fa48("519"), !(stryMutAct_9fa48("523") ? /^\D{1,5}$/ : stryMutAct_9fa48("522") ? /^\d$/ : stryMutAct_9fa48("521") ? /^\d{1,5}/ : stryMutAct_9fa48("520") ? /\d{1,5}$/ : (stryCov_9fa48("520", "521", "522", "523"), /^\d{1,5}$/)).test(portText))) || (stryMutAct_9fa48("526") ? Number(portText) >= 1 : stryMutAct_9fa48("525") ? Number(portText) <= 1 : stryMutAct_9fa48("524") ? false : (stryCov_9fa48("524", "525", "526"), Number(portText) < 1)))) || (stryMutAct_9fa48("529") ? Number(portText) <= 65535 : stryMutAct_9fa48("528") ? Number(portText) >= 65535 : stryMutAct_9fa48("527") ? false : (stryCov_9fa48("527", "528", "529"), Number(portText) > 65535)))) {
      if (stryMutAct_9fa48("530")) {
        {}
      } else {
        stryCov_9fa48("530");
        return bad(stryMutAct_9fa48("531") ? `` : (stryCov_9fa48("531"), `malformed endpoint "${token}": port "${portText}" must be a number from 1 to 65535`));
      }
    }
    if (stryMutAct_9fa48("534") ? host.length !== 0 : stryMutAct_9fa48("533") ? false : stryMutAct_9fa48("532") ? true : (stryCov_9fa48("532", "533", "534"), host.length === 0)) return bad(stryMutAct_9fa48("535") ? `` : (stryCov_9fa48("535"), `malformed endpoint "${token}": nothing before ":${portText}"`));
    const e = parseEndpoint(host);
    return e.ok ? ok(stryMutAct_9fa48("536") ? {} : (stryCov_9fa48("536"), {
      endpoint: e.value,
      port: Number(portText)
    })) : e;
  }
}
function parseSource(token: string): Result<Endpoint> {
  if (stryMutAct_9fa48("537")) {
    {}
  } else {
    stryCov_9fa48("537");
    if (stryMutAct_9fa48("539") ? false : stryMutAct_9fa48("538") ? true : (stryCov_9fa48("538", "539"), token.includes(stryMutAct_9fa48("540") ? "" : (stryCov_9fa48("540"), ':')))) return bad(stryMutAct_9fa48("541") ? `` : (stryCov_9fa48("541"), `malformed endpoint "${token}": a source takes no port`));
    const e = parseEndpoint(token);
    if (stryMutAct_9fa48("544") ? false : stryMutAct_9fa48("543") ? true : stryMutAct_9fa48("542") ? e.ok : (stryCov_9fa48("542", "543", "544"), !e.ok)) return e;
    if (stryMutAct_9fa48("547") ? e.value.kind === 'ip' && e.value.kind === 'dns' : stryMutAct_9fa48("546") ? false : stryMutAct_9fa48("545") ? true : (stryCov_9fa48("545", "546", "547"), (stryMutAct_9fa48("549") ? e.value.kind !== 'ip' : stryMutAct_9fa48("548") ? false : (stryCov_9fa48("548", "549"), e.value.kind === (stryMutAct_9fa48("550") ? "" : (stryCov_9fa48("550"), 'ip')))) || (stryMutAct_9fa48("552") ? e.value.kind !== 'dns' : stryMutAct_9fa48("551") ? false : (stryCov_9fa48("551", "552"), e.value.kind === (stryMutAct_9fa48("553") ? "" : (stryCov_9fa48("553"), 'dns')))))) {
      if (stryMutAct_9fa48("554")) {
        {}
      } else {
        stryCov_9fa48("554");
        return bad(stryMutAct_9fa48("555") ? `` : (stryCov_9fa48("555"), `malformed endpoint "${token}": a source must be a jail, a jail pattern, host or upstream`));
      }
    }
    return e;
  }
}
function parseJailRef(token: string, what: string): Result<Endpoint> {
  if (stryMutAct_9fa48("556")) {
    {}
  } else {
    stryCov_9fa48("556");
    const e = parseEndpoint(token);
    if (stryMutAct_9fa48("559") ? false : stryMutAct_9fa48("558") ? true : stryMutAct_9fa48("557") ? e.ok : (stryCov_9fa48("557", "558", "559"), !e.ok)) return e;
    if (stryMutAct_9fa48("562") ? e.value.kind !== 'jail' || e.value.kind !== 'pattern' : stryMutAct_9fa48("561") ? false : stryMutAct_9fa48("560") ? true : (stryCov_9fa48("560", "561", "562"), (stryMutAct_9fa48("564") ? e.value.kind === 'jail' : stryMutAct_9fa48("563") ? true : (stryCov_9fa48("563", "564"), e.value.kind !== (stryMutAct_9fa48("565") ? "" : (stryCov_9fa48("565"), 'jail')))) && (stryMutAct_9fa48("567") ? e.value.kind === 'pattern' : stryMutAct_9fa48("566") ? true : (stryCov_9fa48("566", "567"), e.value.kind !== (stryMutAct_9fa48("568") ? "" : (stryCov_9fa48("568"), 'pattern')))))) {
      if (stryMutAct_9fa48("569")) {
        {}
      } else {
        stryCov_9fa48("569");
        return bad(stryMutAct_9fa48("570") ? `` : (stryCov_9fa48("570"), `malformed endpoint "${token}": ${what} must be a jail name or a jail pattern`));
      }
    }
    return e;
  }
}
function parseLine(kind: string, args: string[], line: number, text: string): Result<Assertion> {
  if (stryMutAct_9fa48("571")) {
    {}
  } else {
    stryCov_9fa48("571");
    const usage: Record<string, string> = stryMutAct_9fa48("572") ? {} : (stryCov_9fa48("572"), {
      reach: stryMutAct_9fa48("573") ? "" : (stryCov_9fa48("573"), 'reach A -> B[:PORT]'),
      isolated: stryMutAct_9fa48("574") ? "" : (stryCov_9fa48("574"), 'isolated A -> B[:PORT]'),
      mesh: stryMutAct_9fa48("575") ? "" : (stryCov_9fa48("575"), 'mesh PATTERN'),
      resolve: stryMutAct_9fa48("576") ? "" : (stryCov_9fa48("576"), 'resolve NAME from A [= IP | in CIDR]'),
      lease: stryMutAct_9fa48("577") ? "" : (stryCov_9fa48("577"), 'lease A [in CIDR]'),
      hostname: stryMutAct_9fa48("578") ? "" : (stryCov_9fa48("578"), 'hostname A = NAME')
    });
    const malformed = stryMutAct_9fa48("579") ? () => undefined : (stryCov_9fa48("579"), (() => {
      const malformed = (): Result<Assertion> => bad(stryMutAct_9fa48("580") ? `` : (stryCov_9fa48("580"), `malformed ${kind} assertion (expected "${usage[kind]}")`));
      return malformed;
    })());
    switch (kind) {
      case stryMutAct_9fa48("581") ? "" : (stryCov_9fa48("581"), 'reach'):
      case stryMutAct_9fa48("583") ? "" : (stryCov_9fa48("583"), 'isolated'):
        if (stryMutAct_9fa48("582")) {} else {
          stryCov_9fa48("582");
          {
            if (stryMutAct_9fa48("584")) {
              {}
            } else {
              stryCov_9fa48("584");
              if (stryMutAct_9fa48("587") ? args.length !== 3 && args[1] !== '->' : stryMutAct_9fa48("586") ? false : stryMutAct_9fa48("585") ? true : (stryCov_9fa48("585", "586", "587"), (stryMutAct_9fa48("589") ? args.length === 3 : stryMutAct_9fa48("588") ? false : (stryCov_9fa48("588", "589"), args.length !== 3)) || (stryMutAct_9fa48("591") ? args[1] === '->' : stryMutAct_9fa48("590") ? false : (stryCov_9fa48("590", "591"), args[1] !== (stryMutAct_9fa48("592") ? "" : (stryCov_9fa48("592"), '->')))))) return malformed();
              const from = parseSource(args[0]!);
              if (stryMutAct_9fa48("595") ? false : stryMutAct_9fa48("594") ? true : stryMutAct_9fa48("593") ? from.ok : (stryCov_9fa48("593", "594", "595"), !from.ok)) return from;
              const to = parseTarget(args[2]!);
              if (stryMutAct_9fa48("598") ? false : stryMutAct_9fa48("597") ? true : stryMutAct_9fa48("596") ? to.ok : (stryCov_9fa48("596", "597", "598"), !to.ok)) return to;
              return ok(stryMutAct_9fa48("599") ? {} : (stryCov_9fa48("599"), {
                kind,
                line,
                text,
                from: from.value,
                to: to.value
              }));
            }
          }
        }
      case stryMutAct_9fa48("601") ? "" : (stryCov_9fa48("601"), 'mesh'):
        if (stryMutAct_9fa48("600")) {} else {
          stryCov_9fa48("600");
          {
            if (stryMutAct_9fa48("602")) {
              {}
            } else {
              stryCov_9fa48("602");
              if (stryMutAct_9fa48("605") ? args.length === 1 : stryMutAct_9fa48("604") ? false : stryMutAct_9fa48("603") ? true : (stryCov_9fa48("603", "604", "605"), args.length !== 1)) return malformed();
              const j = parseJailRef(args[0]!, stryMutAct_9fa48("606") ? "" : (stryCov_9fa48("606"), 'mesh'));
              return j.ok ? ok(stryMutAct_9fa48("607") ? {} : (stryCov_9fa48("607"), {
                kind,
                line,
                text,
                jails: j.value
              })) : j;
            }
          }
        }
      case stryMutAct_9fa48("609") ? "" : (stryCov_9fa48("609"), 'resolve'):
        if (stryMutAct_9fa48("608")) {} else {
          stryCov_9fa48("608");
          {
            if (stryMutAct_9fa48("610")) {
              {}
            } else {
              stryCov_9fa48("610");
              if (stryMutAct_9fa48("613") ? args.length !== 3 && args.length !== 5 && args[1] !== 'from' : stryMutAct_9fa48("612") ? false : stryMutAct_9fa48("611") ? true : (stryCov_9fa48("611", "612", "613"), (stryMutAct_9fa48("615") ? args.length !== 3 || args.length !== 5 : stryMutAct_9fa48("614") ? false : (stryCov_9fa48("614", "615"), (stryMutAct_9fa48("617") ? args.length === 3 : stryMutAct_9fa48("616") ? true : (stryCov_9fa48("616", "617"), args.length !== 3)) && (stryMutAct_9fa48("619") ? args.length === 5 : stryMutAct_9fa48("618") ? true : (stryCov_9fa48("618", "619"), args.length !== 5)))) || (stryMutAct_9fa48("621") ? args[1] === 'from' : stryMutAct_9fa48("620") ? false : (stryCov_9fa48("620", "621"), args[1] !== (stryMutAct_9fa48("622") ? "" : (stryCov_9fa48("622"), 'from')))))) return malformed();
              const nameProblem = dnsNameProblem(args[0]!);
              if (stryMutAct_9fa48("624") ? false : stryMutAct_9fa48("623") ? true : (stryCov_9fa48("623", "624"), nameProblem)) return bad(stryMutAct_9fa48("625") ? `` : (stryCov_9fa48("625"), `malformed name "${args[0]}" in resolve: a DNS name ${nameProblem}`));
              const from = parseSource(args[2]!);
              if (stryMutAct_9fa48("628") ? false : stryMutAct_9fa48("627") ? true : stryMutAct_9fa48("626") ? from.ok : (stryCov_9fa48("626", "627", "628"), !from.ok)) return from;
              let expect: ResolveExpect = stryMutAct_9fa48("629") ? {} : (stryCov_9fa48("629"), {
                kind: stryMutAct_9fa48("630") ? "" : (stryCov_9fa48("630"), 'any')
              });
              if (stryMutAct_9fa48("633") ? args.length !== 5 : stryMutAct_9fa48("632") ? false : stryMutAct_9fa48("631") ? true : (stryCov_9fa48("631", "632", "633"), args.length === 5)) {
                if (stryMutAct_9fa48("634")) {
                  {}
                } else {
                  stryCov_9fa48("634");
                  const [op, value] = stryMutAct_9fa48("635") ? [] : (stryCov_9fa48("635"), [args[3]!, args[4]!]);
                  if (stryMutAct_9fa48("638") ? op !== '=' : stryMutAct_9fa48("637") ? false : stryMutAct_9fa48("636") ? true : (stryCov_9fa48("636", "637", "638"), op === (stryMutAct_9fa48("639") ? "" : (stryCov_9fa48("639"), '=')))) {
                    if (stryMutAct_9fa48("640")) {
                      {}
                    } else {
                      stryCov_9fa48("640");
                      if (stryMutAct_9fa48("643") ? false : stryMutAct_9fa48("642") ? true : stryMutAct_9fa48("641") ? ipaddr.IPv4.isValidFourPartDecimal(value) : (stryCov_9fa48("641", "642", "643"), !ipaddr.IPv4.isValidFourPartDecimal(value))) return bad(stryMutAct_9fa48("644") ? `` : (stryCov_9fa48("644"), `malformed address "${value}" in resolve: not a valid IPv4 address`));
                      expect = stryMutAct_9fa48("645") ? {} : (stryCov_9fa48("645"), {
                        kind: stryMutAct_9fa48("646") ? "" : (stryCov_9fa48("646"), 'ip'),
                        address: value
                      });
                    }
                  } else if (stryMutAct_9fa48("649") ? op !== 'in' : stryMutAct_9fa48("648") ? false : stryMutAct_9fa48("647") ? true : (stryCov_9fa48("647", "648", "649"), op === (stryMutAct_9fa48("650") ? "" : (stryCov_9fa48("650"), 'in')))) {
                    if (stryMutAct_9fa48("651")) {
                      {}
                    } else {
                      stryCov_9fa48("651");
                      const p = cidrProblem(value);
                      if (stryMutAct_9fa48("653") ? false : stryMutAct_9fa48("652") ? true : (stryCov_9fa48("652", "653"), p)) return bad(p);
                      expect = stryMutAct_9fa48("654") ? {} : (stryCov_9fa48("654"), {
                        kind: stryMutAct_9fa48("655") ? "" : (stryCov_9fa48("655"), 'cidr'),
                        cidr: value
                      });
                    }
                  } else return malformed();
                }
              }
              return ok(stryMutAct_9fa48("656") ? {} : (stryCov_9fa48("656"), {
                kind,
                line,
                text,
                name: args[0]!,
                from: from.value,
                expect
              }));
            }
          }
        }
      case stryMutAct_9fa48("658") ? "" : (stryCov_9fa48("658"), 'lease'):
        if (stryMutAct_9fa48("657")) {} else {
          stryCov_9fa48("657");
          {
            if (stryMutAct_9fa48("659")) {
              {}
            } else {
              stryCov_9fa48("659");
              if (stryMutAct_9fa48("662") ? args.length !== 1 || !(args.length === 3 && args[1] === 'in') : stryMutAct_9fa48("661") ? false : stryMutAct_9fa48("660") ? true : (stryCov_9fa48("660", "661", "662"), (stryMutAct_9fa48("664") ? args.length === 1 : stryMutAct_9fa48("663") ? true : (stryCov_9fa48("663", "664"), args.length !== 1)) && (stryMutAct_9fa48("665") ? args.length === 3 && args[1] === 'in' : (stryCov_9fa48("665"), !(stryMutAct_9fa48("668") ? args.length === 3 || args[1] === 'in' : stryMutAct_9fa48("667") ? false : stryMutAct_9fa48("666") ? true : (stryCov_9fa48("666", "667", "668"), (stryMutAct_9fa48("670") ? args.length !== 3 : stryMutAct_9fa48("669") ? true : (stryCov_9fa48("669", "670"), args.length === 3)) && (stryMutAct_9fa48("672") ? args[1] !== 'in' : stryMutAct_9fa48("671") ? true : (stryCov_9fa48("671", "672"), args[1] === (stryMutAct_9fa48("673") ? "" : (stryCov_9fa48("673"), 'in')))))))))) return malformed();
              const j = parseJailRef(args[0]!, stryMutAct_9fa48("674") ? "" : (stryCov_9fa48("674"), 'lease'));
              if (stryMutAct_9fa48("677") ? false : stryMutAct_9fa48("676") ? true : stryMutAct_9fa48("675") ? j.ok : (stryCov_9fa48("675", "676", "677"), !j.ok)) return j;
              if (stryMutAct_9fa48("680") ? args.length !== 3 : stryMutAct_9fa48("679") ? false : stryMutAct_9fa48("678") ? true : (stryCov_9fa48("678", "679", "680"), args.length === 3)) {
                if (stryMutAct_9fa48("681")) {
                  {}
                } else {
                  stryCov_9fa48("681");
                  const p = cidrProblem(args[2]!);
                  if (stryMutAct_9fa48("683") ? false : stryMutAct_9fa48("682") ? true : (stryCov_9fa48("682", "683"), p)) return bad(p);
                  return ok(stryMutAct_9fa48("684") ? {} : (stryCov_9fa48("684"), {
                    kind,
                    line,
                    text,
                    jail: j.value,
                    cidr: args[2]!
                  }));
                }
              }
              return ok(stryMutAct_9fa48("685") ? {} : (stryCov_9fa48("685"), {
                kind,
                line,
                text,
                jail: j.value
              }));
            }
          }
        }
      case stryMutAct_9fa48("687") ? "" : (stryCov_9fa48("687"), 'hostname'):
        if (stryMutAct_9fa48("686")) {} else {
          stryCov_9fa48("686");
          {
            if (stryMutAct_9fa48("688")) {
              {}
            } else {
              stryCov_9fa48("688");
              if (stryMutAct_9fa48("691") ? args.length !== 3 && args[1] !== '=' : stryMutAct_9fa48("690") ? false : stryMutAct_9fa48("689") ? true : (stryCov_9fa48("689", "690", "691"), (stryMutAct_9fa48("693") ? args.length === 3 : stryMutAct_9fa48("692") ? false : (stryCov_9fa48("692", "693"), args.length !== 3)) || (stryMutAct_9fa48("695") ? args[1] === '=' : stryMutAct_9fa48("694") ? false : (stryCov_9fa48("694", "695"), args[1] !== (stryMutAct_9fa48("696") ? "" : (stryCov_9fa48("696"), '=')))))) return malformed();
              const j = parseJailRef(args[0]!, stryMutAct_9fa48("697") ? "" : (stryCov_9fa48("697"), 'hostname'));
              if (stryMutAct_9fa48("700") ? false : stryMutAct_9fa48("699") ? true : stryMutAct_9fa48("698") ? j.ok : (stryCov_9fa48("698", "699", "700"), !j.ok)) return j;
              const p = dnsNameProblem(args[2]!);
              if (stryMutAct_9fa48("702") ? false : stryMutAct_9fa48("701") ? true : (stryCov_9fa48("701", "702"), p)) return bad(stryMutAct_9fa48("703") ? `` : (stryCov_9fa48("703"), `malformed hostname "${args[2]}": ${p}`));
              return ok(stryMutAct_9fa48("704") ? {} : (stryCov_9fa48("704"), {
                kind,
                line,
                text,
                jail: j.value,
                name: args[2]!
              }));
            }
          }
        }
    }
    return bad(stryMutAct_9fa48("705") ? `` : (stryCov_9fa48("705"), `unknown assertion "${kind}"${didYouMean(kind, ASSERTION_KINDS)}; known: ${ASSERTION_KINDS.join(stryMutAct_9fa48("706") ? "" : (stryCov_9fa48("706"), ', '))}`));
  }
}

/** Parses an assert block body; `firstLine` is the recipe line of the body's first line. */
export function parseAssertions(body: string, firstLine: number): {
  assertions: Assertion[];
  problems: GrammarProblem[];
} {
  if (stryMutAct_9fa48("707")) {
    {}
  } else {
    stryCov_9fa48("707");
    const assertions: Assertion[] = stryMutAct_9fa48("708") ? ["Stryker was here"] : (stryCov_9fa48("708"), []);
    const problems: GrammarProblem[] = stryMutAct_9fa48("709") ? ["Stryker was here"] : (stryCov_9fa48("709"), []);
    body.split(stryMutAct_9fa48("710") ? "" : (stryCov_9fa48("710"), '\n')).forEach((raw, i) => {
      if (stryMutAct_9fa48("711")) {
        {}
      } else {
        stryCov_9fa48("711");
        const line = stryMutAct_9fa48("712") ? firstLine - i : (stryCov_9fa48("712"), firstLine + i);
        const hash = raw.indexOf(stryMutAct_9fa48("713") ? "" : (stryCov_9fa48("713"), '#'));
        const text = stryMutAct_9fa48("714") ? hash === -1 ? raw : raw.slice(0, hash) : (stryCov_9fa48("714"), ((stryMutAct_9fa48("717") ? hash !== -1 : stryMutAct_9fa48("716") ? false : stryMutAct_9fa48("715") ? true : (stryCov_9fa48("715", "716", "717"), hash === (stryMutAct_9fa48("718") ? +1 : (stryCov_9fa48("718"), -1)))) ? raw : stryMutAct_9fa48("719") ? raw : (stryCov_9fa48("719"), raw.slice(0, hash))).trim());
        if (stryMutAct_9fa48("722") ? text !== '' : stryMutAct_9fa48("721") ? false : stryMutAct_9fa48("720") ? true : (stryCov_9fa48("720", "721", "722"), text === (stryMutAct_9fa48("723") ? "Stryker was here!" : (stryCov_9fa48("723"), '')))) return;
        // "A->B" is accepted as "A -> B".
        const tokens = stryMutAct_9fa48("724") ? text.replace(/->/g, ' -> ').split(/\s+/) : (stryCov_9fa48("724"), text.replace(/->/g, stryMutAct_9fa48("725") ? "" : (stryCov_9fa48("725"), ' -> ')).split(stryMutAct_9fa48("727") ? /\S+/ : stryMutAct_9fa48("726") ? /\s/ : (stryCov_9fa48("726", "727"), /\s+/)).filter(Boolean));
        const r = parseLine(tokens[0]!, stryMutAct_9fa48("728") ? tokens : (stryCov_9fa48("728"), tokens.slice(1)), line, text);
        if (stryMutAct_9fa48("730") ? false : stryMutAct_9fa48("729") ? true : (stryCov_9fa48("729", "730"), r.ok)) assertions.push(r.value);else problems.push(stryMutAct_9fa48("731") ? {} : (stryCov_9fa48("731"), {
          line,
          message: r.message
        }));
      }
    });
    return stryMutAct_9fa48("732") ? {} : (stryCov_9fa48("732"), {
      assertions,
      problems
    });
  }
}