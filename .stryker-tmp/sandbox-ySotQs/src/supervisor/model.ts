// @ts-nocheck
// The supervisor file as checked data (pure): networks and jails, dependency order, every problem with its line.
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
import { cidrProblem } from '../assert/grammar.js';
import { parseDuration } from '../recipe/duration.js';
import { dnsNameProblem, networkNameProblem, newJailNameProblem } from '../recipe/names.js';
import { didYouMean } from '../util/suggest.js';
import { readIni, type IniSection } from './ini.js';
import { TRUNK_NAME } from '../engine/vlan-names.js';
import ipaddr from 'ipaddr.js';
import { overlaps, parseDhcpRange, planSubnet, slotProblem, staticAddrProblem, type SubnetPlan } from '../engine/ipam.js';

/** A `[network:<name>]` section. */
export interface SupNetwork {
  name: string;
  line: number;
  type: 'nat' | 'isolated';
  subnet: string;
  domain?: string;
  dhcpRange?: string;
  vlan?: number;
  trunk?: string;
}

/** How a jail says it is ready. */
export type Ready = {
  kind: 'tcp';
  port: number;
} | {
  kind: 'exec';
  command: string;
} | {
  kind: 'log';
  regex: string;
};

/** A `[jail:<name>]` section. */
export interface SupJail {
  name: string;
  line: number;
  network: string;
  addr: string;
  count?: number;
  slot?: number;
  depends: string[];
  command?: string;
  ready?: Ready;
  readyTimeoutMs: number;
}

/** A checked supervisor file. */
export interface SupervisorFile {
  path: string;
  networks: SupNetwork[];
  /** In start order: every jail after its dependencies. */
  jails: SupJail[];
}

/** A problem, as `path:line: message`. */
export interface SupProblem {
  path: string;
  line: number;
  message: string;
}
const NETWORK_KEYS = stryMutAct_9fa48("2373") ? [] : (stryCov_9fa48("2373"), [stryMutAct_9fa48("2374") ? "" : (stryCov_9fa48("2374"), 'type'), stryMutAct_9fa48("2375") ? "" : (stryCov_9fa48("2375"), 'subnet'), stryMutAct_9fa48("2376") ? "" : (stryCov_9fa48("2376"), 'domain'), stryMutAct_9fa48("2377") ? "" : (stryCov_9fa48("2377"), 'dhcp-range'), stryMutAct_9fa48("2378") ? "" : (stryCov_9fa48("2378"), 'vlan'), stryMutAct_9fa48("2379") ? "" : (stryCov_9fa48("2379"), 'trunk')]);
const JAIL_KEYS = stryMutAct_9fa48("2380") ? [] : (stryCov_9fa48("2380"), [stryMutAct_9fa48("2381") ? "" : (stryCov_9fa48("2381"), 'network'), stryMutAct_9fa48("2382") ? "" : (stryCov_9fa48("2382"), 'addr'), stryMutAct_9fa48("2383") ? "" : (stryCov_9fa48("2383"), 'count'), stryMutAct_9fa48("2384") ? "" : (stryCov_9fa48("2384"), 'slot'), stryMutAct_9fa48("2385") ? "" : (stryCov_9fa48("2385"), 'depends'), stryMutAct_9fa48("2386") ? "" : (stryCov_9fa48("2386"), 'command'), stryMutAct_9fa48("2387") ? "" : (stryCov_9fa48("2387"), 'ready'), stryMutAct_9fa48("2388") ? "" : (stryCov_9fa48("2388"), 'ready-timeout')]);
function parseReady(v: string): Ready | string {
  if (stryMutAct_9fa48("2389")) {
    {}
  } else {
    stryCov_9fa48("2389");
    const m = (stryMutAct_9fa48("2392") ? /^(tcp|exec|log):(.)$/s : stryMutAct_9fa48("2391") ? /^(tcp|exec|log):(.+)/s : stryMutAct_9fa48("2390") ? /(tcp|exec|log):(.+)$/s : (stryCov_9fa48("2390", "2391", "2392"), /^(tcp|exec|log):(.+)$/s)).exec(v);
    if (stryMutAct_9fa48("2395") ? false : stryMutAct_9fa48("2394") ? true : stryMutAct_9fa48("2393") ? m : (stryCov_9fa48("2393", "2394", "2395"), !m)) return stryMutAct_9fa48("2396") ? `` : (stryCov_9fa48("2396"), `ready = ${v}: expected tcp:PORT, exec:CMD or log:REGEX`);
    if (stryMutAct_9fa48("2399") ? m[1] !== 'tcp' : stryMutAct_9fa48("2398") ? false : stryMutAct_9fa48("2397") ? true : (stryCov_9fa48("2397", "2398", "2399"), m[1] === (stryMutAct_9fa48("2400") ? "" : (stryCov_9fa48("2400"), 'tcp')))) {
      if (stryMutAct_9fa48("2401")) {
        {}
      } else {
        stryCov_9fa48("2401");
        const port = Number(m[2]);
        return (stryMutAct_9fa48("2404") ? /^\d{1,5}$/.test(m[2]!) && port >= 1 || port <= 65535 : stryMutAct_9fa48("2403") ? false : stryMutAct_9fa48("2402") ? true : (stryCov_9fa48("2402", "2403", "2404"), (stryMutAct_9fa48("2406") ? /^\d{1,5}$/.test(m[2]!) || port >= 1 : stryMutAct_9fa48("2405") ? true : (stryCov_9fa48("2405", "2406"), (stryMutAct_9fa48("2410") ? /^\D{1,5}$/ : stryMutAct_9fa48("2409") ? /^\d$/ : stryMutAct_9fa48("2408") ? /^\d{1,5}/ : stryMutAct_9fa48("2407") ? /\d{1,5}$/ : (stryCov_9fa48("2407", "2408", "2409", "2410"), /^\d{1,5}$/)).test(m[2]!) && (stryMutAct_9fa48("2413") ? port < 1 : stryMutAct_9fa48("2412") ? port > 1 : stryMutAct_9fa48("2411") ? true : (stryCov_9fa48("2411", "2412", "2413"), port >= 1)))) && (stryMutAct_9fa48("2416") ? port > 65535 : stryMutAct_9fa48("2415") ? port < 65535 : stryMutAct_9fa48("2414") ? true : (stryCov_9fa48("2414", "2415", "2416"), port <= 65535)))) ? stryMutAct_9fa48("2417") ? {} : (stryCov_9fa48("2417"), {
          kind: stryMutAct_9fa48("2418") ? "" : (stryCov_9fa48("2418"), 'tcp'),
          port
        }) : stryMutAct_9fa48("2419") ? `` : (stryCov_9fa48("2419"), `ready = ${v}: the port must be from 1 to 65535`);
      }
    }
    if (stryMutAct_9fa48("2422") ? m[1] !== 'log' : stryMutAct_9fa48("2421") ? false : stryMutAct_9fa48("2420") ? true : (stryCov_9fa48("2420", "2421", "2422"), m[1] === (stryMutAct_9fa48("2423") ? "" : (stryCov_9fa48("2423"), 'log')))) {
      if (stryMutAct_9fa48("2424")) {
        {}
      } else {
        stryCov_9fa48("2424");
        try {
          if (stryMutAct_9fa48("2425")) {
            {}
          } else {
            stryCov_9fa48("2425");
            new RegExp(m[2]!);
          }
        } catch (e) {
          if (stryMutAct_9fa48("2426")) {
            {}
          } else {
            stryCov_9fa48("2426");
            return stryMutAct_9fa48("2427") ? `` : (stryCov_9fa48("2427"), `ready = ${v}: bad regular expression (${(e as Error).message})`);
          }
        }
        return stryMutAct_9fa48("2428") ? {} : (stryCov_9fa48("2428"), {
          kind: stryMutAct_9fa48("2429") ? "" : (stryCov_9fa48("2429"), 'log'),
          regex: m[2]!
        });
      }
    }
    return stryMutAct_9fa48("2430") ? {} : (stryCov_9fa48("2430"), {
      kind: stryMutAct_9fa48("2431") ? "" : (stryCov_9fa48("2431"), 'exec'),
      command: m[2]!
    });
  }
}

/** A whole number from `min` to `max`, or undefined after reporting `message` at the entry's line. */
function wholeNumber(e: {
  value: string;
  line: number;
}, min: number, max: number, message: string, err: (line: number, m: string) => void): number | undefined {
  if (stryMutAct_9fa48("2432")) {
    {}
  } else {
    stryCov_9fa48("2432");
    const n = Number(e.value);
    if (stryMutAct_9fa48("2435") ? /^\d+$/.test(e.value) && n >= min || n <= max : stryMutAct_9fa48("2434") ? false : stryMutAct_9fa48("2433") ? true : (stryCov_9fa48("2433", "2434", "2435"), (stryMutAct_9fa48("2437") ? /^\d+$/.test(e.value) || n >= min : stryMutAct_9fa48("2436") ? true : (stryCov_9fa48("2436", "2437"), (stryMutAct_9fa48("2441") ? /^\D+$/ : stryMutAct_9fa48("2440") ? /^\d$/ : stryMutAct_9fa48("2439") ? /^\d+/ : stryMutAct_9fa48("2438") ? /\d+$/ : (stryCov_9fa48("2438", "2439", "2440", "2441"), /^\d+$/)).test(e.value) && (stryMutAct_9fa48("2444") ? n < min : stryMutAct_9fa48("2443") ? n > min : stryMutAct_9fa48("2442") ? true : (stryCov_9fa48("2442", "2443", "2444"), n >= min)))) && (stryMutAct_9fa48("2447") ? n > max : stryMutAct_9fa48("2446") ? n < max : stryMutAct_9fa48("2445") ? true : (stryCov_9fa48("2445", "2446", "2447"), n <= max)))) return n;
    err(e.line, message);
    return undefined;
  }
}

/** Orders jails so each comes after its dependencies; reports the first cycle found. */
function order(jails: SupJail[], path: string, problems: SupProblem[]): SupJail[] {
  if (stryMutAct_9fa48("2448")) {
    {}
  } else {
    stryCov_9fa48("2448");
    const byName = new Map(jails.map(stryMutAct_9fa48("2449") ? () => undefined : (stryCov_9fa48("2449"), j => stryMutAct_9fa48("2450") ? [] : (stryCov_9fa48("2450"), [j.name, j]))));
    const out: SupJail[] = stryMutAct_9fa48("2451") ? ["Stryker was here"] : (stryCov_9fa48("2451"), []);
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (j: SupJail, trail: string[]): void => {
      if (stryMutAct_9fa48("2452")) {
        {}
      } else {
        stryCov_9fa48("2452");
        if (stryMutAct_9fa48("2455") ? state.get(j.name) !== 'done' : stryMutAct_9fa48("2454") ? false : stryMutAct_9fa48("2453") ? true : (stryCov_9fa48("2453", "2454", "2455"), state.get(j.name) === (stryMutAct_9fa48("2456") ? "" : (stryCov_9fa48("2456"), 'done')))) return;
        if (stryMutAct_9fa48("2459") ? state.get(j.name) !== 'visiting' : stryMutAct_9fa48("2458") ? false : stryMutAct_9fa48("2457") ? true : (stryCov_9fa48("2457", "2458", "2459"), state.get(j.name) === (stryMutAct_9fa48("2460") ? "" : (stryCov_9fa48("2460"), 'visiting')))) {
          if (stryMutAct_9fa48("2461")) {
            {}
          } else {
            stryCov_9fa48("2461");
            const cycle = stryMutAct_9fa48("2462") ? [] : (stryCov_9fa48("2462"), [...(stryMutAct_9fa48("2463") ? trail : (stryCov_9fa48("2463"), trail.slice(trail.indexOf(j.name)))), j.name]);
            problems.push(stryMutAct_9fa48("2464") ? {} : (stryCov_9fa48("2464"), {
              path,
              line: j.line,
              message: stryMutAct_9fa48("2465") ? `` : (stryCov_9fa48("2465"), `dependency cycle: ${cycle.join(stryMutAct_9fa48("2466") ? "" : (stryCov_9fa48("2466"), ' -> '))}`)
            }));
            return;
          }
        }
        state.set(j.name, stryMutAct_9fa48("2467") ? "" : (stryCov_9fa48("2467"), 'visiting'));
        for (const d of j.depends) {
          if (stryMutAct_9fa48("2468")) {
            {}
          } else {
            stryCov_9fa48("2468");
            const dep = byName.get(d);
            if (stryMutAct_9fa48("2470") ? false : stryMutAct_9fa48("2469") ? true : (stryCov_9fa48("2469", "2470"), dep)) visit(dep, stryMutAct_9fa48("2471") ? [] : (stryCov_9fa48("2471"), [...trail, j.name]));
          }
        }
        state.set(j.name, stryMutAct_9fa48("2472") ? "" : (stryCov_9fa48("2472"), 'done'));
        out.push(j);
      }
    };
    for (const j of jails) visit(j, stryMutAct_9fa48("2473") ? ["Stryker was here"] : (stryCov_9fa48("2473"), []));
    return out;
  }
}

/** Parses and checks a supervisor file's text; returns the model and every problem. */
export function parseSupervisor(path: string, text: string): {
  file: SupervisorFile;
  problems: SupProblem[];
} {
  if (stryMutAct_9fa48("2474")) {
    {}
  } else {
    stryCov_9fa48("2474");
    const {
      sections,
      problems: iniProblems
    } = readIni(text);
    const problems: SupProblem[] = iniProblems.map(stryMutAct_9fa48("2475") ? () => undefined : (stryCov_9fa48("2475"), p => stryMutAct_9fa48("2476") ? {} : (stryCov_9fa48("2476"), {
      path,
      ...p
    })));
    const err = stryMutAct_9fa48("2477") ? () => undefined : (stryCov_9fa48("2477"), (() => {
      const err = (line: number, message: string) => problems.push(stryMutAct_9fa48("2478") ? {} : (stryCov_9fa48("2478"), {
        path,
        line,
        message
      }));
      return err;
    })());
    const networks: SupNetwork[] = stryMutAct_9fa48("2479") ? ["Stryker was here"] : (stryCov_9fa48("2479"), []);
    const jails: SupJail[] = stryMutAct_9fa48("2480") ? ["Stryker was here"] : (stryCov_9fa48("2480"), []);
    const get = stryMutAct_9fa48("2481") ? () => undefined : (stryCov_9fa48("2481"), (() => {
      const get = (s: IniSection, k: string) => s.entries.find(stryMutAct_9fa48("2482") ? () => undefined : (stryCov_9fa48("2482"), e => stryMutAct_9fa48("2485") ? e.key !== k : stryMutAct_9fa48("2484") ? false : stryMutAct_9fa48("2483") ? true : (stryCov_9fa48("2483", "2484", "2485"), e.key === k)));
      return get;
    })());
    for (const s of sections) {
      if (stryMutAct_9fa48("2486")) {
        {}
      } else {
        stryCov_9fa48("2486");
        const m = (stryMutAct_9fa48("2489") ? /^(network|jail):(.)$/ : stryMutAct_9fa48("2488") ? /^(network|jail):(.*)/ : stryMutAct_9fa48("2487") ? /(network|jail):(.*)$/ : (stryCov_9fa48("2487", "2488", "2489"), /^(network|jail):(.*)$/)).exec(s.header);
        if (stryMutAct_9fa48("2492") ? false : stryMutAct_9fa48("2491") ? true : stryMutAct_9fa48("2490") ? m : (stryCov_9fa48("2490", "2491", "2492"), !m)) {
          if (stryMutAct_9fa48("2493")) {
            {}
          } else {
            stryCov_9fa48("2493");
            const type = s.header.split(stryMutAct_9fa48("2494") ? "" : (stryCov_9fa48("2494"), ':'))[0]!;
            err(s.line, stryMutAct_9fa48("2495") ? `` : (stryCov_9fa48("2495"), `unknown section [${s.header}]${didYouMean(type, stryMutAct_9fa48("2496") ? [] : (stryCov_9fa48("2496"), [stryMutAct_9fa48("2497") ? "" : (stryCov_9fa48("2497"), 'network'), stryMutAct_9fa48("2498") ? "" : (stryCov_9fa48("2498"), 'jail')])).replace(stryMutAct_9fa48("2500") ? /"([^a-z]+)"/ : stryMutAct_9fa48("2499") ? /"([a-z])"/ : (stryCov_9fa48("2499", "2500"), /"([a-z]+)"/), stryMutAct_9fa48("2501") ? "" : (stryCov_9fa48("2501"), '"[$1:...]"'))} (expected [network:NAME] or [jail:NAME])`));
            continue;
          }
        }
        const [, kind, name] = m as unknown as [string, 'network' | 'jail', string];
        const allowed = (stryMutAct_9fa48("2504") ? kind !== 'network' : stryMutAct_9fa48("2503") ? false : stryMutAct_9fa48("2502") ? true : (stryCov_9fa48("2502", "2503", "2504"), kind === (stryMutAct_9fa48("2505") ? "" : (stryCov_9fa48("2505"), 'network')))) ? NETWORK_KEYS : JAIL_KEYS;
        for (const e of s.entries) if (stryMutAct_9fa48("2508") ? false : stryMutAct_9fa48("2507") ? true : stryMutAct_9fa48("2506") ? allowed.includes(e.key) : (stryCov_9fa48("2506", "2507", "2508"), !allowed.includes(e.key))) err(e.line, stryMutAct_9fa48("2509") ? `` : (stryCov_9fa48("2509"), `unknown key "${e.key}" in [${s.header}]${didYouMean(e.key, allowed)}`));
        if (stryMutAct_9fa48("2512") ? kind !== 'network' : stryMutAct_9fa48("2511") ? false : stryMutAct_9fa48("2510") ? true : (stryCov_9fa48("2510", "2511", "2512"), kind === (stryMutAct_9fa48("2513") ? "" : (stryCov_9fa48("2513"), 'network')))) {
          if (stryMutAct_9fa48("2514")) {
            {}
          } else {
            stryCov_9fa48("2514");
            const np = networkNameProblem(name);
            if (stryMutAct_9fa48("2516") ? false : stryMutAct_9fa48("2515") ? true : (stryCov_9fa48("2515", "2516"), np)) err(s.line, stryMutAct_9fa48("2517") ? `` : (stryCov_9fa48("2517"), `network name "${name}" ${np}`));
            const type = stryMutAct_9fa48("2518") ? get(s, 'type')?.value && 'nat' : (stryCov_9fa48("2518"), (stryMutAct_9fa48("2519") ? get(s, 'type').value : (stryCov_9fa48("2519"), get(s, stryMutAct_9fa48("2520") ? "" : (stryCov_9fa48("2520"), 'type'))?.value)) ?? (stryMutAct_9fa48("2521") ? "" : (stryCov_9fa48("2521"), 'nat')));
            if (stryMutAct_9fa48("2524") ? type !== 'nat' || type !== 'isolated' : stryMutAct_9fa48("2523") ? false : stryMutAct_9fa48("2522") ? true : (stryCov_9fa48("2522", "2523", "2524"), (stryMutAct_9fa48("2526") ? type === 'nat' : stryMutAct_9fa48("2525") ? true : (stryCov_9fa48("2525", "2526"), type !== (stryMutAct_9fa48("2527") ? "" : (stryCov_9fa48("2527"), 'nat')))) && (stryMutAct_9fa48("2529") ? type === 'isolated' : stryMutAct_9fa48("2528") ? true : (stryCov_9fa48("2528", "2529"), type !== (stryMutAct_9fa48("2530") ? "" : (stryCov_9fa48("2530"), 'isolated')))))) err(get(s, stryMutAct_9fa48("2531") ? "" : (stryCov_9fa48("2531"), 'type'))!.line, stryMutAct_9fa48("2532") ? `` : (stryCov_9fa48("2532"), `type = ${type}: expected nat or isolated${didYouMean(type, stryMutAct_9fa48("2533") ? [] : (stryCov_9fa48("2533"), [stryMutAct_9fa48("2534") ? "" : (stryCov_9fa48("2534"), 'nat'), stryMutAct_9fa48("2535") ? "" : (stryCov_9fa48("2535"), 'isolated')]))}`));
            const subnet = get(s, stryMutAct_9fa48("2536") ? "" : (stryCov_9fa48("2536"), 'subnet'));
            if (stryMutAct_9fa48("2539") ? false : stryMutAct_9fa48("2538") ? true : stryMutAct_9fa48("2537") ? subnet : (stryCov_9fa48("2537", "2538", "2539"), !subnet)) err(s.line, stryMutAct_9fa48("2540") ? `` : (stryCov_9fa48("2540"), `[${s.header}] needs subnet = CIDR`));else {
              if (stryMutAct_9fa48("2541")) {
                {}
              } else {
                stryCov_9fa48("2541");
                const p = cidrProblem(subnet.value);
                if (stryMutAct_9fa48("2543") ? false : stryMutAct_9fa48("2542") ? true : (stryCov_9fa48("2542", "2543"), p)) err(subnet.line, p);
              }
            }
            const domain = get(s, stryMutAct_9fa48("2544") ? "" : (stryCov_9fa48("2544"), 'domain'));
            if (stryMutAct_9fa48("2546") ? false : stryMutAct_9fa48("2545") ? true : (stryCov_9fa48("2545", "2546"), domain)) {
              if (stryMutAct_9fa48("2547")) {
                {}
              } else {
                stryCov_9fa48("2547");
                const p = dnsNameProblem(domain.value);
                if (stryMutAct_9fa48("2549") ? false : stryMutAct_9fa48("2548") ? true : (stryCov_9fa48("2548", "2549"), p)) err(domain.line, stryMutAct_9fa48("2550") ? `` : (stryCov_9fa48("2550"), `domain = ${domain.value} is not a valid DNS name: it ${p}`));
              }
            }
            const vlan = get(s, stryMutAct_9fa48("2551") ? "" : (stryCov_9fa48("2551"), 'vlan'));
            const vid = vlan ? wholeNumber(vlan, 1, 4094, stryMutAct_9fa48("2552") ? `` : (stryCov_9fa48("2552"), `vlan = ${stryMutAct_9fa48("2553") ? vlan.value : (stryCov_9fa48("2553"), vlan?.value)}: a VLAN id is from 1 to 4094`), err) : undefined;
            const trunk = get(s, stryMutAct_9fa48("2554") ? "" : (stryCov_9fa48("2554"), 'trunk'));
            if (stryMutAct_9fa48("2557") ? trunk || !vlan : stryMutAct_9fa48("2556") ? false : stryMutAct_9fa48("2555") ? true : (stryCov_9fa48("2555", "2556", "2557"), trunk && (stryMutAct_9fa48("2558") ? vlan : (stryCov_9fa48("2558"), !vlan)))) err(trunk.line, stryMutAct_9fa48("2559") ? "" : (stryCov_9fa48("2559"), 'trunk needs vlan = ID in the same section'));
            if (stryMutAct_9fa48("2562") ? trunk || !TRUNK_NAME.test(trunk.value) : stryMutAct_9fa48("2561") ? false : stryMutAct_9fa48("2560") ? true : (stryCov_9fa48("2560", "2561", "2562"), trunk && (stryMutAct_9fa48("2563") ? TRUNK_NAME.test(trunk.value) : (stryCov_9fa48("2563"), !TRUNK_NAME.test(trunk.value))))) err(trunk.line, stryMutAct_9fa48("2564") ? `` : (stryCov_9fa48("2564"), `trunk = ${trunk.value}: a trunk name is 1-12 lowercase letters, digits and "-"`));
            networks.push(stryMutAct_9fa48("2565") ? {} : (stryCov_9fa48("2565"), {
              name,
              line: s.line,
              type: (stryMutAct_9fa48("2568") ? type !== 'isolated' : stryMutAct_9fa48("2567") ? false : stryMutAct_9fa48("2566") ? true : (stryCov_9fa48("2566", "2567", "2568"), type === (stryMutAct_9fa48("2569") ? "" : (stryCov_9fa48("2569"), 'isolated')))) ? stryMutAct_9fa48("2570") ? "" : (stryCov_9fa48("2570"), 'isolated') : stryMutAct_9fa48("2571") ? "" : (stryCov_9fa48("2571"), 'nat'),
              subnet: stryMutAct_9fa48("2572") ? subnet?.value && '' : (stryCov_9fa48("2572"), (stryMutAct_9fa48("2573") ? subnet.value : (stryCov_9fa48("2573"), subnet?.value)) ?? (stryMutAct_9fa48("2574") ? "Stryker was here!" : (stryCov_9fa48("2574"), ''))),
              ...(domain ? stryMutAct_9fa48("2575") ? {} : (stryCov_9fa48("2575"), {
                domain: domain.value
              }) : {}),
              ...(get(s, stryMutAct_9fa48("2576") ? "" : (stryCov_9fa48("2576"), 'dhcp-range')) ? stryMutAct_9fa48("2577") ? {} : (stryCov_9fa48("2577"), {
                dhcpRange: get(s, stryMutAct_9fa48("2578") ? "" : (stryCov_9fa48("2578"), 'dhcp-range'))!.value
              }) : {}),
              ...((stryMutAct_9fa48("2581") ? vid === undefined : stryMutAct_9fa48("2580") ? false : stryMutAct_9fa48("2579") ? true : (stryCov_9fa48("2579", "2580", "2581"), vid !== undefined)) ? stryMutAct_9fa48("2582") ? {} : (stryCov_9fa48("2582"), {
                vlan: vid,
                trunk: stryMutAct_9fa48("2583") ? trunk?.value && 'trunk0' : (stryCov_9fa48("2583"), (stryMutAct_9fa48("2584") ? trunk.value : (stryCov_9fa48("2584"), trunk?.value)) ?? (stryMutAct_9fa48("2585") ? "" : (stryCov_9fa48("2585"), 'trunk0')))
              }) : {})
            }));
          }
        } else {
          if (stryMutAct_9fa48("2586")) {
            {}
          } else {
            stryCov_9fa48("2586");
            const jp = newJailNameProblem(name);
            if (stryMutAct_9fa48("2588") ? false : stryMutAct_9fa48("2587") ? true : (stryCov_9fa48("2587", "2588"), jp)) err(s.line, stryMutAct_9fa48("2589") ? `` : (stryCov_9fa48("2589"), `jail name "${name}" ${jp}`));
            const network = get(s, stryMutAct_9fa48("2590") ? "" : (stryCov_9fa48("2590"), 'network'));
            if (stryMutAct_9fa48("2593") ? false : stryMutAct_9fa48("2592") ? true : stryMutAct_9fa48("2591") ? network : (stryCov_9fa48("2591", "2592", "2593"), !network)) err(s.line, stryMutAct_9fa48("2594") ? `` : (stryCov_9fa48("2594"), `[${s.header}] needs network = NAME`));
            const count = get(s, stryMutAct_9fa48("2595") ? "" : (stryCov_9fa48("2595"), 'count'));
            const n = count ? wholeNumber(count, 1, 1000, stryMutAct_9fa48("2596") ? `` : (stryCov_9fa48("2596"), `count = ${count.value}: expected a whole number from 1 to 1000`), err) : undefined;
            const slot = get(s, stryMutAct_9fa48("2597") ? "" : (stryCov_9fa48("2597"), 'slot'));
            const k = slot ? wholeNumber(slot, 1, Number.MAX_SAFE_INTEGER, stryMutAct_9fa48("2598") ? `` : (stryCov_9fa48("2598"), `slot = ${slot.value}: expected a whole number from 1`), err) : undefined;
            const ready = get(s, stryMutAct_9fa48("2599") ? "" : (stryCov_9fa48("2599"), 'ready'));
            let r: Ready | undefined;
            if (stryMutAct_9fa48("2601") ? false : stryMutAct_9fa48("2600") ? true : (stryCov_9fa48("2600", "2601"), ready)) {
              if (stryMutAct_9fa48("2602")) {
                {}
              } else {
                stryCov_9fa48("2602");
                const pr = parseReady(ready.value);
                if (stryMutAct_9fa48("2605") ? typeof pr !== 'string' : stryMutAct_9fa48("2604") ? false : stryMutAct_9fa48("2603") ? true : (stryCov_9fa48("2603", "2604", "2605"), typeof pr === (stryMutAct_9fa48("2606") ? "" : (stryCov_9fa48("2606"), 'string')))) err(ready.line, pr);else r = pr;
              }
            }
            const rt = get(s, stryMutAct_9fa48("2607") ? "" : (stryCov_9fa48("2607"), 'ready-timeout'));
            let readyTimeoutMs = 30_000;
            if (stryMutAct_9fa48("2609") ? false : stryMutAct_9fa48("2608") ? true : (stryCov_9fa48("2608", "2609"), rt)) {
              if (stryMutAct_9fa48("2610")) {
                {}
              } else {
                stryCov_9fa48("2610");
                const ms = parseDuration(rt.value);
                if (stryMutAct_9fa48("2613") ? ms !== undefined : stryMutAct_9fa48("2612") ? false : stryMutAct_9fa48("2611") ? true : (stryCov_9fa48("2611", "2612", "2613"), ms === undefined)) err(rt.line, stryMutAct_9fa48("2614") ? `` : (stryCov_9fa48("2614"), `ready-timeout = ${rt.value}: expected a duration such as 30s`));else readyTimeoutMs = ms;
              }
            }
            const depends = stryMutAct_9fa48("2615") ? (get(s, 'depends')?.value ?? '').split(',').map(d => d.trim()) : (stryCov_9fa48("2615"), (stryMutAct_9fa48("2616") ? get(s, 'depends')?.value && '' : (stryCov_9fa48("2616"), (stryMutAct_9fa48("2617") ? get(s, 'depends').value : (stryCov_9fa48("2617"), get(s, stryMutAct_9fa48("2618") ? "" : (stryCov_9fa48("2618"), 'depends'))?.value)) ?? (stryMutAct_9fa48("2619") ? "Stryker was here!" : (stryCov_9fa48("2619"), '')))).split(stryMutAct_9fa48("2620") ? "" : (stryCov_9fa48("2620"), ',')).map(stryMutAct_9fa48("2621") ? () => undefined : (stryCov_9fa48("2621"), d => stryMutAct_9fa48("2622") ? d : (stryCov_9fa48("2622"), d.trim()))).filter(Boolean));
            jails.push(stryMutAct_9fa48("2623") ? {} : (stryCov_9fa48("2623"), {
              name,
              line: s.line,
              network: stryMutAct_9fa48("2624") ? network?.value && '' : (stryCov_9fa48("2624"), (stryMutAct_9fa48("2625") ? network.value : (stryCov_9fa48("2625"), network?.value)) ?? (stryMutAct_9fa48("2626") ? "Stryker was here!" : (stryCov_9fa48("2626"), ''))),
              addr: stryMutAct_9fa48("2627") ? get(s, 'addr')?.value && 'auto' : (stryCov_9fa48("2627"), (stryMutAct_9fa48("2628") ? get(s, 'addr').value : (stryCov_9fa48("2628"), get(s, stryMutAct_9fa48("2629") ? "" : (stryCov_9fa48("2629"), 'addr'))?.value)) ?? (stryMutAct_9fa48("2630") ? "" : (stryCov_9fa48("2630"), 'auto'))),
              depends,
              readyTimeoutMs,
              ...((stryMutAct_9fa48("2633") ? n === undefined : stryMutAct_9fa48("2632") ? false : stryMutAct_9fa48("2631") ? true : (stryCov_9fa48("2631", "2632", "2633"), n !== undefined)) ? stryMutAct_9fa48("2634") ? {} : (stryCov_9fa48("2634"), {
                count: n
              }) : {}),
              ...((stryMutAct_9fa48("2637") ? k === undefined : stryMutAct_9fa48("2636") ? false : stryMutAct_9fa48("2635") ? true : (stryCov_9fa48("2635", "2636", "2637"), k !== undefined)) ? stryMutAct_9fa48("2638") ? {} : (stryCov_9fa48("2638"), {
                slot: k
              }) : {}),
              ...(get(s, stryMutAct_9fa48("2639") ? "" : (stryCov_9fa48("2639"), 'command')) ? stryMutAct_9fa48("2640") ? {} : (stryCov_9fa48("2640"), {
                command: get(s, stryMutAct_9fa48("2641") ? "" : (stryCov_9fa48("2641"), 'command'))!.value
              }) : {}),
              ...(r ? stryMutAct_9fa48("2642") ? {} : (stryCov_9fa48("2642"), {
                ready: r
              }) : {})
            }));
          }
        }
      }
    }
    const used = new Map<string, SupNetwork>();
    for (const n of networks) {
      if (stryMutAct_9fa48("2643")) {
        {}
      } else {
        stryCov_9fa48("2643");
        if (stryMutAct_9fa48("2646") ? n.vlan !== undefined : stryMutAct_9fa48("2645") ? false : stryMutAct_9fa48("2644") ? true : (stryCov_9fa48("2644", "2645", "2646"), n.vlan === undefined)) continue;
        const key = stryMutAct_9fa48("2647") ? `` : (stryCov_9fa48("2647"), `${n.trunk}/${n.vlan}`);
        const prev = used.get(key);
        if (stryMutAct_9fa48("2649") ? false : stryMutAct_9fa48("2648") ? true : (stryCov_9fa48("2648", "2649"), prev)) err(n.line, stryMutAct_9fa48("2650") ? `` : (stryCov_9fa48("2650"), `VLAN ${n.vlan} is already used on trunk ${n.trunk} by [network:${prev.name}] (line ${prev.line})`));else used.set(key, n);
      }
    }
    for (const s of sections) for (const e of s.entries) if (stryMutAct_9fa48("2653") ? e.value.trim() !== '' : stryMutAct_9fa48("2652") ? false : stryMutAct_9fa48("2651") ? true : (stryCov_9fa48("2651", "2652", "2653"), (stryMutAct_9fa48("2654") ? e.value : (stryCov_9fa48("2654"), e.value.trim())) === (stryMutAct_9fa48("2655") ? "Stryker was here!" : (stryCov_9fa48("2655"), '')))) err(e.line, stryMutAct_9fa48("2656") ? `` : (stryCov_9fa48("2656"), `${e.key} has no value`));
    // Addresses, slots and DHCP ranges against the subnet the file gives their network (the engine refuses the same at run time).
    const plans = new Map<string, SubnetPlan>();
    for (const n of networks) {
      if (stryMutAct_9fa48("2657")) {
        {}
      } else {
        stryCov_9fa48("2657");
        const base = planSubnet(n.subnet);
        if (stryMutAct_9fa48("2660") ? typeof base !== 'string' : stryMutAct_9fa48("2659") ? false : stryMutAct_9fa48("2658") ? true : (stryCov_9fa48("2658", "2659", "2660"), typeof base === (stryMutAct_9fa48("2661") ? "" : (stryCov_9fa48("2661"), 'string')))) continue;
        let plan = base;
        if (stryMutAct_9fa48("2663") ? false : stryMutAct_9fa48("2662") ? true : (stryCov_9fa48("2662", "2663"), n.dhcpRange)) {
          if (stryMutAct_9fa48("2664")) {
            {}
          } else {
            stryCov_9fa48("2664");
            const r = parseDhcpRange(base, n.dhcpRange);
            const line = sections.find(stryMutAct_9fa48("2665") ? () => undefined : (stryCov_9fa48("2665"), x => stryMutAct_9fa48("2668") ? x.line !== n.line : stryMutAct_9fa48("2667") ? false : stryMutAct_9fa48("2666") ? true : (stryCov_9fa48("2666", "2667", "2668"), x.line === n.line)))!.entries.find(stryMutAct_9fa48("2669") ? () => undefined : (stryCov_9fa48("2669"), e => stryMutAct_9fa48("2672") ? e.key !== 'dhcp-range' : stryMutAct_9fa48("2671") ? false : stryMutAct_9fa48("2670") ? true : (stryCov_9fa48("2670", "2671", "2672"), e.key === (stryMutAct_9fa48("2673") ? "" : (stryCov_9fa48("2673"), 'dhcp-range')))))!.line;
            if (stryMutAct_9fa48("2676") ? typeof r !== 'string' : stryMutAct_9fa48("2675") ? false : stryMutAct_9fa48("2674") ? true : (stryCov_9fa48("2674", "2675", "2676"), typeof r === (stryMutAct_9fa48("2677") ? "" : (stryCov_9fa48("2677"), 'string')))) err(line, r.replace(stryMutAct_9fa48("2678") ? "" : (stryCov_9fa48("2678"), '--dhcp-range='), stryMutAct_9fa48("2679") ? "" : (stryCov_9fa48("2679"), 'dhcp-range = ')));else plan = stryMutAct_9fa48("2680") ? {} : (stryCov_9fa48("2680"), {
              ...base,
              dhcpFirst: r[0],
              dhcpLast: r[1]
            });
          }
        }
        plans.set(n.name, plan);
      }
    }
    for (const j of jails) {
      if (stryMutAct_9fa48("2681")) {
        {}
      } else {
        stryCov_9fa48("2681");
        const s = sections.find(stryMutAct_9fa48("2682") ? () => undefined : (stryCov_9fa48("2682"), x => stryMutAct_9fa48("2685") ? x.line !== j.line : stryMutAct_9fa48("2684") ? false : stryMutAct_9fa48("2683") ? true : (stryCov_9fa48("2683", "2684", "2685"), x.line === j.line)))!;
        const addr = get(s, stryMutAct_9fa48("2686") ? "" : (stryCov_9fa48("2686"), 'addr'));
        const plan = plans.get(j.network);
        if (stryMutAct_9fa48("2689") ? addr && addr.value !== 'auto' || addr.value !== 'dhcp' : stryMutAct_9fa48("2688") ? false : stryMutAct_9fa48("2687") ? true : (stryCov_9fa48("2687", "2688", "2689"), (stryMutAct_9fa48("2691") ? addr || addr.value !== 'auto' : stryMutAct_9fa48("2690") ? true : (stryCov_9fa48("2690", "2691"), addr && (stryMutAct_9fa48("2693") ? addr.value === 'auto' : stryMutAct_9fa48("2692") ? true : (stryCov_9fa48("2692", "2693"), addr.value !== (stryMutAct_9fa48("2694") ? "" : (stryCov_9fa48("2694"), 'auto')))))) && (stryMutAct_9fa48("2696") ? addr.value === 'dhcp' : stryMutAct_9fa48("2695") ? true : (stryCov_9fa48("2695", "2696"), addr.value !== (stryMutAct_9fa48("2697") ? "" : (stryCov_9fa48("2697"), 'dhcp')))))) {
          if (stryMutAct_9fa48("2698")) {
            {}
          } else {
            stryCov_9fa48("2698");
            if (stryMutAct_9fa48("2701") ? j.slot === undefined : stryMutAct_9fa48("2700") ? false : stryMutAct_9fa48("2699") ? true : (stryCov_9fa48("2699", "2700", "2701"), j.slot !== undefined)) err(addr.line, stryMutAct_9fa48("2702") ? `` : (stryCov_9fa48("2702"), `addr = ${addr.value} with slot: the slot gives the address; leave out addr, or use addr = dhcp`));else if (stryMutAct_9fa48("2705") ? j.count !== undefined || j.count > 1 : stryMutAct_9fa48("2704") ? false : stryMutAct_9fa48("2703") ? true : (stryCov_9fa48("2703", "2704", "2705"), (stryMutAct_9fa48("2707") ? j.count === undefined : stryMutAct_9fa48("2706") ? true : (stryCov_9fa48("2706", "2707"), j.count !== undefined)) && (stryMutAct_9fa48("2710") ? j.count <= 1 : stryMutAct_9fa48("2709") ? j.count >= 1 : stryMutAct_9fa48("2708") ? true : (stryCov_9fa48("2708", "2709", "2710"), j.count > 1)))) err(addr.line, stryMutAct_9fa48("2711") ? `` : (stryCov_9fa48("2711"), `addr = ${addr.value} gives one jail one address; use auto or dhcp with count = ${j.count}`));else if (stryMutAct_9fa48("2714") ? false : stryMutAct_9fa48("2713") ? true : stryMutAct_9fa48("2712") ? ipaddr.IPv4.isValidFourPartDecimal(addr.value) : (stryCov_9fa48("2712", "2713", "2714"), !ipaddr.IPv4.isValidFourPartDecimal(addr.value))) err(addr.line, stryMutAct_9fa48("2715") ? `` : (stryCov_9fa48("2715"), `addr = ${addr.value}: expected auto, dhcp or an IPv4 address`));else if (stryMutAct_9fa48("2717") ? false : stryMutAct_9fa48("2716") ? true : (stryCov_9fa48("2716", "2717"), plan)) {
              if (stryMutAct_9fa48("2718")) {
                {}
              } else {
                stryCov_9fa48("2718");
                const p = staticAddrProblem(plan, addr.value, new Set());
                if (stryMutAct_9fa48("2720") ? false : stryMutAct_9fa48("2719") ? true : (stryCov_9fa48("2719", "2720"), p)) err(addr.line, stryMutAct_9fa48("2721") ? `` : (stryCov_9fa48("2721"), `addr = ${p.replace(stryMutAct_9fa48("2722") ? /--addr=/ : (stryCov_9fa48("2722"), /^--addr=/), stryMutAct_9fa48("2723") ? "Stryker was here!" : (stryCov_9fa48("2723"), ''))}`));
              }
            }
          }
        }
        if (stryMutAct_9fa48("2726") ? j.slot !== undefined || plan : stryMutAct_9fa48("2725") ? false : stryMutAct_9fa48("2724") ? true : (stryCov_9fa48("2724", "2725", "2726"), (stryMutAct_9fa48("2728") ? j.slot === undefined : stryMutAct_9fa48("2727") ? true : (stryCov_9fa48("2727", "2728"), j.slot !== undefined)) && plan)) {
          if (stryMutAct_9fa48("2729")) {
            {}
          } else {
            stryCov_9fa48("2729");
            for (let i = 0; stryMutAct_9fa48("2732") ? i >= (j.count ?? 1) : stryMutAct_9fa48("2731") ? i <= (j.count ?? 1) : stryMutAct_9fa48("2730") ? false : (stryCov_9fa48("2730", "2731", "2732"), i < (stryMutAct_9fa48("2733") ? j.count && 1 : (stryCov_9fa48("2733"), j.count ?? 1))); stryMutAct_9fa48("2734") ? i-- : (stryCov_9fa48("2734"), i++)) {
              if (stryMutAct_9fa48("2735")) {
                {}
              } else {
                stryCov_9fa48("2735");
                const p = slotProblem(plan, stryMutAct_9fa48("2736") ? j.slot - i : (stryCov_9fa48("2736"), j.slot + i));
                if (stryMutAct_9fa48("2738") ? false : stryMutAct_9fa48("2737") ? true : (stryCov_9fa48("2737", "2738"), p)) {
                  if (stryMutAct_9fa48("2739")) {
                    {}
                  } else {
                    stryCov_9fa48("2739");
                    err(get(s, stryMutAct_9fa48("2740") ? "" : (stryCov_9fa48("2740"), 'slot'))!.line, p);
                    break;
                  }
                }
              }
            }
          }
        }
      }
    }
    // Subnets of two sections may not overlap (the engine would refuse the second after making the first).
    for (const [i, a] of networks.entries()) {
      if (stryMutAct_9fa48("2741")) {
        {}
      } else {
        stryCov_9fa48("2741");
        const b = stryMutAct_9fa48("2742") ? networks.find(o => plans.has(o.name) && plans.has(a.name) && overlaps(o.subnet, a.subnet)) : (stryCov_9fa48("2742"), networks.slice(0, i).find(stryMutAct_9fa48("2743") ? () => undefined : (stryCov_9fa48("2743"), o => stryMutAct_9fa48("2746") ? plans.has(o.name) && plans.has(a.name) || overlaps(o.subnet, a.subnet) : stryMutAct_9fa48("2745") ? false : stryMutAct_9fa48("2744") ? true : (stryCov_9fa48("2744", "2745", "2746"), (stryMutAct_9fa48("2748") ? plans.has(o.name) || plans.has(a.name) : stryMutAct_9fa48("2747") ? true : (stryCov_9fa48("2747", "2748"), plans.has(o.name) && plans.has(a.name))) && overlaps(o.subnet, a.subnet)))));
        if (stryMutAct_9fa48("2750") ? false : stryMutAct_9fa48("2749") ? true : (stryCov_9fa48("2749", "2750"), b)) err(sections.find(stryMutAct_9fa48("2751") ? () => undefined : (stryCov_9fa48("2751"), x => stryMutAct_9fa48("2754") ? x.line !== a.line : stryMutAct_9fa48("2753") ? false : stryMutAct_9fa48("2752") ? true : (stryCov_9fa48("2752", "2753", "2754"), x.line === a.line)))!.entries.find(stryMutAct_9fa48("2755") ? () => undefined : (stryCov_9fa48("2755"), e => stryMutAct_9fa48("2758") ? e.key !== 'subnet' : stryMutAct_9fa48("2757") ? false : stryMutAct_9fa48("2756") ? true : (stryCov_9fa48("2756", "2757", "2758"), e.key === (stryMutAct_9fa48("2759") ? "" : (stryCov_9fa48("2759"), 'subnet')))))!.line, stryMutAct_9fa48("2760") ? `` : (stryCov_9fa48("2760"), `subnet ${a.subnet} overlaps [network:${b.name}]'s ${b.subnet} (line ${b.line})`));
      }
    }
    // Every jail name the file makes (count expands NAME to NAME-1..NAME-K) belongs to one section only.
    const madeBy = new Map<string, SupJail>();
    for (const j of jails) {
      if (stryMutAct_9fa48("2761")) {
        {}
      } else {
        stryCov_9fa48("2761");
        for (const n of (stryMutAct_9fa48("2764") ? j.count !== undefined : stryMutAct_9fa48("2763") ? false : stryMutAct_9fa48("2762") ? true : (stryCov_9fa48("2762", "2763", "2764"), j.count === undefined)) ? stryMutAct_9fa48("2765") ? [] : (stryCov_9fa48("2765"), [j.name]) : Array.from(stryMutAct_9fa48("2766") ? {} : (stryCov_9fa48("2766"), {
          length: j.count
        }), stryMutAct_9fa48("2767") ? () => undefined : (stryCov_9fa48("2767"), (_, i) => stryMutAct_9fa48("2768") ? `` : (stryCov_9fa48("2768"), `${j.name}-${stryMutAct_9fa48("2769") ? i - 1 : (stryCov_9fa48("2769"), i + 1)}`)))) {
          if (stryMutAct_9fa48("2770")) {
            {}
          } else {
            stryCov_9fa48("2770");
            const prev = madeBy.get(n);
            if (stryMutAct_9fa48("2773") ? prev && prev !== j || prev.name !== j.name : stryMutAct_9fa48("2772") ? false : stryMutAct_9fa48("2771") ? true : (stryCov_9fa48("2771", "2772", "2773"), (stryMutAct_9fa48("2775") ? prev || prev !== j : stryMutAct_9fa48("2774") ? true : (stryCov_9fa48("2774", "2775"), prev && (stryMutAct_9fa48("2777") ? prev === j : stryMutAct_9fa48("2776") ? true : (stryCov_9fa48("2776", "2777"), prev !== j)))) && (stryMutAct_9fa48("2779") ? prev.name === j.name : stryMutAct_9fa48("2778") ? true : (stryCov_9fa48("2778", "2779"), prev.name !== j.name)))) err(j.line, stryMutAct_9fa48("2780") ? `` : (stryCov_9fa48("2780"), `[jail:${j.name}] makes a jail named ${n}, which [jail:${prev.name}] (line ${prev.line}) also makes${(stryMutAct_9fa48("2783") ? j.count !== undefined && prev.count !== undefined : stryMutAct_9fa48("2782") ? false : stryMutAct_9fa48("2781") ? true : (stryCov_9fa48("2781", "2782", "2783"), (stryMutAct_9fa48("2785") ? j.count === undefined : stryMutAct_9fa48("2784") ? false : (stryCov_9fa48("2784", "2785"), j.count !== undefined)) || (stryMutAct_9fa48("2787") ? prev.count === undefined : stryMutAct_9fa48("2786") ? false : (stryCov_9fa48("2786", "2787"), prev.count !== undefined)))) ? stryMutAct_9fa48("2788") ? "" : (stryCov_9fa48("2788"), ' (count = K names jails NAME-1..NAME-K)') : stryMutAct_9fa48("2789") ? "Stryker was here!" : (stryCov_9fa48("2789"), '')}`));else madeBy.set(n, j);
          }
        }
      }
    }
    const netNames = new Set(networks.map(stryMutAct_9fa48("2790") ? () => undefined : (stryCov_9fa48("2790"), x => x.name)));
    const jailNames = new Set(jails.map(stryMutAct_9fa48("2791") ? () => undefined : (stryCov_9fa48("2791"), x => x.name)));
    for (const j of jails) {
      if (stryMutAct_9fa48("2792")) {
        {}
      } else {
        stryCov_9fa48("2792");
        const s = sections.find(stryMutAct_9fa48("2793") ? () => undefined : (stryCov_9fa48("2793"), x => stryMutAct_9fa48("2796") ? x.line !== j.line : stryMutAct_9fa48("2795") ? false : stryMutAct_9fa48("2794") ? true : (stryCov_9fa48("2794", "2795", "2796"), x.line === j.line)))!;
        if (stryMutAct_9fa48("2799") ? j.network || !netNames.has(j.network) : stryMutAct_9fa48("2798") ? false : stryMutAct_9fa48("2797") ? true : (stryCov_9fa48("2797", "2798", "2799"), j.network && (stryMutAct_9fa48("2800") ? netNames.has(j.network) : (stryCov_9fa48("2800"), !netNames.has(j.network))))) err(get(s, stryMutAct_9fa48("2801") ? "" : (stryCov_9fa48("2801"), 'network'))!.line, stryMutAct_9fa48("2802") ? `` : (stryCov_9fa48("2802"), `unknown network "${j.network}"${didYouMean(j.network, stryMutAct_9fa48("2803") ? [] : (stryCov_9fa48("2803"), [...netNames]))}; define [network:${j.network}]`));
        for (const d of j.depends) if (stryMutAct_9fa48("2806") ? false : stryMutAct_9fa48("2805") ? true : stryMutAct_9fa48("2804") ? jailNames.has(d) : (stryCov_9fa48("2804", "2805", "2806"), !jailNames.has(d))) err(get(s, stryMutAct_9fa48("2807") ? "" : (stryCov_9fa48("2807"), 'depends'))!.line, stryMutAct_9fa48("2808") ? `` : (stryCov_9fa48("2808"), `depends on "${d}", which is not defined${didYouMean(d, stryMutAct_9fa48("2809") ? [] : (stryCov_9fa48("2809"), [...jailNames]))}`));
      }
    }
    const ordered = order(jails, path, problems);
    stryMutAct_9fa48("2810") ? problems : (stryCov_9fa48("2810"), problems.sort(stryMutAct_9fa48("2811") ? () => undefined : (stryCov_9fa48("2811"), (a, b) => stryMutAct_9fa48("2812") ? a.line + b.line : (stryCov_9fa48("2812"), a.line - b.line))));
    return stryMutAct_9fa48("2813") ? {} : (stryCov_9fa48("2813"), {
      file: stryMutAct_9fa48("2814") ? {} : (stryCov_9fa48("2814"), {
        path,
        networks,
        jails: ordered
      }),
      problems
    });
  }
}