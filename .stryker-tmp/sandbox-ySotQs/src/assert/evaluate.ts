// @ts-nocheck
// Decides assertions from probe values (pure: probing is behind the Prober interface).
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
import { matchPattern } from '../recipe/names.js';
import { endpointText, type Assertion, type Endpoint } from './model.js';

/** What the evaluator knows of the lab. */
export interface LabView {
  jails: {
    name: string;
    addr: string | null;
    network: string | null;
    router?: boolean;
  }[];
  networks: {
    name: string;
    subnet: string;
    hostAddr: string;
  }[];
  /** The www.example address, when the lab has the simulated outside. */
  upstream?: string;
}

/** Where a probe runs. */
export type Source = {
  kind: 'jail';
  name: string;
} | {
  kind: 'host';
} | {
  kind: 'upstream';
};

/** What the router's lease file and the jail's interface say. */
export interface LeaseResult {
  /** The address dnsmasq leased to the jail's MAC, if any. */
  leased?: string;
  expiry?: number;
  /** IPv4 addresses on the jail's eth0. */
  interfaceAddrs: string[];
  /** False when the network's DHCP/DNS server is not running. */
  serverRunning: boolean;
  network: string;
}

/** An ICMP result for one address. */
export interface PingResult {
  sent: number;
  received: number;
  /** The tool's own words when it could not send (e.g. "No route to host"). */
  error?: string;
}

/** A TCP connect result. */
export interface TcpResult {
  ok: boolean;
  /** "connected", "Connection refused", "timed out after 3s", ... */
  detail: string;
}

/** A name lookup result. */
export interface ResolveResult {
  addresses: string[];
  detail: string;
  /** The server asked, as the source's resolv.conf names it. */
  server?: string;
}

/** Runs probes; implementations parse their tools' output into these values. */
export interface Prober {
  /** The tool line for messages, e.g. "fping -c1 -t500". */
  readonly pingTool: string;
  readonly tcpTool: string;
  ping(src: Source, ips: string[], expectReply: boolean): Promise<Map<string, PingResult>>;
  /** `expectConnect` false allows a shorter wait, since a timeout is then the expected answer. */
  tcp(src: Source, ip: string, port: number, expectConnect: boolean): Promise<TcpResult>;
  hostname(jail: string): Promise<string>;
  resolve(src: Source, name: string): Promise<ResolveResult>;
  /** A jail's lease as the router recorded it, and its interface's addresses. */
  lease(jail: string): Promise<LeaseResult>;
  /** Whether the DHCP/DNS server of the jail's network is running (undefined when it has none). */
  serverRunning(jail: string): Promise<{
    network: string;
    running: boolean;
  } | undefined>;
  /**
   * How many new neighbour (ARP) entries the kernel can hold right now. Linux keeps one neighbour
   * table for all namespaces, capped by gc_thresh3 (1024 by default), so a large mesh must be probed
   * in waves that fit, forgetting the entries of one wave before the next.
   */
  neighbourBudget(): Promise<number>;
  /** Drops the learned neighbour entries of these jails (only their ARP caches). */
  forgetNeighbours(jails: string[]): Promise<void>;
}

/** The outcome of one assertion. */
export interface AssertionOutcome {
  ok: boolean;
  line: number;
  text: string;
  /** What was tried and what came back, one line per failing probe (or the reason nothing could be tried). */
  details: string[];
  /** How many probes ran. */
  probes: number;
}
class Unresolvable extends Error {}
const label = stryMutAct_9fa48("0") ? () => undefined : (stryCov_9fa48("0"), (() => {
  const label = (s: Source) => (stryMutAct_9fa48("3") ? s.kind !== 'jail' : stryMutAct_9fa48("2") ? false : stryMutAct_9fa48("1") ? true : (stryCov_9fa48("1", "2", "3"), s.kind === (stryMutAct_9fa48("4") ? "" : (stryCov_9fa48("4"), 'jail')))) ? s.name : s.kind;
  return label;
})());
const NO_UPSTREAM = stryMutAct_9fa48("5") ? "" : (stryCov_9fa48("5"), 'upstream (the simulated outside) is not part of this lab: it comes with the run\'s uplink');

/** Jails (not routers) matched by a jail endpoint or pattern. */
function jailsOf(view: LabView, e: Endpoint): string[] {
  if (stryMutAct_9fa48("6")) {
    {}
  } else {
    stryCov_9fa48("6");
    if (stryMutAct_9fa48("9") ? e.kind !== 'jail' : stryMutAct_9fa48("8") ? false : stryMutAct_9fa48("7") ? true : (stryCov_9fa48("7", "8", "9"), e.kind === (stryMutAct_9fa48("10") ? "" : (stryCov_9fa48("10"), 'jail')))) {
      if (stryMutAct_9fa48("11")) {
        {}
      } else {
        stryCov_9fa48("11");
        if (stryMutAct_9fa48("14") ? false : stryMutAct_9fa48("13") ? true : stryMutAct_9fa48("12") ? view.jails.some(j => j.name === e.name) : (stryCov_9fa48("12", "13", "14"), !(stryMutAct_9fa48("15") ? view.jails.every(j => j.name === e.name) : (stryCov_9fa48("15"), view.jails.some(stryMutAct_9fa48("16") ? () => undefined : (stryCov_9fa48("16"), j => stryMutAct_9fa48("19") ? j.name !== e.name : stryMutAct_9fa48("18") ? false : stryMutAct_9fa48("17") ? true : (stryCov_9fa48("17", "18", "19"), j.name === e.name))))))) throw new Unresolvable(stryMutAct_9fa48("20") ? `` : (stryCov_9fa48("20"), `no jail named ${e.name} in this lab`));
        return stryMutAct_9fa48("21") ? [] : (stryCov_9fa48("21"), [e.name]);
      }
    }
    if (stryMutAct_9fa48("24") ? e.kind !== 'pattern' : stryMutAct_9fa48("23") ? false : stryMutAct_9fa48("22") ? true : (stryCov_9fa48("22", "23", "24"), e.kind === (stryMutAct_9fa48("25") ? "" : (stryCov_9fa48("25"), 'pattern')))) {
      if (stryMutAct_9fa48("26")) {
        {}
      } else {
        stryCov_9fa48("26");
        const m = stryMutAct_9fa48("27") ? view.jails.map(j => j.name) : (stryCov_9fa48("27"), view.jails.filter(stryMutAct_9fa48("28") ? () => undefined : (stryCov_9fa48("28"), j => stryMutAct_9fa48("31") ? !j.router || matchPattern(e.pattern, j.name) : stryMutAct_9fa48("30") ? false : stryMutAct_9fa48("29") ? true : (stryCov_9fa48("29", "30", "31"), (stryMutAct_9fa48("32") ? j.router : (stryCov_9fa48("32"), !j.router)) && matchPattern(e.pattern, j.name)))).map(stryMutAct_9fa48("33") ? () => undefined : (stryCov_9fa48("33"), j => j.name)));
        if (stryMutAct_9fa48("36") ? m.length !== 0 : stryMutAct_9fa48("35") ? false : stryMutAct_9fa48("34") ? true : (stryCov_9fa48("34", "35", "36"), m.length === 0)) throw new Unresolvable(stryMutAct_9fa48("37") ? `` : (stryCov_9fa48("37"), `pattern ${e.pattern} matches no jail in this lab`));
        return m;
      }
    }
    throw new Unresolvable(stryMutAct_9fa48("38") ? `` : (stryCov_9fa48("38"), `${endpointText(e)} is not a jail`));
  }
}

/** The probe sources an endpoint stands for. */
function sources(view: LabView, e: Endpoint): Source[] {
  if (stryMutAct_9fa48("39")) {
    {}
  } else {
    stryCov_9fa48("39");
    if (stryMutAct_9fa48("42") ? e.kind !== 'host' : stryMutAct_9fa48("41") ? false : stryMutAct_9fa48("40") ? true : (stryCov_9fa48("40", "41", "42"), e.kind === (stryMutAct_9fa48("43") ? "" : (stryCov_9fa48("43"), 'host')))) return stryMutAct_9fa48("44") ? [] : (stryCov_9fa48("44"), [stryMutAct_9fa48("45") ? {} : (stryCov_9fa48("45"), {
      kind: stryMutAct_9fa48("46") ? "" : (stryCov_9fa48("46"), 'host')
    })]);
    if (stryMutAct_9fa48("49") ? e.kind !== 'upstream' : stryMutAct_9fa48("48") ? false : stryMutAct_9fa48("47") ? true : (stryCov_9fa48("47", "48", "49"), e.kind === (stryMutAct_9fa48("50") ? "" : (stryCov_9fa48("50"), 'upstream')))) {
      if (stryMutAct_9fa48("51")) {
        {}
      } else {
        stryCov_9fa48("51");
        if (stryMutAct_9fa48("54") ? false : stryMutAct_9fa48("53") ? true : stryMutAct_9fa48("52") ? view.upstream : (stryCov_9fa48("52", "53", "54"), !view.upstream)) throw new Unresolvable(NO_UPSTREAM);
        return stryMutAct_9fa48("55") ? [] : (stryCov_9fa48("55"), [stryMutAct_9fa48("56") ? {} : (stryCov_9fa48("56"), {
          kind: stryMutAct_9fa48("57") ? "" : (stryCov_9fa48("57"), 'upstream')
        })]);
      }
    }
    return jailsOf(view, e).map(stryMutAct_9fa48("58") ? () => undefined : (stryCov_9fa48("58"), name => stryMutAct_9fa48("59") ? {} : (stryCov_9fa48("59"), {
      kind: stryMutAct_9fa48("60") ? "" : (stryCov_9fa48("60"), 'jail'),
      name
    })));
  }
}

/** A target: its label and address as seen from `src`. */
async function targets(view: LabView, e: Endpoint, src: Source, prober: Prober): Promise<{
  label: string;
  ip: string;
}[]> {
  if (stryMutAct_9fa48("61")) {
    {}
  } else {
    stryCov_9fa48("61");
    switch (e.kind) {
      case stryMutAct_9fa48("63") ? "" : (stryCov_9fa48("63"), 'ip'):
        if (stryMutAct_9fa48("62")) {} else {
          stryCov_9fa48("62");
          return stryMutAct_9fa48("64") ? [] : (stryCov_9fa48("64"), [stryMutAct_9fa48("65") ? {} : (stryCov_9fa48("65"), {
            label: e.address,
            ip: e.address
          })]);
        }
      case stryMutAct_9fa48("67") ? "" : (stryCov_9fa48("67"), 'host'):
        if (stryMutAct_9fa48("66")) {} else {
          stryCov_9fa48("66");
          {
            if (stryMutAct_9fa48("68")) {
              {}
            } else {
              stryCov_9fa48("68");
              if (stryMutAct_9fa48("71") ? src.kind !== 'upstream' : stryMutAct_9fa48("70") ? false : stryMutAct_9fa48("69") ? true : (stryCov_9fa48("69", "70", "71"), src.kind === (stryMutAct_9fa48("72") ? "" : (stryCov_9fa48("72"), 'upstream')))) throw new Unresolvable(stryMutAct_9fa48("73") ? "" : (stryCov_9fa48("73"), 'host is not reachable from upstream: the lab host has no leg on the uplink'));
              const net = (stryMutAct_9fa48("76") ? src.kind !== 'jail' : stryMutAct_9fa48("75") ? false : stryMutAct_9fa48("74") ? true : (stryCov_9fa48("74", "75", "76"), src.kind === (stryMutAct_9fa48("77") ? "" : (stryCov_9fa48("77"), 'jail')))) ? stryMutAct_9fa48("78") ? view.jails.find(j => j.name === src.name).network : (stryCov_9fa48("78"), view.jails.find(stryMutAct_9fa48("79") ? () => undefined : (stryCov_9fa48("79"), j => stryMutAct_9fa48("82") ? j.name !== src.name : stryMutAct_9fa48("81") ? false : stryMutAct_9fa48("80") ? true : (stryCov_9fa48("80", "81", "82"), j.name === src.name)))?.network) : stryMutAct_9fa48("83") ? view.networks[0].name : (stryCov_9fa48("83"), view.networks[0]?.name);
              const n = view.networks.find(stryMutAct_9fa48("84") ? () => undefined : (stryCov_9fa48("84"), x => stryMutAct_9fa48("87") ? x.name !== net : stryMutAct_9fa48("86") ? false : stryMutAct_9fa48("85") ? true : (stryCov_9fa48("85", "86", "87"), x.name === net)));
              if (stryMutAct_9fa48("90") ? false : stryMutAct_9fa48("89") ? true : stryMutAct_9fa48("88") ? n : (stryCov_9fa48("88", "89", "90"), !n)) throw new Unresolvable(stryMutAct_9fa48("91") ? `` : (stryCov_9fa48("91"), `${label(src)} is on no network, so "host" has no address for it`));
              return stryMutAct_9fa48("92") ? [] : (stryCov_9fa48("92"), [stryMutAct_9fa48("93") ? {} : (stryCov_9fa48("93"), {
                label: stryMutAct_9fa48("94") ? "" : (stryCov_9fa48("94"), 'host'),
                ip: n.hostAddr
              })]);
            }
          }
        }
      case stryMutAct_9fa48("96") ? "" : (stryCov_9fa48("96"), 'upstream'):
        if (stryMutAct_9fa48("95")) {} else {
          stryCov_9fa48("95");
          if (stryMutAct_9fa48("99") ? false : stryMutAct_9fa48("98") ? true : stryMutAct_9fa48("97") ? view.upstream : (stryCov_9fa48("97", "98", "99"), !view.upstream)) throw new Unresolvable(NO_UPSTREAM);
          return stryMutAct_9fa48("100") ? [] : (stryCov_9fa48("100"), [stryMutAct_9fa48("101") ? {} : (stryCov_9fa48("101"), {
            label: stryMutAct_9fa48("102") ? "" : (stryCov_9fa48("102"), 'upstream (www.example)'),
            ip: view.upstream
          })]);
        }
      case stryMutAct_9fa48("104") ? "" : (stryCov_9fa48("104"), 'dns'):
        if (stryMutAct_9fa48("103")) {} else {
          stryCov_9fa48("103");
          {
            if (stryMutAct_9fa48("105")) {
              {}
            } else {
              stryCov_9fa48("105");
              const r = await prober.resolve(src, e.name);
              if (stryMutAct_9fa48("108") ? r.addresses.length !== 0 : stryMutAct_9fa48("107") ? false : stryMutAct_9fa48("106") ? true : (stryCov_9fa48("106", "107", "108"), r.addresses.length === 0)) throw new Unresolvable(stryMutAct_9fa48("109") ? `` : (stryCov_9fa48("109"), `${label(src)} could not resolve ${e.name}: ${r.detail}`));
              return stryMutAct_9fa48("110") ? [] : (stryCov_9fa48("110"), [stryMutAct_9fa48("111") ? {} : (stryCov_9fa48("111"), {
                label: e.name,
                ip: r.addresses[0]!
              })]);
            }
          }
        }
      case stryMutAct_9fa48("112") ? "" : (stryCov_9fa48("112"), 'jail'):
      case stryMutAct_9fa48("114") ? "" : (stryCov_9fa48("114"), 'pattern'):
        if (stryMutAct_9fa48("113")) {} else {
          stryCov_9fa48("113");
          return jailsOf(view, e).map(name => {
            if (stryMutAct_9fa48("115")) {
              {}
            } else {
              stryCov_9fa48("115");
              const ip = view.jails.find(stryMutAct_9fa48("116") ? () => undefined : (stryCov_9fa48("116"), j => stryMutAct_9fa48("119") ? j.name !== name : stryMutAct_9fa48("118") ? false : stryMutAct_9fa48("117") ? true : (stryCov_9fa48("117", "118", "119"), j.name === name)))!.addr;
              if (stryMutAct_9fa48("122") ? false : stryMutAct_9fa48("121") ? true : stryMutAct_9fa48("120") ? ip : (stryCov_9fa48("120", "121", "122"), !ip)) throw new Unresolvable(stryMutAct_9fa48("123") ? `` : (stryCov_9fa48("123"), `jail ${name} has no address`));
              return stryMutAct_9fa48("124") ? {} : (stryCov_9fa48("124"), {
                label: name,
                ip
              });
            }
          });
        }
    }
  }
}
function describePing(src: Source, t: {
  label: string;
  ip: string;
}, r: PingResult | undefined, tool: string): string {
  if (stryMutAct_9fa48("125")) {
    {}
  } else {
    stryCov_9fa48("125");
    const got = (stryMutAct_9fa48("126") ? r : (stryCov_9fa48("126"), !r)) ? stryMutAct_9fa48("127") ? "" : (stryCov_9fa48("127"), 'no result') : r.error ? r.error : stryMutAct_9fa48("128") ? `` : (stryCov_9fa48("128"), `${r.sent} sent, ${r.received} received`);
    return stryMutAct_9fa48("129") ? `` : (stryCov_9fa48("129"), `ICMP echo from ${label(src)} to ${t.label} (${t.ip}) with ${tool}: ${got}`);
  }
}
async function reachOrIsolated(a: Extract<Assertion, {
  kind: 'reach' | 'isolated';
}>, view: LabView, prober: Prober): Promise<{
  details: string[];
  probes: number;
}> {
  if (stryMutAct_9fa48("130")) {
    {}
  } else {
    stryCov_9fa48("130");
    const want = stryMutAct_9fa48("133") ? a.kind !== 'reach' : stryMutAct_9fa48("132") ? false : stryMutAct_9fa48("131") ? true : (stryCov_9fa48("131", "132", "133"), a.kind === (stryMutAct_9fa48("134") ? "" : (stryCov_9fa48("134"), 'reach')));
    const details: string[] = stryMutAct_9fa48("135") ? ["Stryker was here"] : (stryCov_9fa48("135"), []);
    let probes = 0;
    for (const src of sources(view, a.from)) {
      if (stryMutAct_9fa48("136")) {
        {}
      } else {
        stryCov_9fa48("136");
        const ts = stryMutAct_9fa48("137") ? await targets(view, a.to.endpoint, src, prober) : (stryCov_9fa48("137"), (await targets(view, a.to.endpoint, src, prober)).filter(stryMutAct_9fa48("138") ? () => undefined : (stryCov_9fa48("138"), t => stryMutAct_9fa48("139") ? src.kind === 'jail' && t.label === src.name : (stryCov_9fa48("139"), !(stryMutAct_9fa48("142") ? src.kind === 'jail' || t.label === src.name : stryMutAct_9fa48("141") ? false : stryMutAct_9fa48("140") ? true : (stryCov_9fa48("140", "141", "142"), (stryMutAct_9fa48("144") ? src.kind !== 'jail' : stryMutAct_9fa48("143") ? true : (stryCov_9fa48("143", "144"), src.kind === (stryMutAct_9fa48("145") ? "" : (stryCov_9fa48("145"), 'jail')))) && (stryMutAct_9fa48("147") ? t.label !== src.name : stryMutAct_9fa48("146") ? true : (stryCov_9fa48("146", "147"), t.label === src.name))))))));
        if (stryMutAct_9fa48("150") ? a.to.port !== undefined : stryMutAct_9fa48("149") ? false : stryMutAct_9fa48("148") ? true : (stryCov_9fa48("148", "149", "150"), a.to.port === undefined)) {
          if (stryMutAct_9fa48("151")) {
            {}
          } else {
            stryCov_9fa48("151");
            const res = await prober.ping(src, ts.map(stryMutAct_9fa48("152") ? () => undefined : (stryCov_9fa48("152"), t => t.ip)), want);
            for (const t of ts) {
              if (stryMutAct_9fa48("153")) {
                {}
              } else {
                stryCov_9fa48("153");
                stryMutAct_9fa48("154") ? probes-- : (stryCov_9fa48("154"), probes++);
                const r = res.get(t.ip);
                const reached = Boolean(stryMutAct_9fa48("157") ? r || r.received > 0 : stryMutAct_9fa48("156") ? false : stryMutAct_9fa48("155") ? true : (stryCov_9fa48("155", "156", "157"), r && (stryMutAct_9fa48("160") ? r.received <= 0 : stryMutAct_9fa48("159") ? r.received >= 0 : stryMutAct_9fa48("158") ? true : (stryCov_9fa48("158", "159", "160"), r.received > 0))));
                if (stryMutAct_9fa48("163") ? reached === want : stryMutAct_9fa48("162") ? false : stryMutAct_9fa48("161") ? true : (stryCov_9fa48("161", "162", "163"), reached !== want)) details.push(stryMutAct_9fa48("164") ? `` : (stryCov_9fa48("164"), `${describePing(src, t, r, prober.pingTool)}${want ? stryMutAct_9fa48("165") ? "Stryker was here!" : (stryCov_9fa48("165"), '') : stryMutAct_9fa48("166") ? "" : (stryCov_9fa48("166"), ' (expected no reply)')}`));
              }
            }
          }
        } else {
          if (stryMutAct_9fa48("167")) {
            {}
          } else {
            stryCov_9fa48("167");
            for (const t of ts) {
              if (stryMutAct_9fa48("168")) {
                {}
              } else {
                stryCov_9fa48("168");
                stryMutAct_9fa48("169") ? probes-- : (stryCov_9fa48("169"), probes++);
                const r = await prober.tcp(src, t.ip, a.to.port, want);
                if (stryMutAct_9fa48("172") ? r.ok === want : stryMutAct_9fa48("171") ? false : stryMutAct_9fa48("170") ? true : (stryCov_9fa48("170", "171", "172"), r.ok !== want)) details.push(stryMutAct_9fa48("173") ? `` : (stryCov_9fa48("173"), `TCP connect from ${label(src)} to ${t.label} (${t.ip}:${a.to.port}) with ${prober.tcpTool}: ${r.detail}${want ? stryMutAct_9fa48("174") ? "Stryker was here!" : (stryCov_9fa48("174"), '') : stryMutAct_9fa48("175") ? "" : (stryCov_9fa48("175"), ' (expected it to fail)')}`));
              }
            }
          }
        }
      }
    }
    return stryMutAct_9fa48("176") ? {} : (stryCov_9fa48("176"), {
      details,
      probes
    });
  }
}

/**
 * Group size for a blocked mesh: a wave pairs two groups of g jails both ways, which makes each
 * of the 2g jails learn g neighbours (2g² entries), so g = √(budget / 2).
 */
export function meshGroupSize(budget: number, jails: number): number {
  if (stryMutAct_9fa48("177")) {
    {}
  } else {
    stryCov_9fa48("177");
    return stryMutAct_9fa48("178") ? Math.min(1, Math.min(jails, Math.floor(Math.sqrt(budget / 2)))) : (stryCov_9fa48("178"), Math.max(1, stryMutAct_9fa48("179") ? Math.max(jails, Math.floor(Math.sqrt(budget / 2))) : (stryCov_9fa48("179"), Math.min(jails, Math.floor(Math.sqrt(stryMutAct_9fa48("180") ? budget * 2 : (stryCov_9fa48("180"), budget / 2)))))));
  }
}

/** The waves of a blocked mesh: each wave is a list of (source, targets) covering group i ↔ group j. */
export function meshWaves(names: string[], groupSize: number): {
  src: string;
  targets: string[];
}[][] {
  if (stryMutAct_9fa48("181")) {
    {}
  } else {
    stryCov_9fa48("181");
    const groups: string[][] = stryMutAct_9fa48("182") ? ["Stryker was here"] : (stryCov_9fa48("182"), []);
    for (let i = 0; stryMutAct_9fa48("185") ? i >= names.length : stryMutAct_9fa48("184") ? i <= names.length : stryMutAct_9fa48("183") ? false : (stryCov_9fa48("183", "184", "185"), i < names.length); stryMutAct_9fa48("186") ? i -= groupSize : (stryCov_9fa48("186"), i += groupSize)) groups.push(stryMutAct_9fa48("187") ? names : (stryCov_9fa48("187"), names.slice(i, stryMutAct_9fa48("188") ? i - groupSize : (stryCov_9fa48("188"), i + groupSize))));
    const waves: {
      src: string;
      targets: string[];
    }[][] = stryMutAct_9fa48("189") ? ["Stryker was here"] : (stryCov_9fa48("189"), []);
    for (let i = 0; stryMutAct_9fa48("192") ? i >= groups.length : stryMutAct_9fa48("191") ? i <= groups.length : stryMutAct_9fa48("190") ? false : (stryCov_9fa48("190", "191", "192"), i < groups.length); stryMutAct_9fa48("193") ? i-- : (stryCov_9fa48("193"), i++)) {
      if (stryMutAct_9fa48("194")) {
        {}
      } else {
        stryCov_9fa48("194");
        for (let j = i; stryMutAct_9fa48("197") ? j >= groups.length : stryMutAct_9fa48("196") ? j <= groups.length : stryMutAct_9fa48("195") ? false : (stryCov_9fa48("195", "196", "197"), j < groups.length); stryMutAct_9fa48("198") ? j-- : (stryCov_9fa48("198"), j++)) {
          if (stryMutAct_9fa48("199")) {
            {}
          } else {
            stryCov_9fa48("199");
            const gi = groups[i]!;
            const gj = groups[j]!;
            waves.push((stryMutAct_9fa48("202") ? i !== j : stryMutAct_9fa48("201") ? false : stryMutAct_9fa48("200") ? true : (stryCov_9fa48("200", "201", "202"), i === j)) ? gi.map(stryMutAct_9fa48("203") ? () => undefined : (stryCov_9fa48("203"), src => stryMutAct_9fa48("204") ? {} : (stryCov_9fa48("204"), {
              src,
              targets: stryMutAct_9fa48("205") ? gi : (stryCov_9fa48("205"), gi.filter(stryMutAct_9fa48("206") ? () => undefined : (stryCov_9fa48("206"), t => stryMutAct_9fa48("209") ? t === src : stryMutAct_9fa48("208") ? false : stryMutAct_9fa48("207") ? true : (stryCov_9fa48("207", "208", "209"), t !== src))))
            }))) : stryMutAct_9fa48("210") ? [] : (stryCov_9fa48("210"), [...gi.map(stryMutAct_9fa48("211") ? () => undefined : (stryCov_9fa48("211"), src => stryMutAct_9fa48("212") ? {} : (stryCov_9fa48("212"), {
              src,
              targets: gj
            }))), ...gj.map(stryMutAct_9fa48("213") ? () => undefined : (stryCov_9fa48("213"), src => stryMutAct_9fa48("214") ? {} : (stryCov_9fa48("214"), {
              src,
              targets: gi
            })))]));
          }
        }
      }
    }
    return stryMutAct_9fa48("215") ? waves.map(w => w.filter(p => p.targets.length > 0)) : (stryCov_9fa48("215"), waves.map(stryMutAct_9fa48("216") ? () => undefined : (stryCov_9fa48("216"), w => stryMutAct_9fa48("217") ? w : (stryCov_9fa48("217"), w.filter(stryMutAct_9fa48("218") ? () => undefined : (stryCov_9fa48("218"), p => stryMutAct_9fa48("222") ? p.targets.length <= 0 : stryMutAct_9fa48("221") ? p.targets.length >= 0 : stryMutAct_9fa48("220") ? false : stryMutAct_9fa48("219") ? true : (stryCov_9fa48("219", "220", "221", "222"), p.targets.length > 0)))))).filter(stryMutAct_9fa48("223") ? () => undefined : (stryCov_9fa48("223"), w => stryMutAct_9fa48("227") ? w.length <= 0 : stryMutAct_9fa48("226") ? w.length >= 0 : stryMutAct_9fa48("225") ? false : stryMutAct_9fa48("224") ? true : (stryCov_9fa48("224", "225", "226", "227"), w.length > 0))));
  }
}

/**
 * Pings every jail of the pattern from every other. The pairs go in waves of two groups that fit
 * the kernel's neighbour table; between waves the two groups forget what they learned. A pair that
 * fails gets one more try on its own.
 */
async function mesh(a: Extract<Assertion, {
  kind: 'mesh';
}>, view: LabView, prober: Prober): Promise<{
  details: string[];
  probes: number;
}> {
  if (stryMutAct_9fa48("228")) {
    {}
  } else {
    stryCov_9fa48("228");
    const names = jailsOf(view, a.jails);
    if (stryMutAct_9fa48("232") ? names.length >= 2 : stryMutAct_9fa48("231") ? names.length <= 2 : stryMutAct_9fa48("230") ? false : stryMutAct_9fa48("229") ? true : (stryCov_9fa48("229", "230", "231", "232"), names.length < 2)) throw new Unresolvable(stryMutAct_9fa48("233") ? `` : (stryCov_9fa48("233"), `mesh needs at least two jails; ${endpointText(a.jails)} matches only ${names.join(stryMutAct_9fa48("234") ? "" : (stryCov_9fa48("234"), ', '))}, so there is no pair to probe`));
    const addr = stryMutAct_9fa48("235") ? () => undefined : (stryCov_9fa48("235"), (() => {
      const addr = (n: string) => stryMutAct_9fa48("236") ? view.jails.find(j => j.name === n)!.addr && '' : (stryCov_9fa48("236"), view.jails.find(stryMutAct_9fa48("237") ? () => undefined : (stryCov_9fa48("237"), j => stryMutAct_9fa48("240") ? j.name !== n : stryMutAct_9fa48("239") ? false : stryMutAct_9fa48("238") ? true : (stryCov_9fa48("238", "239", "240"), j.name === n)))!.addr ?? (stryMutAct_9fa48("241") ? "Stryker was here!" : (stryCov_9fa48("241"), '')));
      return addr;
    })());
    const last = new Map<string, PingResult | undefined>();
    const runWave = async (wave: {
      src: string;
      targets: string[];
    }[]) => {
      if (stryMutAct_9fa48("242")) {
        {}
      } else {
        stryCov_9fa48("242");
        const failed: {
          src: string;
          targets: string[];
        }[] = stryMutAct_9fa48("243") ? ["Stryker was here"] : (stryCov_9fa48("243"), []);
        await Promise.all(wave.map(async ({
          src,
          targets
        }) => {
          if (stryMutAct_9fa48("244")) {
            {}
          } else {
            stryCov_9fa48("244");
            const res = await prober.ping(stryMutAct_9fa48("245") ? {} : (stryCov_9fa48("245"), {
              kind: stryMutAct_9fa48("246") ? "" : (stryCov_9fa48("246"), 'jail'),
              name: src
            }), targets.map(addr), stryMutAct_9fa48("247") ? false : (stryCov_9fa48("247"), true));
            const bad: string[] = stryMutAct_9fa48("248") ? ["Stryker was here"] : (stryCov_9fa48("248"), []);
            for (const t of targets) {
              if (stryMutAct_9fa48("249")) {
                {}
              } else {
                stryCov_9fa48("249");
                const r = res.get(addr(t));
                last.set(stryMutAct_9fa48("250") ? `` : (stryCov_9fa48("250"), `${src}>${t}`), r);
                if (stryMutAct_9fa48("253") ? !r && r.received === 0 : stryMutAct_9fa48("252") ? false : stryMutAct_9fa48("251") ? true : (stryCov_9fa48("251", "252", "253"), (stryMutAct_9fa48("254") ? r : (stryCov_9fa48("254"), !r)) || (stryMutAct_9fa48("256") ? r.received !== 0 : stryMutAct_9fa48("255") ? false : (stryCov_9fa48("255", "256"), r.received === 0)))) bad.push(t);
              }
            }
            if (stryMutAct_9fa48("258") ? false : stryMutAct_9fa48("257") ? true : (stryCov_9fa48("257", "258"), bad.length)) failed.push(stryMutAct_9fa48("259") ? {} : (stryCov_9fa48("259"), {
              src,
              targets: bad
            }));
          }
        }));
        return failed;
      }
    };
    const waves = meshWaves(names, meshGroupSize(await prober.neighbourBudget(), names.length));
    let failed: {
      src: string;
      targets: string[];
    }[] = stryMutAct_9fa48("260") ? ["Stryker was here"] : (stryCov_9fa48("260"), []);
    for (const wave of waves) {
      if (stryMutAct_9fa48("261")) {
        {}
      } else {
        stryCov_9fa48("261");
        failed.push(...(await runWave(wave)));
        if (stryMutAct_9fa48("265") ? waves.length <= 1 : stryMutAct_9fa48("264") ? waves.length >= 1 : stryMutAct_9fa48("263") ? false : stryMutAct_9fa48("262") ? true : (stryCov_9fa48("262", "263", "264", "265"), waves.length > 1)) await prober.forgetNeighbours(stryMutAct_9fa48("266") ? [] : (stryCov_9fa48("266"), [...new Set(wave.flatMap(stryMutAct_9fa48("267") ? () => undefined : (stryCov_9fa48("267"), p => stryMutAct_9fa48("268") ? [] : (stryCov_9fa48("268"), [p.src, ...p.targets]))))]));
      }
    }
    if (stryMutAct_9fa48("272") ? failed.length <= 0 : stryMutAct_9fa48("271") ? failed.length >= 0 : stryMutAct_9fa48("270") ? false : stryMutAct_9fa48("269") ? true : (stryCov_9fa48("269", "270", "271", "272"), failed.length > 0)) {
      if (stryMutAct_9fa48("273")) {
        {}
      } else {
        stryCov_9fa48("273");
        const retry = failed;
        failed = stryMutAct_9fa48("274") ? ["Stryker was here"] : (stryCov_9fa48("274"), []);
        for (const p of retry) {
          if (stryMutAct_9fa48("275")) {
            {}
          } else {
            stryCov_9fa48("275");
            failed.push(...(await runWave(stryMutAct_9fa48("276") ? [] : (stryCov_9fa48("276"), [p]))));
            if (stryMutAct_9fa48("280") ? waves.length <= 1 : stryMutAct_9fa48("279") ? waves.length >= 1 : stryMutAct_9fa48("278") ? false : stryMutAct_9fa48("277") ? true : (stryCov_9fa48("277", "278", "279", "280"), waves.length > 1)) await prober.forgetNeighbours(stryMutAct_9fa48("281") ? [] : (stryCov_9fa48("281"), [p.src, ...p.targets]));
          }
        }
      }
    }
    const details = failed.flatMap(stryMutAct_9fa48("282") ? () => undefined : (stryCov_9fa48("282"), ({
      src,
      targets
    }) => targets.map(stryMutAct_9fa48("283") ? () => undefined : (stryCov_9fa48("283"), t => describePing(stryMutAct_9fa48("284") ? {} : (stryCov_9fa48("284"), {
      kind: stryMutAct_9fa48("285") ? "" : (stryCov_9fa48("285"), 'jail'),
      name: src
    }), stryMutAct_9fa48("286") ? {} : (stryCov_9fa48("286"), {
      label: t,
      ip: addr(t)
    }), last.get(stryMutAct_9fa48("287") ? `` : (stryCov_9fa48("287"), `${src}>${t}`)), prober.pingTool)))));
    return stryMutAct_9fa48("288") ? {} : (stryCov_9fa48("288"), {
      details,
      probes: stryMutAct_9fa48("289") ? names.length / (names.length - 1) : (stryCov_9fa48("289"), names.length * (stryMutAct_9fa48("290") ? names.length + 1 : (stryCov_9fa48("290"), names.length - 1)))
    });
  }
}
async function serverDown(prober: Prober, src: Source): Promise<string | undefined> {
  if (stryMutAct_9fa48("291")) {
    {}
  } else {
    stryCov_9fa48("291");
    if (stryMutAct_9fa48("294") ? src.kind === 'jail' : stryMutAct_9fa48("293") ? false : stryMutAct_9fa48("292") ? true : (stryCov_9fa48("292", "293", "294"), src.kind !== (stryMutAct_9fa48("295") ? "" : (stryCov_9fa48("295"), 'jail')))) return undefined;
    const s = await prober.serverRunning(src.name);
    return (stryMutAct_9fa48("298") ? s || !s.running : stryMutAct_9fa48("297") ? false : stryMutAct_9fa48("296") ? true : (stryCov_9fa48("296", "297", "298"), s && (stryMutAct_9fa48("299") ? s.running : (stryCov_9fa48("299"), !s.running)))) ? stryMutAct_9fa48("300") ? `` : (stryCov_9fa48("300"), `the DNS/DHCP server of network ${s.network} (dnsmasq in ${s.network}-router) is not running`) : undefined;
  }
}
async function resolveAssertion(a: Extract<Assertion, {
  kind: 'resolve';
}>, view: LabView, prober: Prober): Promise<{
  details: string[];
  probes: number;
}> {
  if (stryMutAct_9fa48("301")) {
    {}
  } else {
    stryCov_9fa48("301");
    const details: string[] = stryMutAct_9fa48("302") ? ["Stryker was here"] : (stryCov_9fa48("302"), []);
    const srcs = sources(view, a.from);
    for (const src of srcs) {
      if (stryMutAct_9fa48("303")) {
        {}
      } else {
        stryCov_9fa48("303");
        const r = await prober.resolve(src, a.name);
        const asked = stryMutAct_9fa48("304") ? `` : (stryCov_9fa48("304"), `${label(src)} asked ${stryMutAct_9fa48("305") ? r.server && 'its resolver' : (stryCov_9fa48("305"), r.server ?? (stryMutAct_9fa48("306") ? "" : (stryCov_9fa48("306"), 'its resolver')))} for ${a.name} with getent ahostsv4`);
        const down = (stryMutAct_9fa48("309") ? r.addresses.length !== 0 : stryMutAct_9fa48("308") ? false : stryMutAct_9fa48("307") ? true : (stryCov_9fa48("307", "308", "309"), r.addresses.length === 0)) ? await serverDown(prober, src) : undefined;
        if (stryMutAct_9fa48("311") ? false : stryMutAct_9fa48("310") ? true : (stryCov_9fa48("310", "311"), down)) details.push(stryMutAct_9fa48("312") ? `` : (stryCov_9fa48("312"), `${asked}: no answer, because ${down}`));else if (stryMutAct_9fa48("315") ? r.addresses.length !== 0 : stryMutAct_9fa48("314") ? false : stryMutAct_9fa48("313") ? true : (stryCov_9fa48("313", "314", "315"), r.addresses.length === 0)) details.push(stryMutAct_9fa48("316") ? `` : (stryCov_9fa48("316"), `${asked}: ${r.detail}`));else if (stryMutAct_9fa48("319") ? a.expect.kind === 'ip' || !r.addresses.includes(a.expect.address) : stryMutAct_9fa48("318") ? false : stryMutAct_9fa48("317") ? true : (stryCov_9fa48("317", "318", "319"), (stryMutAct_9fa48("321") ? a.expect.kind !== 'ip' : stryMutAct_9fa48("320") ? true : (stryCov_9fa48("320", "321"), a.expect.kind === (stryMutAct_9fa48("322") ? "" : (stryCov_9fa48("322"), 'ip')))) && (stryMutAct_9fa48("323") ? r.addresses.includes(a.expect.address) : (stryCov_9fa48("323"), !r.addresses.includes(a.expect.address))))) details.push(stryMutAct_9fa48("324") ? `` : (stryCov_9fa48("324"), `${asked}: answered ${r.addresses.join(stryMutAct_9fa48("325") ? "" : (stryCov_9fa48("325"), ', '))}, expected ${a.expect.address}`));else if (stryMutAct_9fa48("328") ? a.expect.kind === 'cidr' || !r.addresses.some(ip => inCidr(ip, (a.expect as {
          cidr: string;
        }).cidr)) : stryMutAct_9fa48("327") ? false : stryMutAct_9fa48("326") ? true : (stryCov_9fa48("326", "327", "328"), (stryMutAct_9fa48("330") ? a.expect.kind !== 'cidr' : stryMutAct_9fa48("329") ? true : (stryCov_9fa48("329", "330"), a.expect.kind === (stryMutAct_9fa48("331") ? "" : (stryCov_9fa48("331"), 'cidr')))) && (stryMutAct_9fa48("332") ? r.addresses.some(ip => inCidr(ip, (a.expect as {
          cidr: string;
        }).cidr)) : (stryCov_9fa48("332"), !(stryMutAct_9fa48("333") ? r.addresses.every(ip => inCidr(ip, (a.expect as {
          cidr: string;
        }).cidr)) : (stryCov_9fa48("333"), r.addresses.some(stryMutAct_9fa48("334") ? () => undefined : (stryCov_9fa48("334"), ip => inCidr(ip, (a.expect as {
          cidr: string;
        }).cidr))))))))) details.push(stryMutAct_9fa48("335") ? `` : (stryCov_9fa48("335"), `${asked}: answered ${r.addresses.join(stryMutAct_9fa48("336") ? "" : (stryCov_9fa48("336"), ', '))}, not in ${a.expect.cidr}`));
      }
    }
    return stryMutAct_9fa48("337") ? {} : (stryCov_9fa48("337"), {
      details,
      probes: srcs.length
    });
  }
}
async function leaseAssertion(a: Extract<Assertion, {
  kind: 'lease';
}>, view: LabView, prober: Prober): Promise<{
  details: string[];
  probes: number;
}> {
  if (stryMutAct_9fa48("338")) {
    {}
  } else {
    stryCov_9fa48("338");
    const details: string[] = stryMutAct_9fa48("339") ? ["Stryker was here"] : (stryCov_9fa48("339"), []);
    const names = jailsOf(view, a.jail);
    for (const n of names) {
      if (stryMutAct_9fa48("340")) {
        {}
      } else {
        stryCov_9fa48("340");
        const l = await prober.lease(n);
        const where = stryMutAct_9fa48("341") ? `` : (stryCov_9fa48("341"), `the lease file of ${l.network}-router`);
        if (stryMutAct_9fa48("344") ? false : stryMutAct_9fa48("343") ? true : stryMutAct_9fa48("342") ? l.serverRunning : (stryCov_9fa48("342", "343", "344"), !l.serverRunning)) details.push(stryMutAct_9fa48("345") ? `` : (stryCov_9fa48("345"), `${n}: the DNS/DHCP server of network ${l.network} (dnsmasq in ${l.network}-router) is not running`));else if (stryMutAct_9fa48("348") ? false : stryMutAct_9fa48("347") ? true : stryMutAct_9fa48("346") ? l.leased : (stryCov_9fa48("346", "347", "348"), !l.leased)) details.push(stryMutAct_9fa48("349") ? `` : (stryCov_9fa48("349"), `${n}: no lease for its MAC in ${where}; eth0 has ${stryMutAct_9fa48("352") ? l.interfaceAddrs.join(', ') && 'no address' : stryMutAct_9fa48("351") ? false : stryMutAct_9fa48("350") ? true : (stryCov_9fa48("350", "351", "352"), l.interfaceAddrs.join(stryMutAct_9fa48("353") ? "" : (stryCov_9fa48("353"), ', ')) || (stryMutAct_9fa48("354") ? "" : (stryCov_9fa48("354"), 'no address')))}`));else if (stryMutAct_9fa48("357") ? false : stryMutAct_9fa48("356") ? true : stryMutAct_9fa48("355") ? l.interfaceAddrs.includes(l.leased) : (stryCov_9fa48("355", "356", "357"), !l.interfaceAddrs.includes(l.leased))) details.push(stryMutAct_9fa48("358") ? `` : (stryCov_9fa48("358"), `${n}: ${where} leases ${l.leased}, but eth0 has ${stryMutAct_9fa48("361") ? l.interfaceAddrs.join(', ') && 'no address' : stryMutAct_9fa48("360") ? false : stryMutAct_9fa48("359") ? true : (stryCov_9fa48("359", "360", "361"), l.interfaceAddrs.join(stryMutAct_9fa48("362") ? "" : (stryCov_9fa48("362"), ', ')) || (stryMutAct_9fa48("363") ? "" : (stryCov_9fa48("363"), 'no address')))}`));else if (stryMutAct_9fa48("366") ? a.cidr || !inCidr(l.leased, a.cidr) : stryMutAct_9fa48("365") ? false : stryMutAct_9fa48("364") ? true : (stryCov_9fa48("364", "365", "366"), a.cidr && (stryMutAct_9fa48("367") ? inCidr(l.leased, a.cidr) : (stryCov_9fa48("367"), !inCidr(l.leased, a.cidr))))) details.push(stryMutAct_9fa48("368") ? `` : (stryCov_9fa48("368"), `${n}: leased ${l.leased}, not in ${a.cidr}`));
      }
    }
    return stryMutAct_9fa48("369") ? {} : (stryCov_9fa48("369"), {
      details,
      probes: names.length
    });
  }
}

/** True when an IPv4 address lies in a CIDR. */
export function inCidr(ip: string, cidr: string): boolean {
  if (stryMutAct_9fa48("370")) {
    {}
  } else {
    stryCov_9fa48("370");
    const [net, bits] = cidr.split('/') as [string, string];
    const toInt = stryMutAct_9fa48("371") ? () => undefined : (stryCov_9fa48("371"), (() => {
      const toInt = (s: string) => s.split(stryMutAct_9fa48("372") ? "" : (stryCov_9fa48("372"), '.')).reduce(stryMutAct_9fa48("373") ? () => undefined : (stryCov_9fa48("373"), (acc, o) => stryMutAct_9fa48("374") ? acc * 256 - Number(o) : (stryCov_9fa48("374"), (stryMutAct_9fa48("375") ? acc / 256 : (stryCov_9fa48("375"), acc * 256)) + Number(o))), 0);
      return toInt;
    })());
    const size = 2 ** (stryMutAct_9fa48("376") ? 32 + Number(bits) : (stryCov_9fa48("376"), 32 - Number(bits)));
    const base = stryMutAct_9fa48("377") ? Math.floor(toInt(net) / size) / size : (stryCov_9fa48("377"), Math.floor(stryMutAct_9fa48("378") ? toInt(net) * size : (stryCov_9fa48("378"), toInt(net) / size)) * size);
    const n = toInt(ip);
    return stryMutAct_9fa48("381") ? n >= base || n < base + size : stryMutAct_9fa48("380") ? false : stryMutAct_9fa48("379") ? true : (stryCov_9fa48("379", "380", "381"), (stryMutAct_9fa48("384") ? n < base : stryMutAct_9fa48("383") ? n > base : stryMutAct_9fa48("382") ? true : (stryCov_9fa48("382", "383", "384"), n >= base)) && (stryMutAct_9fa48("387") ? n >= base + size : stryMutAct_9fa48("386") ? n <= base + size : stryMutAct_9fa48("385") ? true : (stryCov_9fa48("385", "386", "387"), n < (stryMutAct_9fa48("388") ? base - size : (stryCov_9fa48("388"), base + size)))));
  }
}

/** Evaluates one assertion against the lab. */
export async function evaluate(a: Assertion, view: LabView, prober: Prober): Promise<AssertionOutcome> {
  if (stryMutAct_9fa48("389")) {
    {}
  } else {
    stryCov_9fa48("389");
    const base = stryMutAct_9fa48("390") ? {} : (stryCov_9fa48("390"), {
      line: a.line,
      text: a.text
    });
    try {
      if (stryMutAct_9fa48("391")) {
        {}
      } else {
        stryCov_9fa48("391");
        let r: {
          details: string[];
          probes: number;
        };
        switch (a.kind) {
          case stryMutAct_9fa48("392") ? "" : (stryCov_9fa48("392"), 'reach'):
          case stryMutAct_9fa48("394") ? "" : (stryCov_9fa48("394"), 'isolated'):
            if (stryMutAct_9fa48("393")) {} else {
              stryCov_9fa48("393");
              r = await reachOrIsolated(a, view, prober);
              break;
            }
          case stryMutAct_9fa48("396") ? "" : (stryCov_9fa48("396"), 'mesh'):
            if (stryMutAct_9fa48("395")) {} else {
              stryCov_9fa48("395");
              r = await mesh(a, view, prober);
              break;
            }
          case stryMutAct_9fa48("398") ? "" : (stryCov_9fa48("398"), 'hostname'):
            if (stryMutAct_9fa48("397")) {} else {
              stryCov_9fa48("397");
              {
                if (stryMutAct_9fa48("399")) {
                  {}
                } else {
                  stryCov_9fa48("399");
                  const details: string[] = stryMutAct_9fa48("400") ? ["Stryker was here"] : (stryCov_9fa48("400"), []);
                  const names = jailsOf(view, a.jail);
                  for (const n of names) {
                    if (stryMutAct_9fa48("401")) {
                      {}
                    } else {
                      stryCov_9fa48("401");
                      const h = await prober.hostname(n);
                      if (stryMutAct_9fa48("404") ? h === a.name : stryMutAct_9fa48("403") ? false : stryMutAct_9fa48("402") ? true : (stryCov_9fa48("402", "403", "404"), h !== a.name)) details.push(stryMutAct_9fa48("405") ? `` : (stryCov_9fa48("405"), `hostname of ${n} (read in its UTS namespace) is "${h}", expected "${a.name}"`));
                    }
                  }
                  r = stryMutAct_9fa48("406") ? {} : (stryCov_9fa48("406"), {
                    details,
                    probes: names.length
                  });
                  break;
                }
              }
            }
          case stryMutAct_9fa48("408") ? "" : (stryCov_9fa48("408"), 'resolve'):
            if (stryMutAct_9fa48("407")) {} else {
              stryCov_9fa48("407");
              r = await resolveAssertion(a, view, prober);
              break;
            }
          case stryMutAct_9fa48("410") ? "" : (stryCov_9fa48("410"), 'lease'):
            if (stryMutAct_9fa48("409")) {} else {
              stryCov_9fa48("409");
              r = await leaseAssertion(a, view, prober);
              break;
            }
        }
        // An assertion that probed nothing proved nothing: it fails, and says so.
        if (stryMutAct_9fa48("413") ? r.probes === 0 || r.details.length === 0 : stryMutAct_9fa48("412") ? false : stryMutAct_9fa48("411") ? true : (stryCov_9fa48("411", "412", "413"), (stryMutAct_9fa48("415") ? r.probes !== 0 : stryMutAct_9fa48("414") ? true : (stryCov_9fa48("414", "415"), r.probes === 0)) && (stryMutAct_9fa48("417") ? r.details.length !== 0 : stryMutAct_9fa48("416") ? true : (stryCov_9fa48("416", "417"), r.details.length === 0)))) return stryMutAct_9fa48("418") ? {} : (stryCov_9fa48("418"), {
          ...base,
          ok: stryMutAct_9fa48("419") ? true : (stryCov_9fa48("419"), false),
          probes: 0,
          details: stryMutAct_9fa48("420") ? [] : (stryCov_9fa48("420"), [stryMutAct_9fa48("421") ? "" : (stryCov_9fa48("421"), 'no probe ran: every target was the source itself, so nothing was proven')])
        });
        return stryMutAct_9fa48("422") ? {} : (stryCov_9fa48("422"), {
          ...base,
          ok: stryMutAct_9fa48("425") ? r.details.length !== 0 : stryMutAct_9fa48("424") ? false : stryMutAct_9fa48("423") ? true : (stryCov_9fa48("423", "424", "425"), r.details.length === 0),
          details: r.details,
          probes: r.probes
        });
      }
    } catch (e) {
      if (stryMutAct_9fa48("426")) {
        {}
      } else {
        stryCov_9fa48("426");
        if (stryMutAct_9fa48("428") ? false : stryMutAct_9fa48("427") ? true : (stryCov_9fa48("427", "428"), e instanceof Unresolvable)) return stryMutAct_9fa48("429") ? {} : (stryCov_9fa48("429"), {
          ...base,
          ok: stryMutAct_9fa48("430") ? true : (stryCov_9fa48("430"), false),
          probes: 0,
          details: stryMutAct_9fa48("431") ? [] : (stryCov_9fa48("431"), [e.message])
        });
        throw e;
      }
    }
  }
}