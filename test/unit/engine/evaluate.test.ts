// Assertion decisions from probe values (a fake prober), and the probes' output parsers.
import { describe, expect, it } from 'vitest';
import { evaluate, meshGroupSize, meshWaves, type LabView, type PingResult, type Prober, type Source } from '../../../src/assert/evaluate.js';
import { parseAssertions } from '../../../src/assert/grammar.js';
import { parseFping, parseGetent, parseTcp } from '../../../src/backends/linux/probes.js';

const view: LabView = {
  jails: [
    { name: 'a-1', addr: '10.0.1.2', network: 'a' },
    { name: 'a-2', addr: '10.0.1.3', network: 'a' },
    { name: 'b-1', addr: '10.0.2.2', network: 'b' },
    { name: 'a-router', addr: '10.0.1.1', network: 'a', router: true },
  ],
  networks: [
    { name: 'a', subnet: '10.0.1.0/24', hostAddr: '10.0.1.254' },
    { name: 'b', subnet: '10.0.2.0/24', hostAddr: '10.0.2.254' },
  ],
};

/** Packets flow only within a network; port 80 listens on a-2 only. */
function fake(): Prober & { calls: string[] } {
  const netOf = (ip: string) => ip.split('.').slice(0, 3).join('.');
  const known = [...view.jails, { name: 'a-3', addr: '10.0.1.4' }];
  const srcIp = (s: Source) => (s.kind === 'jail' ? known.find((j) => j.name === s.name)!.addr! : '10.0.1.254');
  const calls: string[] = [];
  return {
    calls,
    pingTool: 'fake-ping',
    tcpTool: 'fake-tcp',
    async ping(src, ips) {
      calls.push(`ping ${src.kind === 'jail' ? src.name : src.kind} ${ips.join(',')}`);
      return new Map(ips.map((ip): [string, PingResult] => [ip, netOf(ip) === netOf(srcIp(src)) ? { sent: 1, received: 1 } : { sent: 1, received: 0 }]));
    },
    async tcp(src, ip, port) {
      const ok = ip === '10.0.1.3' && port === 80 && netOf(srcIp(src)) === '10.0.1';
      return { ok, detail: ok ? 'connected' : 'Connection refused' };
    },
    async hostname(j) {
      return j;
    },
    async resolve() {
      return { addresses: [], detail: 'nothing' };
    },
    async lease(j) {
      return { interfaceAddrs: [known.find((x) => x.name === j)!.addr!], leased: known.find((x) => x.name === j)!.addr!, serverRunning: true, network: 'a' };
    },
    async serverRunning() {
      return { network: 'a', running: true };
    },
    async neighbourBudget() {
      return 2;
    },
    async forgetNeighbours(jails) {
      calls.push(`forget ${jails.join(',')}`);
    },
  };
}

const one = (text: string) => {
  const r = parseAssertions(text, 7);
  expect(r.problems).toEqual([]);
  return r.assertions[0]!;
};

describe('evaluate', () => {
  it('passes reach and mesh within a network, one fping per source', async () => {
    const p = fake();
    expect((await evaluate(one('mesh a-*'), view, p)).ok).toBe(true);
    // A budget of 2 entries gives groups of one jail; the one wave pairs a-1 and a-2 both ways.
    expect(p.calls).toEqual(['ping a-1 10.0.1.3', 'ping a-2 10.0.1.2']);
    // Three jails in groups of one take three waves, each followed by forgetting its two jails.
    const three = fake();
    const v3 = { ...view, jails: [...view.jails, { name: 'a-3', addr: '10.0.1.4', network: 'a' }] };
    expect((await evaluate(one('mesh a-*'), v3, three)).ok).toBe(true);
    expect(three.calls.filter((c) => c.startsWith('forget'))).toEqual(['forget a-1,a-2', 'forget a-1,a-3', 'forget a-2,a-3']);
    const roomy = { ...fake(), neighbourBudget: async () => 10_000 };
    roomy.calls.length = 0;
    expect((await evaluate(one('mesh a-*'), view, roomy)).ok).toBe(true);
    expect(roomy.calls.sort()).toEqual(['ping a-1 10.0.1.3', 'ping a-2 10.0.1.2']);
    expect(await evaluate(one('reach a-1 -> host'), view, p)).toEqual({ ok: true, line: 7, text: 'reach a-1 -> host', details: [], probes: 1 });
    expect(await evaluate(one('reach host -> a-*'), view, p)).toEqual({ ok: true, line: 7, text: 'reach host -> a-*', details: [], probes: 2 });
  });

  it('reports a failing reach with the address, the tool and the answer', async () => {
    const o = await evaluate(one('reach a-1 -> b-1'), view, fake());
    expect(o).toMatchObject({ ok: false, line: 7, probes: 1 });
    expect(o.details).toEqual(['ICMP echo from a-1 to b-1 (10.0.2.2) with fake-ping: 1 sent, 0 received']);
  });

  it('passes isolated across networks and fails it within one', async () => {
    expect((await evaluate(one('isolated a-* -> b-*'), view, fake())).ok).toBe(true);
    const o = await evaluate(one('isolated a-1 -> a-2'), view, fake());
    expect(o.ok).toBe(false);
    expect(o.details[0]).toMatch(/1 received \(expected no reply\)$/);
  });

  it('checks TCP ports both ways', async () => {
    expect((await evaluate(one('reach a-1 -> a-2:80'), view, fake())).ok).toBe(true);
    const o = await evaluate(one('reach a-1 -> a-2:81'), view, fake());
    expect(o.details).toEqual(['TCP connect from a-1 to a-2 (10.0.1.3:81) with fake-tcp: Connection refused']);
    expect((await evaluate(one('isolated b-1 -> a-2:80'), view, fake())).ok).toBe(true);
  });

  it('fails patterns that match nothing, unknown jails, and keeps routers out of patterns', async () => {
    expect(await evaluate(one('mesh c-*'), view, fake())).toEqual({
      ok: false,
      line: 7,
      text: 'mesh c-*',
      probes: 0,
      details: ['pattern c-* matches no jail in this lab'],
    });
    expect(await evaluate(one('reach zed -> a-1'), view, fake())).toEqual({
      ok: false,
      line: 7,
      text: 'reach zed -> a-1',
      probes: 0,
      details: ['no jail named zed in this lab'],
    });
    const p = fake();
    await evaluate(one('mesh a*'), view, p);
    expect(p.calls.join(' ')).not.toContain('10.0.1.1');
    expect(await evaluate(one('reach a-1 -> a-router'), view, fake())).toMatchObject({ ok: true, details: [], probes: 1 });
  });

  it('checks hostnames', async () => {
    expect((await evaluate(one('hostname a-1 = a-1'), view, fake())).ok).toBe(true);
    expect((await evaluate(one('hostname a-1 = web'), view, fake())).details).toEqual(['hostname of a-1 (read in its UTS namespace) is "a-1", expected "web"']);
  });
});

describe('blocked mesh waves', () => {
  it('sizes groups to the neighbour table', () => {
    expect(meshGroupSize(960, 100)).toBe(21);
    expect(meshGroupSize(100_000, 100)).toBe(100);
    expect(meshGroupSize(0, 100)).toBe(1);
  });
  it('covers every ordered pair exactly once', () => {
    const names = Array.from({ length: 23 }, (_, i) => `j-${i}`);
    for (const g of [1, 4, 5, 23]) {
      const seen = new Map<string, number>();
      const waves = meshWaves(names, g);
      for (const w of waves) for (const { src, targets } of w) for (const t of targets) seen.set(`${src}>${t}`, (seen.get(`${src}>${t}`) ?? 0) + 1);
      expect(seen.size, `g=${g}`).toBe(23 * 22);
      expect(
        [...seen.values()].every((n) => n === 1),
        `g=${g}`,
      ).toBe(true);
      for (const w of waves) {
        const jails = new Set(w.flatMap((p) => [p.src, ...p.targets]));
        expect(jails.size, `g=${g}`).toBeLessThanOrEqual(2 * g);
      }
    }
    expect(meshWaves(names, 5)).toHaveLength(15);
  });
});

describe('probe parsers', () => {
  it('reads fping summaries and errors', () => {
    const m = parseFping(
      [
        '10.0.0.2 : xmt/rcv/%loss = 1/1/0%, min/avg/max = 0.05/0.05/0.05',
        '10.0.0.9 : xmt/rcv/%loss = 2/0/100%',
        'ICMP Host Unreachable from 10.0.0.1 for ICMP Echo sent to 10.0.0.7',
        '10.0.0.7 : xmt/rcv/%loss = 1/0/100%',
        '10.9.9.9: error while sending ping: No route to host',
      ].join('\n'),
    );
    expect(m.get('10.0.0.2')).toEqual({ sent: 1, received: 1 });
    expect(m.get('10.0.0.9')).toEqual({ sent: 2, received: 0 });
    expect(m.get('10.0.0.7')).toEqual({ sent: 1, received: 0, error: 'ICMP Host Unreachable' });
    expect(m.get('10.9.9.9')).toEqual({ sent: 0, received: 0, error: 'No route to host' });
  });
  it('reads bash /dev/tcp outcomes', () => {
    expect(parseTcp(0, '', 3)).toEqual({ ok: true, detail: 'connected' });
    expect(parseTcp(124, '', 3)).toEqual({ ok: false, detail: 'timed out after 3s' });
    expect(parseTcp(1, 'bash: line 1: connect: Connection refused\nbash: line 1: /dev/tcp/10.0.0.2/80: Connection refused\n', 3)).toEqual({
      ok: false,
      detail: 'Connection refused',
    });
  });
  it('reads getent', () => {
    expect(parseGetent('10.0.0.2       STREAM web\n10.0.0.2       DGRAM\n10.0.0.3 RAW\n')).toEqual(['10.0.0.2', '10.0.0.3']);
    // ahostsv6: IPv6 addresses in their shortest form (IPv4-mapped ones are the prober's to drop).
    expect(parseGetent('fd76:1:2:3:0::2   STREAM f.six.test\nfd76:1:2:3::2   DGRAM\n::ffff:10.0.0.2 RAW\n')).toEqual(['fd76:1:2:3::2', '::ffff:a00:2']);
  });
});
