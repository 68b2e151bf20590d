// IPv6 on the freebsd backend, as plans: the router's pf holds one policy for both families, partitions and routes
// cover IPv6, jails get their addresses the three ways, and what cannot work is refused.
import { describe, expect, it } from 'vitest';
import { partitionAnchor, routerPfConf, routesAnchor } from '../../../src/backends/freebsd/conf.js';
import { FreebsdEngine } from '../../../src/backends/freebsd/engine.js';
import { parseInet6 } from '../../../src/backends/freebsd/jails.js';
import { eui64Address } from '../../../src/core/ipam6.js';
import { planOf } from '../plans.js';

/** The commands of a recording, one line each. */
const lines = (steps: { op: string; argv?: string[]; path?: string }[]) => steps.map((s) => (s.op === 'run' ? s.argv!.join(' ') : `${s.op} ${s.path ?? ''}`));

describe("a FreeBSD router's pf on a dual-stack network", () => {
  const pf = routerPfConf({ extIf: 'vu3', intIf: 'vj3', subnet: '10.0.0.0/24', nat: true, subnet6: 'fd42::/64' }).split('\n');
  it('masquerades the /64 behind the outside address (NAT66), link-local addresses skipped by :0', () => {
    expect(pf).toContain('nat on $ext_if inet6 from fd42::/64 -> ($ext_if:0)');
  });
  it('lets in neighbour discovery and the upstream advertisements, and nothing else new, on IPv6 as on IPv4', () => {
    expect(pf).toContain('block in log on $ext_if all');
    expect(pf).toContain('pass in quick on $ext_if inet6 proto icmp6 icmp6-type { neighbrsol, neighbradv, routeradv } no state');
    // No other rule lets anything in on the outside leg.
    expect(pf.filter((l) => /^pass in/.test(l))).toHaveLength(1);
  });
  it('a network without NAT sends neither family out from its subnet', () => {
    const noNat = routerPfConf({ extIf: 'vu3', intIf: 'vj3', subnet: '10.0.0.0/24', nat: false, subnet6: 'fd42::/64' });
    expect(noNat).not.toContain('nat on');
    expect(noNat).toContain('block out on $ext_if inet6 from fd42::/64 to any');
  });
  it('an IPv4-only network gets no inet6 rule', () => {
    expect(routerPfConf({ extIf: 'vu3', intIf: 'vj3', subnet: '10.0.0.0/24', nat: true })).not.toContain('inet6');
  });
});

describe('host pf anchors cover IPv6', () => {
  it('a partition cuts both families when both groups have IPv6 addresses', () => {
    const rules = partitionAnchor(['10.0.0.2'], ['10.0.0.3'], ['fd42::2', 'fe80::2'], ['fd42::3']);
    expect(rules).toContain('block return quick inet6 from { fd42::2 fe80::2 } to { fd42::3 }');
    expect(rules).toContain('block return quick inet6 from { fd42::3 } to { fd42::2 fe80::2 }');
    expect(partitionAnchor(['10.0.0.2'], ['10.0.0.3'])).not.toContain('inet6');
  });
  it('routes pass routed /64 pairs and block the others, each family on its own', () => {
    const rules = routesAnchor(
      [
        ['10.1.0.0/24', '10.2.0.0/24'],
        ['fd42:1::/64', 'fd42:2::/64'],
      ],
      ['10.1.0.0/24', 'fd42:1::/64', '10.2.0.0/24', 'fd42:2::/64'],
    ).split('\n');
    expect(rules).toContain('pass quick inet6 from fd42:1::/64 to fd42:2::/64 keep state');
    expect(rules).toContain('block drop quick inet from { 10.1.0.0/24 10.2.0.0/24 } to { 10.1.0.0/24 10.2.0.0/24 }');
    expect(rules).toContain('block drop quick inet6 from { fd42:1::/64 fd42:2::/64 } to { fd42:1::/64 fd42:2::/64 }');
  });
});

describe('ifconfig IF inet6', () => {
  it('reads addresses, prefix lengths and tentative ones (scope zones dropped)', () => {
    const out = [
      '\tinet6 fe80::9c:14ff:fe05:a4f9%v1j3 prefixlen 64 scopeid 0x2',
      '\tinet6 fd42:c0de:60:0:9c:14ff:fe05:a4f9 prefixlen 64 tentative autoconf',
      '\tinet6 fd42:c0de:60::8000 prefixlen 128',
      '',
    ].join('\n');
    expect(parseInet6(out)).toEqual([
      { ip: 'fe80::9c:14ff:fe05:a4f9', prefix: 64, tentative: false },
      { ip: 'fd42:c0de:60:0:9c:14ff:fe05:a4f9', prefix: 64, tentative: true },
      { ip: 'fd42:c0de:60::8000', prefix: 128, tentative: false },
    ]);
  });
});

describe('dual-stack jails in a plan', () => {
  it('SLAAC, DHCPv6 and static jails, and the router, each the FreeBSD way', async () => {
    const { engine, host } = FreebsdEngine.recording('six');
    try {
      await engine.createLab('six1', { kind: 'manual' });
      await engine.createNetwork('six1', 'lan', '10.36.0.0/24', { subnet6: 'fd42:36::/64' });
      await engine.run('six1', { name: 'a', network: 'lan' });
      await engine.run('six1', { name: 'd', network: 'lan', addr6: 'dhcp' });
      await engine.run('six1', { name: 's', network: 'lan', addr6: 'fd42:36::80' });
      const cmds = lines(host.steps);
      const a = engine.jails('six1').find((j) => j.name === 'a')!;
      // The lab host's ::ffff on the bridge; the router's ::1 on its leg, forwarding both families.
      expect(cmds).toContain('ifconfig b1-lan inet6 fd42:36::ffff/64');
      expect(cmds.some((c) => /^jexec vc-six1-lan-router ifconfig v1j1 inet6 fd42:36::1\/64$/.test(c))).toBe(true);
      expect(cmds).toContain('jexec vc-six1-lan-router sysctl net.inet.ip.forwarding=1 net.inet6.ip6.forwarding=1');
      // SLAAC: advertisements taken and asked for; the address is the leg MAC's EUI-64.
      expect(cmds).toContain('jexec vc-six1-a ifconfig v1j2 inet6 no_dad accept_rtadv -ifdisabled');
      expect(cmds).toContain('jexec vc-six1-a rtsol -R /usr/bin/true v1j2');
      expect(a.addr6).toBe(eui64Address('fd42:36::/64', a.mac!));
      // DHCPv6 through dhcpcd; static with the router as default route.
      expect(cmds).toContain('jexec vc-six1-d /usr/local/sbin/dhcpcd -6 -f /etc/dhcpcd.conf -w -t 15 v1j3');
      expect(cmds).toContain('jexec vc-six1-s ifconfig v1j4 inet6 fd42:36::80/64');
      expect(cmds).toContain('jexec vc-six1-s route -6 add default fd42:36::1');
      // Every jail's AAAA name is in the router's DNS (a SLAAC one too).
      const hosts = host.steps.filter((s) => s.op === 'write' && s.path.endsWith('lan-router/root/etc/vessel-hosts')).pop();
      expect(hosts?.op === 'write' && hosts.text).toContain(`${a.addr6}\ta.lan.test a`);
      expect(hosts?.op === 'write' && hosts.text).toContain('fd42:36::80\ts.lan.test s');
    } finally {
      engine.close();
    }
  });

  it("refuses a /64 another lab on the host has (labs share the host's routing table)", async () => {
    const { engine } = FreebsdEngine.recording('six2');
    try {
      await engine.createLab('six2a', { kind: 'manual' });
      await engine.createNetwork('six2a', 'lan', '10.37.0.0/24', { subnet6: 'fd42:37::/64' });
      await engine.createLab('six2b', { kind: 'manual' });
      await expect(engine.createNetwork('six2b', 'lan', '10.38.0.0/24', { subnet6: 'fd42:37::/64' })).rejects.toThrow(
        /overlaps network lan \(fd42:37::\/64\) of lab six2a: FreeBSD labs share the host's routing table/,
      );
      await expect(engine.createNetwork('six2b', 'lan', '10.38.0.0/24', { subnet6: '2001:db8:5::/64' })).resolves.toBeDefined();
    } finally {
      engine.close();
    }
  });

  it("an aliased jail's IPv6 address: ip6.addr on its NIC, its FIB's IPv6 routes, and what is refused", async () => {
    const { engine, host } = FreebsdEngine.recording('six3');
    try {
      await engine.createLab('six3', { kind: 'manual' });
      const j = await engine.runAlias('six3', 'a6', 'eni0', '172.31.32.21', undefined, '2001:db8:0:20:0::21');
      expect(j.addr6).toBe('2001:db8:0:20::21');
      const conf = host.steps.find((s) => s.op === 'write' && s.path.endsWith('/a6/jail.conf'));
      expect(conf?.op === 'write' && conf.text).toContain('ip6.addr = "eni0|2001:db8:0:20::21/64";');
      const cmds = lines(host.steps);
      expect(cmds).toContain('setfib 1 route -6 add -net 2001:db8:0:20::/64 -iface eni0');
      expect(cmds).toContain('setfib 1 route -6 add default 2001:db8:0:20::1');
      for (const [ip6, why] of [
        ['2001:db8:0:20::10', "2001:db8:0:20::10 is eni0's own address"],
        ['2001:db8:0:20::1', "2001:db8:0:20::1 is the prefix's router (2001:db8:0:20::1)"],
        ['2001:db8:0:21::5', '2001:db8:0:21::5 is outside the IPv6 prefixes of eni0 (2001:db8:0:20::/64)'],
        ['2001:db8:0:20::21', '2001:db8:0:20::21 on eni0 is already used by jail a6'],
        ['fe80::5%eni0', '--addr6=fe80::5%eni0 is not an IPv6 address'],
      ])
        await expect(engine.runAlias('six3', 'b6', 'eni0', '172.31.32.22', undefined, ip6), ip6).rejects.toThrow(why);
      expect(engine.jails('six3').map((x) => x.name)).toEqual(['a6']);
    } finally {
      engine.close();
    }
  });

  it('ipv6.md plans on FreeBSD to its end, with every vessel output as the recipe has it', async () => {
    const { text, ok } = await planOf('cookbook/ipv6.md');
    expect(text).not.toContain('# output differs');
    expect(ok).toBe(true);
  });
});
