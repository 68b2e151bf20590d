// Address plans: reserved addresses, the auto pool, the DHCP range, static checks and overlaps.
import { describe, expect, it } from 'vitest';
import { allocateAuto, intToIp, ipToInt, overlaps, planSubnet, staticAddrProblem, type SubnetPlan } from '../../../src/core/ipam.js';

const plan = (c: string) => planSubnet(c) as SubnetPlan;

describe('planSubnet', () => {
  it('lays out a /24 as the architecture notes say', () => {
    const p = plan('192.168.1.0/24');
    expect([p.gateway, p.host, p.autoFirst, p.autoLast, p.dhcpFirst, p.dhcpLast].map(intToIp)).toEqual([
      '192.168.1.1',
      '192.168.1.254',
      '192.168.1.2',
      '192.168.1.127',
      '192.168.1.128',
      '192.168.1.253',
    ]);
  });
  it('scales to other prefixes', () => {
    const p = plan('10.0.0.0/16');
    expect([p.host, p.autoLast, p.dhcpFirst].map(intToIp)).toEqual(['10.0.255.254', '10.0.127.255', '10.0.128.0']);
    const s = plan('10.0.0.8/29');
    expect([s.gateway, s.autoFirst, s.autoLast, s.dhcpFirst, s.dhcpLast, s.host].map(intToIp)).toEqual([
      '10.0.0.9',
      '10.0.0.10',
      '10.0.0.11',
      '10.0.0.12',
      '10.0.0.13',
      '10.0.0.14',
    ]);
  });
  it('refuses bad and unusable subnets', () => {
    expect(planSubnet('10.0.0.0/30')).toMatch(/too small/);
    expect(planSubnet('0.0.0.0/4')).toMatch(/too large/);
    expect(planSubnet('10.0.0.1/24')).toMatch(/host bits are set/);
    expect(planSubnet('10.0.0.0')).toMatch(/bad CIDR/);
  });
});

describe('addresses', () => {
  const p = plan('192.168.1.0/24');
  it('converts', () => {
    expect(intToIp(ipToInt('10.20.30.40'))).toBe('10.20.30.40');
    expect(ipToInt('255.255.255.255')).toBe(2 ** 32 - 1);
  });
  it('refuses static addresses outside, reserved, in the DHCP range, or taken', () => {
    const taken = new Set(['192.168.1.5']);
    expect(staticAddrProblem(p, '192.168.1.7', taken)).toBeUndefined();
    expect(staticAddrProblem(p, '192.168.2.7', taken)).toMatch(/outside the subnet/);
    expect(staticAddrProblem(p, '192.168.1.1', taken)).toMatch(/router/);
    expect(staticAddrProblem(p, '192.168.1.254', taken)).toMatch(/lab host/);
    expect(staticAddrProblem(p, '192.168.1.0', taken)).toMatch(/network address/);
    expect(staticAddrProblem(p, '192.168.1.255', taken)).toMatch(/broadcast/);
    expect(staticAddrProblem(p, '192.168.1.200', taken)).toMatch(/DHCP range/);
    expect(staticAddrProblem(p, '192.168.1.5', taken)).toMatch(/already taken/);
    expect(staticAddrProblem(p, 'web', taken)).toMatch(/not an IPv4 address/);
  });
  it('hands out the lowest free auto addresses and says when the pool is exhausted', () => {
    expect(allocateAuto(p, new Set(['192.168.1.3']), 3)).toEqual(['192.168.1.2', '192.168.1.4', '192.168.1.5']);
    const small = plan('10.0.0.8/29');
    expect(allocateAuto(small, new Set(), 2)).toEqual(['10.0.0.10', '10.0.0.11']);
    expect(allocateAuto(small, new Set(['10.0.0.10']), 2)).toMatch(/auto pool of 10.0.0.8\/29 \(10.0.0.10-10.0.0.11, 2 addresses\) has 1 free, 2 needed/);
  });
  it('detects overlapping subnets', () => {
    expect(overlaps('10.0.0.0/24', '10.0.0.128/25')).toBe(true);
    expect(overlaps('10.0.0.0/16', '10.0.200.0/24')).toBe(true);
    expect(overlaps('10.0.0.0/24', '10.0.1.0/24')).toBe(false);
  });
});
