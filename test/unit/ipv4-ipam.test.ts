// IPv4 arithmetic (util/ipv4.ts) and the address plan (core/ipam.ts): exact answers at the edges.
import { describe, expect, it } from 'vitest';
import {
  allocateAuto,
  outsideOverlapProblem,
  parseDhcpRange,
  planSubnet,
  slotProblem,
  staticAddrProblem,
  withDhcpRange,
  type SubnetPlan,
} from '../../src/core/ipam.js';
import { cidrProblem, cidrRange, hostIn, inCidr, intToIp, ipToInt, netmask, networkOf, overlaps } from '../../src/util/ipv4.js';

const plan = (c: string) => planSubnet(c) as SubnetPlan;

describe('ipv4', () => {
  it('converts addresses both ways, at both ends of the space', () => {
    expect(ipToInt('0.0.0.0')).toBe(0);
    expect(ipToInt('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(ipToInt('10.0.2.15')).toBe(167772687);
    expect(intToIp(0)).toBe('0.0.0.0');
    expect(intToIp(2 ** 32 - 1)).toBe('255.255.255.255');
    expect(intToIp(167772687)).toBe('10.0.2.15');
  });

  it('says exactly what is wrong with a CIDR', () => {
    expect(cidrProblem('10.0.0.0/8')).toBeUndefined();
    expect(cidrProblem('0.0.0.0/0')).toBeUndefined();
    expect(cidrProblem('10.0.0.1/32')).toBeUndefined();
    expect(cidrProblem('10.0.0.0')).toBe('bad CIDR "10.0.0.0" (expected ADDRESS/PREFIX, e.g. 192.168.1.0/24)');
    expect(cidrProblem('10.0.0.0/123')).toBe('bad CIDR "10.0.0.0/123" (expected ADDRESS/PREFIX, e.g. 192.168.1.0/24)');
    expect(cidrProblem('10.0.0/24')).toBe('bad CIDR "10.0.0/24": "10.0.0" is not an IPv4 address');
    expect(cidrProblem('10.0.0.0/33')).toBe('bad CIDR "10.0.0.0/33": prefix /33 is longer than 32');
    expect(cidrProblem('10.0.0.1/24')).toBe('bad CIDR "10.0.0.1/24": host bits are set (did you mean "10.0.0.0/24"?)');
  });

  it('gives the range, the network and membership of any prefix', () => {
    expect(cidrRange('10.0.0.0/24')).toEqual([ipToInt('10.0.0.0'), ipToInt('10.0.0.255')]);
    expect(cidrRange('10.0.0.77/24')).toEqual([ipToInt('10.0.0.0'), ipToInt('10.0.0.255')]);
    expect(cidrRange('1.2.3.4/32')).toEqual([ipToInt('1.2.3.4'), ipToInt('1.2.3.4')]);
    expect(cidrRange('0.0.0.0/0')).toEqual([0, 2 ** 32 - 1]);
    expect(cidrRange('nonsense')).toBeUndefined();
    expect(networkOf('10.0.2.15', 24)).toBe('10.0.2.0/24');
    expect(networkOf('172.31.40.7', 20)).toBe('172.31.32.0/20');
    expect(inCidr('10.0.0.0', '10.0.0.0/24')).toBe(true);
    expect(inCidr('10.0.0.255', '10.0.0.0/24')).toBe(true);
    expect(inCidr('10.0.1.0', '10.0.0.0/24')).toBe(false);
    expect(inCidr('9.255.255.255', '10.0.0.0/24')).toBe(false);
    expect(inCidr('not an ip', '10.0.0.0/24')).toBe(false);
  });

  it('knows a usable host address from the network and broadcast addresses', () => {
    expect(hostIn('10.0.0.1', '10.0.0.0/24')).toBe(true);
    expect(hostIn('10.0.0.254', '10.0.0.0/24')).toBe(true);
    expect(hostIn('10.0.0.0', '10.0.0.0/24')).toBe(false);
    expect(hostIn('10.0.0.255', '10.0.0.0/24')).toBe(false);
    expect(hostIn('10.0.1.1', '10.0.0.0/24')).toBe(false);
    expect(hostIn('10.0.0', '10.0.0.0/24')).toBe(false);
    expect(hostIn('10.0.0.1', 'bad')).toBe(false);
  });

  it('tells overlapping subnets, touching edges included', () => {
    expect(overlaps('10.0.0.0/24', '10.0.0.0/16')).toBe(true);
    expect(overlaps('10.0.0.0/24', '10.0.0.255/32')).toBe(true);
    expect(overlaps('10.0.0.0/24', '10.0.1.0/24')).toBe(false);
    expect(overlaps('10.0.1.0/24', '10.0.0.0/24')).toBe(false);
    expect(overlaps('10.0.0.0/24', 'bad')).toBe(false);
    expect(overlaps('bad', '10.0.0.0/24')).toBe(false);
  });

  it('writes netmasks', () => {
    expect(netmask(0)).toBe('0.0.0.0');
    expect(netmask(8)).toBe('255.0.0.0');
    expect(netmask(20)).toBe('255.255.240.0');
    expect(netmask(32)).toBe('255.255.255.255');
  });
});

describe('ipam', () => {
  it('plans a /24 and refuses too small, too large and malformed subnets', () => {
    const p = plan('192.168.1.0/24');
    expect({
      ...p,
      ...Object.fromEntries(
        Object.entries(p)
          .filter(([k]) => k !== 'cidr' && k !== 'prefix')
          .map(([k, v]) => [k, intToIp(v as number)]),
      ),
    }).toEqual({
      cidr: '192.168.1.0/24',
      prefix: 24,
      network: '192.168.1.0',
      broadcast: '192.168.1.255',
      gateway: '192.168.1.1',
      host: '192.168.1.254',
      autoFirst: '192.168.1.2',
      autoLast: '192.168.1.127',
      dhcpFirst: '192.168.1.128',
      dhcpLast: '192.168.1.253',
    });
    expect(plan('10.0.0.0/29').dhcpLast).toBe(ipToInt('10.0.0.5'));
    expect(planSubnet('10.0.0.0/30')).toBe('subnet 10.0.0.0/30 is too small: use /29 or larger');
    expect(planSubnet('10.0.0.0/7')).toBe('subnet 10.0.0.0/7 is too large: use /8 or smaller');
    expect(typeof planSubnet('10.0.0.0/8')).toBe('object');
    expect(planSubnet('10.0.0.1/24')).toMatch(/host bits are set/);
  });

  it("refuses reserved blocks and the lab's outside, naming which", () => {
    expect(outsideOverlapProblem('127.0.0.0/24', [])).toBe(
      'subnet 127.0.0.0/24 overlaps loopback (127.0.0.0/8), which is not for jails; choose a private range such as 10.x or 192.168.x',
    );
    expect(outsideOverlapProblem('169.254.1.0/24', [])).toMatch(/link-local/);
    expect(outsideOverlapProblem('224.0.0.0/24', [])).toMatch(/multicast/);
    expect(outsideOverlapProblem('240.0.0.0/24', [])).toMatch(/reserved \(240/);
    expect(outsideOverlapProblem('0.1.0.0/24', [])).toMatch(/"this network"/);
    expect(outsideOverlapProblem('10.0.2.0/25', [{ cidr: '10.0.2.0/24', what: 'the uplink' }])).toBe(
      "subnet 10.0.2.0/25 overlaps the uplink (10.0.2.0/24), the lab's outside; choose another",
    );
    expect(outsideOverlapProblem('10.0.3.0/24', [{ cidr: '10.0.2.0/24', what: 'the uplink' }])).toBeUndefined();
  });

  it('checks a static address against every reserved place', () => {
    const p = plan('10.1.0.0/24');
    const none = new Set<string>();
    expect(staticAddrProblem(p, '10.1.0.x', none)).toBe('--addr=10.1.0.x is not an IPv4 address');
    expect(staticAddrProblem(p, '10.1.1.5', none)).toBe('10.1.1.5 is outside the subnet 10.1.0.0/24');
    expect(staticAddrProblem(p, '10.0.255.255', none)).toBe('10.0.255.255 is outside the subnet 10.1.0.0/24');
    expect(staticAddrProblem(p, '10.1.0.0', none)).toBe('10.1.0.0 is the network address of 10.1.0.0/24');
    expect(staticAddrProblem(p, '10.1.0.255', none)).toBe('10.1.0.255 is the broadcast address of 10.1.0.0/24');
    expect(staticAddrProblem(p, '10.1.0.1', none)).toBe("10.1.0.1 is reserved for the network's router (.1)");
    expect(staticAddrProblem(p, '10.1.0.254', none)).toBe('10.1.0.254 is reserved for the lab host (the last usable address)');
    expect(staticAddrProblem(p, '10.1.0.128', none)).toMatch(
      /^10\.1\.0\.128 is inside the DHCP range 10\.1\.0\.128-10\.1\.0\.253; use an address from 10\.1\.0\.2-10\.1\.0\.127/,
    );
    expect(staticAddrProblem(p, '10.1.0.253', none)).toMatch(/inside the DHCP range/);
    expect(staticAddrProblem(p, '10.1.0.127', none)).toBeUndefined();
    expect(staticAddrProblem(p, '10.1.0.2', new Set(['10.1.0.2']))).toBe('10.1.0.2 is already taken in 10.1.0.0/24');
  });

  it('keeps slots in the auto range', () => {
    const p = plan('10.2.0.0/24');
    expect(slotProblem(p, 2)).toBeUndefined();
    expect(slotProblem(p, 127)).toBeUndefined();
    expect(slotProblem(p, 0)).toBe('slot 0 is outside the subnet 10.2.0.0/24');
    expect(slotProblem(p, 1.5)).toBe('slot 1.5 is outside the subnet 10.2.0.0/24');
    expect(slotProblem(p, 255)).toBe('slot 255 is outside the subnet 10.2.0.0/24');
    expect(slotProblem(p, 1)).toBe("slot 1 is 10.2.0.1, reserved for the network's router");
    expect(slotProblem(p, 254)).toBe('slot 254 is 10.2.0.254, reserved for the lab host');
    expect(slotProblem(p, 128)).toBe('slot 128 is 10.2.0.128, outside the slot range 2-127 (10.2.0.2-10.2.0.127)');
    expect(slotProblem(withDhcpRange(p, '10.2.0.100', '10.2.0.120'), 110)).toMatch(/outside the slot range/);
  });

  it('allocates the lowest free auto addresses and says when the pool runs out', () => {
    const p = plan('10.3.0.0/29');
    expect(allocateAuto(p, new Set(), 2)).toEqual(['10.3.0.2', '10.3.0.3']);
    expect(allocateAuto(p, new Set(['10.3.0.2']), 1)).toEqual(['10.3.0.3']);
    expect(allocateAuto(p, new Set(['10.3.0.2']), 2)).toBe('the auto pool of 10.3.0.0/29 (10.3.0.2-10.3.0.3, 2 addresses) has 1 free, 2 needed');
    expect(allocateAuto(withDhcpRange(plan('10.3.0.0/24'), '10.3.0.2', '10.3.0.3'), new Set(), 1)).toEqual(['10.3.0.4']);
  });

  it('parses a DHCP range and refuses one that breaks the plan', () => {
    const p = plan('10.4.0.0/24');
    expect(parseDhcpRange(p, '10.4.0.100-10.4.0.200')).toEqual([ipToInt('10.4.0.100'), ipToInt('10.4.0.200')]);
    expect(parseDhcpRange(p, '10.4.0.2-10.4.0.2')).toEqual([ipToInt('10.4.0.2'), ipToInt('10.4.0.2')]);
    expect(parseDhcpRange(p, '10.4.0.100')).toBe('--dhcp-range=10.4.0.100 must look like FIRST-LAST, e.g. 192.168.1.100-192.168.1.200');
    expect(parseDhcpRange(p, '10.4.0.300-10.4.0.301')).toMatch(/must look like FIRST-LAST/);
    expect(parseDhcpRange(p, '10.4.0.200-10.4.0.100')).toBe('--dhcp-range=10.4.0.200-10.4.0.100 ends before it starts');
    expect(parseDhcpRange(p, '10.4.0.0-10.4.0.10')).toBe('--dhcp-range=10.4.0.0-10.4.0.10 is not inside the subnet 10.4.0.0/24 (usable 10.4.0.1-10.4.0.254)');
    expect(parseDhcpRange(p, '10.4.0.10-10.4.0.255')).toMatch(/is not inside the subnet/);
    expect(parseDhcpRange(p, '10.4.0.1-10.4.0.10')).toBe("--dhcp-range=10.4.0.1-10.4.0.10 includes the router's address 10.4.0.1");
    expect(parseDhcpRange(p, '10.4.0.200-10.4.0.254')).toBe("--dhcp-range=10.4.0.200-10.4.0.254 includes the lab host's address 10.4.0.254");
    expect(withDhcpRange(p, null, null)).toBe(p);
    expect(withDhcpRange(p, '10.4.0.5', '10.4.0.9')).toMatchObject({ dhcpFirst: ipToInt('10.4.0.5'), dhcpLast: ipToInt('10.4.0.9') });
  });
});
