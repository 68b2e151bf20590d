// The IPv6 address plan: prefixes refused with one reason each, the ULA made from the lab id, EUI-64, static and slots.
import { describe, expect, it } from 'vitest';
import { parseIpAddr6, prefixesOf6 } from '../../src/util/ipv6.js';
import {
  allocateAuto6,
  eui64Address,
  inPrefix6,
  isV4Mapped,
  normal6,
  overlaps6,
  planSubnet6,
  slotAddr6,
  staticAddr6Problem,
  ulaPrefix,
  type SubnetPlan6,
} from '../../src/core/ipam6.js';

describe('planSubnet6', () => {
  it('plans a /64: router ::1, lab host ::ffff, DHCPv6 ::8000-::fffe', () => {
    expect(planSubnet6('fd12:3456:789a:1::/64')).toEqual({
      cidr: 'fd12:3456:789a:1::/64',
      gateway: 'fd12:3456:789a:1::1',
      host: 'fd12:3456:789a:1::ffff',
      dhcpFirst: 'fd12:3456:789a:1::8000',
      dhcpLast: 'fd12:3456:789a:1::fffe',
    });
  });
  it('normalises the written prefix', () => {
    expect((planSubnet6('FD12:0:0:1:0::/64') as SubnetPlan6).cidr).toBe('fd12:0:0:1::/64');
  });
  it.each([
    ['fe80::/64', /link-local/],
    ['ff02::/64', /multicast/],
    ['::1/128', /loopback/],
    ['::/64', /unspecified/],
    ['::ffff:0:0/96', /IPv4-mapped/],
    ['2002::/64', /6to4/],
    ['fd00::/48', /a \/48: a network's IPv6 subnet is a \/64/],
    ['fd00::/80', /a \/80/],
    ['fd00::1/64', /host bits set \(did you mean fd00::\/64\?\)/],
    ['192.168.1.0/24', /bad IPv6 prefix/],
    ['fd00::', /bad IPv6 prefix/],
    ['fd00::/64/1', /bad IPv6 prefix/],
  ])('refuses %s with its reason', (cidr, why) => {
    const p = planSubnet6(cidr);
    expect(typeof p).toBe('string');
    expect(p).toMatch(why);
  });
  it('accepts a global prefix (a routed /64 of your own)', () => {
    expect(typeof planSubnet6('2a01:4f8:1:2::/64')).toBe('object');
  });
});

describe('ulaPrefix', () => {
  it('is fd00::/8 with a global ID from the lab id, and the first free subnet ID', () => {
    const a = ulaPrefix('abc123', []);
    expect(a).toMatch(/^fd[0-9a-f]{2}:[0-9a-f]{1,4}:[0-9a-f]{1,4}:1::\/64$/);
    expect(ulaPrefix('abc123', [])).toBe(a);
    const b = ulaPrefix('abc123', [a]);
    expect(b).toBe(a.replace(/:1::\/64$/, ':2::/64'));
    expect(typeof planSubnet6(b)).toBe('object');
  });
  it('differs between labs', () => {
    const seen = new Set(Array.from({ length: 200 }, (_, i) => ulaPrefix(`lab${i}`, [])));
    expect(seen.size).toBe(200);
  });
  it('skips a subnet ID taken by an explicit prefix', () => {
    const a = ulaPrefix('x', []);
    expect(ulaPrefix('x', [a.replace('::/64', '::/60')])).not.toBe(a);
  });
});

describe('addresses', () => {
  const plan = planSubnet6('fd00:1:2:3::/64') as SubnetPlan6;
  it('makes the EUI-64 address of a MAC (U/L bit flipped, ff:fe inserted)', () => {
    expect(eui64Address(plan.cidr, '02:5f:e8:ad:3e:77')).toBe('fd00:1:2:3:5f:e8ff:fead:3e77');
    expect(eui64Address(plan.cidr, '52:00:c0:a8:01:14')).toBe('fd00:1:2:3:5000:c0ff:fea8:114');
    expect(() => eui64Address(plan.cidr, 'nope')).toThrow(/not a MAC/);
  });
  it('takes static addresses from ::2-::7fff only', () => {
    expect(staticAddr6Problem(plan, 'fd00:1:2:3::10', new Set())).toBeUndefined();
    expect(staticAddr6Problem(plan, 'fd00:1:2:3::1', new Set())).toMatch(/not in the static range/);
    expect(staticAddr6Problem(plan, 'fd00:1:2:3::8000', new Set())).toMatch(/not in the static range/);
    expect(staticAddr6Problem(plan, 'fd00:1:2:3:1::5', new Set())).toMatch(/not in the static range/);
    expect(staticAddr6Problem(plan, 'fd00:9::5', new Set())).toMatch(/outside the IPv6 subnet/);
    expect(staticAddr6Problem(plan, '10.0.0.1', new Set())).toMatch(/not an IPv6 address/);
    expect(staticAddr6Problem(plan, 'fe80::1%eth0', new Set())).toMatch(/not an IPv6 address/);
    expect(staticAddr6Problem(plan, 'fd00:1:2:3:0::10', new Set(['fd00:1:2:3::10']))).toMatch(/already taken/);
  });
  it('allocates the lowest free static addresses', () => {
    expect(allocateAuto6(plan, new Set(['fd00:1:2:3::2']), 2)).toEqual(['fd00:1:2:3::3', 'fd00:1:2:3::4']);
  });
  it('gives slot K the address ::K (hex of K)', () => {
    expect(slotAddr6(plan, 20)).toBe('fd00:1:2:3::14');
    expect(slotAddr6(plan, 1)).toEqual({ problem: expect.stringMatching(/slot 1 has no IPv6 address/) });
  });
  it('matches, overlaps, normalises', () => {
    expect(inPrefix6('fd00:1:2:3::99', plan.cidr)).toBe(true);
    expect(inPrefix6('fd00:1:2:4::99', plan.cidr)).toBe(false);
    expect(inPrefix6('10.0.0.1', plan.cidr)).toBe(false);
    expect(overlaps6('2001:db8::/32', '2001:db8:0:5::/64')).toBe(true);
    expect(overlaps6('fd00:1:2:3::/64', 'fd00:1:2:4::/64')).toBe(false);
    expect(normal6('FD00:0001::0001')).toBe('fd00:1::1');
    expect(normal6('1.2.3.4')).toBeUndefined();
    expect(isV4Mapped('::ffff:10.0.2.15')).toBe(true);
    expect(isV4Mapped('fd00::1')).toBe(false);
  });
});

describe('prefixesOf6', () => {
  it('gives each global prefix of an interface once, owned by its first address, and leaves link-local ones out', () => {
    const addrs = [
      { ip: 'fe80::1', prefix: 64 },
      { ip: '2001:db8:0:20::10', prefix: 64 },
      { ip: '2001:db8:0:20::23', prefix: 64 },
      { ip: '2001:db8:0:21:0::5', prefix: 64 },
    ];
    expect(prefixesOf6(addrs)).toEqual([
      { own: '2001:db8:0:20::10', prefix: 64, cidr: '2001:db8:0:20::/64' },
      { own: '2001:db8:0:21::5', prefix: 64, cidr: '2001:db8:0:21::/64' },
    ]);
    expect(parseIpAddr6('3: eni0    inet6 2001:db8:0:20::10/64 scope global \\')).toEqual([{ ip: '2001:db8:0:20::10', prefix: 64 }]);
  });
});
