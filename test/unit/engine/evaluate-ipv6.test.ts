// Dual-stack assertions (a fake prober): every family both ends have is probed, -4/-6 hold to one, an IPv6 leak
// fails an isolation that holds on IPv4, AAAA answers, and the IPv6 grammar (literals, [addr]:port) with its refusals.
import { describe, expect, it } from 'vitest';
import { evaluate, type LabView, type PingResult, type Prober, type Source } from '../../../src/assert/evaluate.js';
import { parseAssertions } from '../../../src/assert/grammar.js';

const P = 'fd00:1:2:3::';
const view: LabView = {
  jails: [
    { name: 'a', addr: '10.0.1.2', network: 'lan', addr6: `${P}2` },
    { name: 'b', addr: '10.0.1.3', network: 'lan', addr6: `${P}3` },
    { name: 'v4only', addr: '10.0.1.4', network: 'lan', addr6: null },
  ],
  networks: [{ name: 'lan', subnet: '10.0.1.0/24', hostAddr: '10.0.1.254', subnet6: `${P}/64`, hostAddr6: `${P}ffff` }],
  upstream: '198.51.100.80',
  upstream6: '2001:db8:0:100::80',
};

/** Everything answers, except what `blocked` lists (addresses that drop packets). */
function fake(blocked: string[] = []): Prober & { calls: string[] } {
  const calls: string[] = [];
  const name = (s: Source) => (s.kind === 'jail' ? s.name : s.kind);
  return {
    calls,
    pingTool: 'fake-ping',
    tcpTool: 'fake-tcp',
    async ping(src, ips) {
      calls.push(`ping ${name(src)} ${ips.join(',')}`);
      return new Map(ips.map((ip): [string, PingResult] => [ip, blocked.includes(ip) ? { sent: 2, received: 0 } : { sent: 1, received: 1 }]));
    },
    async tcp(src, ip, port) {
      calls.push(`tcp ${name(src)} ${ip} ${port}`);
      return blocked.includes(ip) ? { ok: false, detail: 'timed out after 1s' } : { ok: true, detail: 'connected' };
    },
    async hostname(j) {
      return j;
    },
    async resolve(_src, n, family = 4) {
      calls.push(`resolve ${n} ${family}`);
      if (n !== 'www.example') return { addresses: [], detail: 'no answer' };
      return family === 6 ? { addresses: ['2001:db8:0:100::80'], detail: 'ok' } : { addresses: ['198.51.100.80'], detail: 'ok' };
    },
    async lease() {
      return { interfaceAddrs: [], serverRunning: true, network: 'lan' };
    },
    async serverRunning() {
      return { network: 'lan', running: true };
    },
    async neighbourBudget() {
      return 10_000;
    },
    async forgetNeighbours() {},
  };
}

const one = (text: string) => {
  const r = parseAssertions(text, 3);
  expect(r.problems).toEqual([]);
  return r.assertions[0]!;
};

describe('dual-stack reach and isolated', () => {
  it('probes both families between dual-stack jails, and only IPv4 with an IPv4-only end', async () => {
    const p = fake();
    expect(await evaluate(one('reach a -> b'), view, p)).toMatchObject({ ok: true, probes: 2 });
    expect(p.calls).toEqual([`ping a 10.0.1.3,${P}3`]);
    const q = fake();
    expect(await evaluate(one('reach a -> v4only'), view, q)).toMatchObject({ ok: true, probes: 1 });
    expect(q.calls).toEqual(['ping a 10.0.1.4']);
  });
  it('fails an isolation that holds on IPv4 and leaks on IPv6', async () => {
    const o = await evaluate(one('isolated a -> b'), view, fake(['10.0.1.3']));
    expect(o.ok).toBe(false);
    expect(o.details).toEqual([`ICMPv6 echo from a to b (${P}3) with fake-ping: 1 sent, 1 received (expected no reply)`]);
    expect((await evaluate(one('isolated a -> b'), view, fake(['10.0.1.3', `${P}3`]))).ok).toBe(true);
  });
  it('holds to one family with -4 or -6, and fails -6 from a source without IPv6', async () => {
    const p = fake([`${P}3`]);
    expect((await evaluate(one('reach -4 a -> b'), view, p)).ok).toBe(true);
    expect(p.calls).toEqual(['ping a 10.0.1.3']);
    const o = await evaluate(one('reach -6 a -> b'), view, fake([`${P}3`]));
    expect(o).toMatchObject({ ok: false, probes: 1 });
    expect((await evaluate(one('reach -6 v4only -> a'), view, fake())).details).toEqual(['v4only has no IPv6 address, so reach -6 cannot be probed from it']);
    expect((await evaluate(one('reach -6 a -> v4only'), view, fake())).details[0]).toMatch(/share no address family for -6/);
  });
  it('reaches IPv6 literals, with ports in brackets', async () => {
    const p = fake();
    expect((await evaluate(one(`reach a -> [${P}3]:80`), view, p)).ok).toBe(true);
    expect(p.calls).toEqual([`tcp a ${P}3 80`]);
    const o = await evaluate(one(`reach a -> [${P}3]:80`), view, fake([`${P}3`]));
    expect(o.details).toEqual([`TCP connect from a to ${P}3 ([${P}3]:80) with fake-tcp: timed out after 1s`]);
    expect((await evaluate(one(`reach v4only -> ${P}3`), view, fake())).details[0]).toMatch(/share no address family/);
  });
  it('looks a name up in both families from a dual-stack source, and only A from an IPv4-only one', async () => {
    const p = fake();
    expect(await evaluate(one('reach a -> www.example:80'), view, p)).toMatchObject({ ok: true, probes: 2 });
    expect(p.calls).toEqual(['resolve www.example 4', 'resolve www.example 6', 'tcp a 198.51.100.80 80', 'tcp a 2001:db8:0:100::80 80']);
    const q = fake();
    expect(await evaluate(one('reach v4only -> www.example:80'), view, q)).toMatchObject({ ok: true, probes: 1 });
    expect(q.calls).toEqual(['resolve www.example 4', 'tcp v4only 198.51.100.80 80']);
  });
  it('reaches upstream and host on both families', async () => {
    const p = fake();
    expect(await evaluate(one('reach a -> upstream'), view, p)).toMatchObject({ ok: true, probes: 2 });
    expect(p.calls).toEqual(['ping a 198.51.100.80,2001:db8:0:100::80']);
    const q = fake();
    expect(await evaluate(one('reach a -> host'), view, q)).toMatchObject({ ok: true, probes: 2 });
    expect(q.calls).toEqual([`ping a 10.0.1.254,${P}ffff`]);
  });
  it('meshes each family among the jails that have it', async () => {
    const p = fake();
    expect(await evaluate(one('mesh *'), view, p)).toMatchObject({ ok: true, probes: 6 + 2 });
    expect((await evaluate(one('mesh -6 *'), view, fake())).details).toEqual(['mesh -6: v4only has no IPv6 address']);
    expect((await evaluate(one('mesh -6 a'), view, fake())).ok).toBe(false);
  });
});

describe('AAAA', () => {
  it('asks for AAAA records when the record type or the expected address says so', async () => {
    const p = fake();
    expect((await evaluate(one('resolve www.example AAAA from a = 2001:db8:0:100::80'), view, p)).ok).toBe(true);
    expect((await evaluate(one('resolve www.example from a = 2001:DB8:0:100:0::80'), view, p)).ok).toBe(true);
    expect((await evaluate(one('resolve www.example from a in 2001:db8::/32'), view, p)).ok).toBe(true);
    expect(p.calls).toEqual(['resolve www.example 6', 'resolve www.example 6', 'resolve www.example 6']);
    const o = await evaluate(one('resolve www.example AAAA from a in fd00::/8'), view, fake());
    expect(o.details).toEqual(['a asked its resolver for www.example (AAAA) with getent ahostsv6: answered 2001:db8:0:100::80, not in fd00::/8']);
    expect((await evaluate(one('resolve nothing.example AAAA from a'), view, fake())).details[0]).toMatch(/\(AAAA\) with getent ahostsv6: no answer/);
  });
});

describe('the IPv6 grammar', () => {
  it.each([
    ['reach a -> fd00::zz', /not a valid IPv6 address/],
    ['reach a -> fd00::1:80x', /not a valid IPv6 address.*\[ADDRESS\]:PORT/],
    ['reach a -> [fd00::1]:70000', /port "70000"/],
    ['reach a -> [nope]:80', /"nope" is not a valid IPv6 address/],
    ['reach -6 a -> 10.0.0.1', /reach -6 to 10.0.0.1: that is an IPv4 address/],
    ['reach -5 a -> b', /malformed reach/],
    ['resolve x.test AAAA from a = 10.0.0.1', /10.0.0.1 is an IPv4 address, and AAAA records hold IPv6 ones/],
    ['resolve x.test A from a in fd00::/8', /is an IPv6 prefix, and A records hold IPv4 ones/],
    ['resolve x.test from a = fd00::g', /not a valid IPv6 address/],
    ['lease a in fd00::/129', /bad IPv6 prefix/],
  ])('refuses %s', (text, why) => {
    const r = parseAssertions(text, 1);
    expect(r.assertions).toEqual([]);
    expect(r.problems[0]!.message).toMatch(why);
  });
  it('normalises IPv6 literals and keeps IPv4 ones as written', () => {
    expect(one('reach a -> FD00:0::1')).toMatchObject({ to: { endpoint: { kind: 'ip', address: 'fd00::1', family: 6 } } });
    expect(one('reach a -> [fd00::1]:22')).toMatchObject({ to: { endpoint: { address: 'fd00::1' }, port: 22 } });
    expect(one('isolated -4 a -> b:22')).toMatchObject({ family: 4, to: { port: 22 } });
    expect(one('resolve x.test from a')).toMatchObject({ record: 'A' });
  });
});
