// Assertion decisions in every branch, with exact outcomes (ok, details and probe count together), so a pass
// that probed nothing, or a failure that lost its words, cannot hide.
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  inCidr,
  type LabView,
  type LeaseResult,
  type PingResult,
  type Prober,
  type ResolveResult,
  type Source,
} from '../../../src/assert/evaluate.js';
import { parseAssertions } from '../../../src/assert/grammar.js';

const view: LabView = {
  jails: [
    { name: 'a-1', addr: '10.0.1.2', network: 'a' },
    { name: 'a-2', addr: '10.0.1.3', network: 'a' },
    { name: 'a-3', addr: '10.0.1.4', network: 'a' },
    { name: 'b-1', addr: '10.0.2.2', network: 'b' },
    { name: 'lone', addr: null, network: 'a' },
    { name: 'nowhere', addr: '10.9.0.2', network: null },
    { name: 'a-router', addr: '10.0.1.1', network: 'a', router: true },
  ],
  networks: [
    { name: 'a', subnet: '10.0.1.0/24', hostAddr: '10.0.1.254' },
    { name: 'b', subnet: '10.0.2.0/24', hostAddr: '10.0.2.254' },
  ],
  upstream: '198.51.100.80',
};

interface Script {
  ping?: (src: Source, ip: string, attempt: number) => PingResult | undefined;
  tcp?: (src: Source, ip: string, port: number) => { ok: boolean; detail: string };
  resolve?: (src: Source, name: string) => ResolveResult;
  lease?: (j: string) => LeaseResult;
  server?: (j: string) => { network: string; running: boolean } | undefined;
  budget?: number;
}

/** A prober that answers from a script and records every call. */
function scripted(s: Script): Prober & { calls: string[] } {
  const calls: string[] = [];
  const tries = new Map<string, number>();
  const name = (x: Source) => (x.kind === 'jail' ? x.name : x.kind);
  return {
    calls,
    pingTool: 'P',
    tcpTool: 'T',
    async ping(src, ips, want) {
      calls.push(`ping ${name(src)} ${ips.join(',')} ${want}`);
      const m = new Map<string, PingResult>();
      for (const ip of ips) {
        const k = `${name(src)}>${ip}`;
        const n = (tries.get(k) ?? 0) + 1;
        tries.set(k, n);
        const r = s.ping ? s.ping(src, ip, n) : { sent: 1, received: 1 };
        if (r) m.set(ip, r);
      }
      return m;
    },
    async tcp(src, ip, port, want) {
      calls.push(`tcp ${name(src)} ${ip}:${port} ${want}`);
      return s.tcp ? s.tcp(src, ip, port) : { ok: true, detail: 'connected' };
    },
    async hostname(j) {
      return j;
    },
    async resolve(src, n) {
      calls.push(`resolve ${name(src)} ${n}`);
      return s.resolve ? s.resolve(src, n) : { addresses: [], detail: 'no answer' };
    },
    async lease(j) {
      return s.lease ? s.lease(j) : { interfaceAddrs: [], serverRunning: true, network: 'a' };
    },
    async serverRunning(j) {
      return s.server ? s.server(j) : { network: 'a', running: true };
    },
    async neighbourBudget() {
      return s.budget ?? 10_000;
    },
    async forgetNeighbours(jails) {
      calls.push(`forget ${jails.join(',')}`);
    },
  };
}

const one = (text: string) => {
  const r = parseAssertions(text, 3);
  expect(r.problems).toEqual([]);
  return r.assertions[0]!;
};
const run = (text: string, p: Prober, v: LabView = view) => evaluate(one(text), v, p);

describe('mesh', () => {
  it('fails a mesh with one failing pair, naming it, after one more try on its own', async () => {
    const p = scripted({
      ping: (src, ip) => (src.kind === 'jail' && src.name === 'a-1' && ip === '10.0.1.4' ? { sent: 1, received: 0 } : { sent: 1, received: 1 }),
    });
    const o = await run('mesh a-*', p);
    expect(o).toEqual({ ok: false, line: 3, text: 'mesh a-*', probes: 6, details: ['ICMP echo from a-1 to a-3 (10.0.1.4) with P: 1 sent, 0 received'] });
    // The failing pair was tried again alone.
    expect(p.calls.filter((c) => c === 'ping a-1 10.0.1.4 true')).toHaveLength(1);
    expect(p.calls.filter((c) => c.startsWith('ping a-1 '))).toEqual(['ping a-1 10.0.1.3,10.0.1.4 true', 'ping a-1 10.0.1.4 true']);
  });

  it('passes a pair that fails once and answers on its retry', async () => {
    const p = scripted({ ping: (_s, ip, n) => (ip === '10.0.1.3' && n === 1 ? { sent: 1, received: 0 } : { sent: 1, received: 1 }) });
    expect(await run('mesh a-*', p)).toEqual({ ok: true, line: 3, text: 'mesh a-*', probes: 6, details: [] });
  });

  it('counts a missing result as a failure and says so', async () => {
    const p = scripted({ ping: (_s, ip) => (ip === '10.0.1.2' ? undefined : { sent: 1, received: 1 }) });
    const o = await run('mesh a-*', p);
    expect(o.ok).toBe(false);
    expect(o.details).toEqual(['ICMP echo from a-2 to a-1 (10.0.1.2) with P: no result', 'ICMP echo from a-3 to a-1 (10.0.1.2) with P: no result']);
  });

  it('needs two jails', async () => {
    const o = await run('mesh b-*', scripted({}));
    expect(o).toEqual({
      ok: false,
      line: 3,
      text: 'mesh b-*',
      probes: 0,
      details: ['mesh needs at least two jails; b-* matches only b-1, so there is no pair to probe'],
    });
  });

  it('forgets neighbours between waves only when there is more than one wave, and after each retried pair', async () => {
    const small = scripted({ budget: 2, ping: (_s, ip, n) => (ip === '10.0.1.4' && n === 1 ? { sent: 1, received: 0 } : { sent: 1, received: 1 }) });
    expect((await run('mesh a-*', small)).ok).toBe(true);
    const forgets = small.calls.filter((c) => c.startsWith('forget'));
    expect(forgets).toEqual(['forget a-1,a-2', 'forget a-1,a-3', 'forget a-2,a-3', 'forget a-1,a-3', 'forget a-2,a-3']);
    const big = scripted({});
    await run('mesh a-*', big);
    expect(big.calls.some((c) => c.startsWith('forget'))).toBe(false);
  });
});

describe('reach and isolated', () => {
  it('fails an assertion that probed nothing', async () => {
    const o = await run('reach a-1 -> a-1', scripted({}));
    expect(o).toEqual({
      ok: false,
      line: 3,
      text: 'reach a-1 -> a-1',
      probes: 0,
      details: ['no probe ran: every target was the source itself, so nothing was proven'],
    });
  });

  it('probes from host and to host, and from upstream to an address', async () => {
    const p = scripted({});
    expect(await run('reach host -> a-*', p)).toMatchObject({ ok: true, probes: 3 });
    expect(p.calls).toEqual(['ping host 10.0.1.2,10.0.1.3,10.0.1.4 true']);
    const q = scripted({});
    expect(await run('reach b-1 -> host', q)).toMatchObject({ ok: true, probes: 1 });
    expect(q.calls).toEqual(['ping b-1 10.0.2.254 true']);
    const u = scripted({ ping: () => ({ sent: 1, received: 0 }) });
    expect(await run('isolated upstream -> 10.0.1.2', u)).toEqual({ ok: true, line: 3, text: 'isolated upstream -> 10.0.1.2', probes: 1, details: [] });
    expect(u.calls).toEqual(['ping upstream 10.0.1.2 false']);
  });

  it('says why an endpoint has no address', async () => {
    expect((await run('reach a-1 -> lone', scripted({}))).details).toEqual(['jail lone has no address']);
    expect((await run('reach upstream -> host', scripted({}))).details).toEqual(['host is not reachable from upstream: the lab host has no leg on the uplink']);
    expect((await run('reach nowhere -> host', scripted({}))).details).toEqual(['nowhere is on no network, so "host" has no address for it']);
    const noUp = { ...view, upstream: undefined };
    const msg = "upstream (the simulated outside) is not part of this lab: it comes with the run's uplink";
    expect((await run('reach a-1 -> upstream', scripted({}), noUp)).details).toEqual([msg]);
    expect((await run('reach upstream -> a-1', scripted({}), noUp)).details).toEqual([msg]);
    expect((await run('reach a-1 -> a-router', scripted({}))).ok).toBe(true);
  });

  it('reaches upstream by its address and a DNS name by what the source resolves', async () => {
    const p = scripted({
      resolve: (_s, n) => (n === 'www.example' ? { addresses: ['198.51.100.80', '198.51.100.81'], detail: '' } : { addresses: [], detail: 'NXDOMAIN' }),
    });
    expect(await run('reach a-1 -> upstream', p)).toMatchObject({ ok: true, probes: 1 });
    expect(await run('reach a-1 -> www.example:80', p)).toMatchObject({ ok: true, probes: 1 });
    expect(p.calls).toEqual(['ping a-1 198.51.100.80 true', 'resolve a-1 www.example', 'tcp a-1 198.51.100.80:80 true']);
    expect((await run('reach a-1 -> nope.example', p)).details).toEqual(['a-1 could not resolve nope.example: NXDOMAIN']);
  });

  it('words failures of each kind exactly', async () => {
    const down = scripted({ ping: () => ({ sent: 0, received: 0, error: 'No route to host' }), tcp: () => ({ ok: false, detail: 'Connection refused' }) });
    expect((await run('reach a-1 -> b-1', down)).details).toEqual(['ICMP echo from a-1 to b-1 (10.0.2.2) with P: No route to host']);
    expect((await run('reach a-1 -> b-1:22', down)).details).toEqual(['TCP connect from a-1 to b-1 (10.0.2.2:22) with T: Connection refused']);
    const up = scripted({});
    expect((await run('isolated a-1 -> b-1', up)).details).toEqual(['ICMP echo from a-1 to b-1 (10.0.2.2) with P: 1 sent, 1 received (expected no reply)']);
    expect((await run('isolated a-1 -> b-1:22', up)).details).toEqual(['TCP connect from a-1 to b-1 (10.0.2.2:22) with T: connected (expected it to fail)']);
    expect(up.calls.at(-1)).toBe('tcp a-1 10.0.2.2:22 false');
  });
});

describe('resolve', () => {
  const answers = (addresses: string[]) => scripted({ resolve: () => ({ addresses, detail: addresses.length ? '' : 'no answer', server: '10.0.1.1' }) });

  it('passes on any answer, an expected address, or one in a CIDR', async () => {
    expect(await run('resolve a-2 from a-1', answers(['10.0.1.3']))).toEqual({ ok: true, line: 3, text: 'resolve a-2 from a-1', probes: 1, details: [] });
    expect((await run('resolve a-2 from a-1 = 10.0.1.3', answers(['10.0.1.3', '10.0.1.3']))).ok).toBe(true);
    // `= IP` is exactly that address: one answer of several is not (the contract's "exactly").
    expect((await run('resolve a-2 from a-1 = 10.0.1.3', answers(['10.0.1.9', '10.0.1.3']))).ok).toBe(false);
    expect((await run('resolve a-2 from a-1 in 10.0.1.0/24', answers(['10.0.1.3']))).ok).toBe(true);
    expect(await run('resolve a-2 from a-*', answers(['10.0.1.3']))).toMatchObject({ ok: true, probes: 3 });
  });

  it('names the server, the answer and what was expected', async () => {
    expect((await run('resolve a-2 from a-1 = 10.0.1.4', answers(['10.0.1.3']))).details).toEqual([
      'a-1 asked 10.0.1.1 for a-2 with getent ahostsv4: answered 10.0.1.3, expected 10.0.1.4',
    ]);
    expect((await run('resolve a-2 from a-1 in 10.0.2.0/24', answers(['10.0.1.3', '10.0.1.5']))).details).toEqual([
      'a-1 asked 10.0.1.1 for a-2 with getent ahostsv4: answered 10.0.1.3, 10.0.1.5, not in 10.0.2.0/24',
    ]);
    expect((await run('resolve a-2 from a-1', answers([]))).details).toEqual(['a-1 asked 10.0.1.1 for a-2 with getent ahostsv4: no answer']);
    const noServer = scripted({ resolve: () => ({ addresses: [], detail: 'x' }) });
    expect((await run('resolve a-2 from host', noServer)).details).toEqual(['host asked its resolver for a-2 with getent ahostsv4: x']);
  });

  it("says when the network's server is down", async () => {
    const p = scripted({ resolve: () => ({ addresses: [], detail: 'timeout', server: '10.0.1.1' }), server: () => ({ network: 'a', running: false }) });
    expect((await run('resolve a-2 from a-1', p)).details).toEqual([
      'a-1 asked 10.0.1.1 for a-2 with getent ahostsv4: no answer, because the DNS/DHCP server of network a (dnsmasq in a-router) is not running',
    ]);
    const gone = scripted({ resolve: () => ({ addresses: [], detail: 'timeout' }), server: () => undefined });
    expect((await run('resolve a-2 from a-1', gone)).details).toEqual(['a-1 asked its resolver for a-2 with getent ahostsv4: timeout']);
  });
});

describe('lease', () => {
  const with_ = (l: Partial<LeaseResult>) =>
    scripted({ lease: () => ({ interfaceAddrs: ['10.0.1.130'], leased: '10.0.1.130', serverRunning: true, network: 'a', ...l }) });

  it('passes when the router leases the address eth0 carries, in the CIDR', async () => {
    expect(await run('lease a-1', with_({}))).toEqual({ ok: true, line: 3, text: 'lease a-1', probes: 1, details: [] });
    expect(await run('lease a-* in 10.0.1.128/25', with_({}))).toMatchObject({ ok: true, probes: 3 });
  });

  it('fails each way with its reason', async () => {
    expect((await run('lease a-1', with_({ serverRunning: false }))).details).toEqual([
      'a-1: the DNS/DHCP server of network a (dnsmasq in a-router) is not running',
    ]);
    expect((await run('lease a-1', with_({ leased: undefined }))).details).toEqual([
      'a-1: no lease for its MAC in the lease file of a-router; eth0 has 10.0.1.130',
    ]);
    expect((await run('lease a-1', with_({ leased: undefined, interfaceAddrs: [] }))).details).toEqual([
      'a-1: no lease for its MAC in the lease file of a-router; eth0 has no address',
    ]);
    expect((await run('lease a-1', with_({ interfaceAddrs: ['10.0.1.7'] }))).details).toEqual([
      'a-1: the lease file of a-router leases 10.0.1.130, but eth0 has 10.0.1.7',
    ]);
    expect((await run('lease a-1', with_({ interfaceAddrs: [] }))).details).toEqual([
      'a-1: the lease file of a-router leases 10.0.1.130, but eth0 has no address',
    ]);
    expect((await run('lease a-1 in 10.0.1.0/25', with_({}))).details).toEqual(['a-1: leased 10.0.1.130, not in 10.0.1.0/25']);
  });
});

describe('hostname', () => {
  it('checks every jail of a pattern', async () => {
    expect(await run('hostname a-1 = a-1', scripted({}))).toEqual({ ok: true, line: 3, text: 'hostname a-1 = a-1', probes: 1, details: [] });
    const o = await run('hostname a-* = a-2', scripted({}));
    expect(o).toMatchObject({ ok: false, probes: 3 });
    expect(o.details).toEqual([
      'hostname of a-1 (read in its UTS namespace) is "a-1", expected "a-2"',
      'hostname of a-3 (read in its UTS namespace) is "a-3", expected "a-2"',
    ]);
  });
});

describe('inCidr', () => {
  it('takes the edges of a block and nothing outside', () => {
    expect(inCidr('10.0.1.0', '10.0.1.0/24')).toBe(true);
    expect(inCidr('10.0.1.255', '10.0.1.0/24')).toBe(true);
    expect(inCidr('10.0.2.0', '10.0.1.0/24')).toBe(false);
    expect(inCidr('10.0.0.255', '10.0.1.0/24')).toBe(false);
    expect(inCidr('10.0.1.127', '10.0.1.128/25')).toBe(false);
    expect(inCidr('10.0.1.128', '10.0.1.128/25')).toBe(true);
    expect(inCidr('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inCidr('10.0.1.5', '10.0.1.5/32')).toBe(true);
    expect(inCidr('10.0.1.6', '10.0.1.5/32')).toBe(false);
  });
});
