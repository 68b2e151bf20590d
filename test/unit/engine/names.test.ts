// Names: jail and network names, lab ids, and interface names that fit 15 characters.
import { describe, expect, it } from 'vitest';
import { jailNameProblem, networkNameProblem, newJailNameProblem } from '../../../src/util/names.js';
import { slotMac, bridgeName, hostVethName, IFNAMSIZ_MAX, labIdProblem, macFromSeed } from '../../../src/core/names.js';
import { hostNetns, jailNetns, labOfNetns } from '../../../src/backends/linux/names.js';
import { countedNames } from '../../../src/core/jails.js';
import { parseAlias } from '../../../src/core/alias.js';

describe('jail and network names', () => {
  it('accepts DNS-label names and refuses the rest', () => {
    for (const ok of ['web', 'elixir-cluster-1', 'a', '0db', 'x'.repeat(63)]) expect(newJailNameProblem(ok), ok).toBeUndefined();
    const bad: [string, RegExp][] = [
      ['Web', /lowercase/],
      ['web.1', /contains a "\."/],
      ['web;rm', /lowercase/],
      ['$(id)', /lowercase/],
      ['`id`', /lowercase/],
      ['-web', /lowercase/],
      ['web-', /lowercase/],
      ['x'.repeat(64), /at most 63/],
      ['', /empty/],
      ['a b', /lowercase/],
      ['../x', /contains a "\."/],
      ['host', /reserved/],
      ['upstream', /reserved/],
      ['lan-router', /reserved/],
    ];
    for (const [n, re] of bad) expect(newJailNameProblem(n), n).toMatch(re);
    expect(jailNameProblem('lan-router')).toBeUndefined();
    expect(networkNameProblem('a'.repeat(16))).toMatch(/at most 15/);
  });
  it('counts names from 1', () => {
    expect(countedNames('node', 3)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(countedNames('node', undefined)).toEqual(['node']);
  });
});

describe('kernel names', () => {
  it('keeps every interface name within 15 characters', () => {
    for (const n of ['lan', 'a'.repeat(12), 'a'.repeat(13), 'a'.repeat(15), 'net-with-dashes']) {
      expect(bridgeName(n).length, n).toBeLessThanOrEqual(IFNAMSIZ_MAX);
    }
    expect(bridgeName('lan')).toBe('br-lan');
    expect(bridgeName('a'.repeat(15))).toMatch(/^br-aaaaaaa-[0-9a-f]{4}$/);
    expect(bridgeName('abcdefghijklmno')).not.toBe(bridgeName('abcdefghijklmnp'));
    expect(hostVethName(999999).length).toBeLessThanOrEqual(IFNAMSIZ_MAX);
  });
  it('names namespaces after the lab so a sweep finds only ours', () => {
    expect(hostNetns('ab12cd')).toBe('vc-ab12cd-host');
    expect(jailNetns('ab12cd', 'web-1')).toBe('vc-ab12cd-web-1');
    expect(labOfNetns('vc-ab12cd-web-1')).toBe('ab12cd');
    expect(labOfNetns('docker-1')).toBeUndefined();
    expect(labIdProblem('default')).toBeUndefined();
    expect(labIdProblem('Bad-Lab')).toMatch(/lowercase/);
  });
  it('reads alias:NIC:IP', () => {
    expect(parseAlias('alias:eni0:172.31.32.21')).toEqual({ nic: 'eni0', ip: '172.31.32.21' });
    expect(parseAlias('auto')).toBeUndefined();
    expect(parseAlias('alias:eni0')).toMatch(/must look like alias:NIC:IP/);
    expect(parseAlias('alias:eni0:172.31.32.300')).toMatch(/must look like alias:NIC:IP/);
  });
  it("makes a slot's MAC from its address", () => {
    expect(slotMac('192.168.1.7')).toBe('52:00:c0:a8:01:07');
    expect(slotMac('10.0.0.255')).toBe('52:00:0a:00:00:ff');
  });
  it('derives stable, locally administered unicast MACs', () => {
    const m = macFromSeed('uuid-1', 'jail');
    expect(m).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(macFromSeed('uuid-1', 'jail')).toBe(m);
    expect(macFromSeed('uuid-1', 'host')).not.toBe(m);
  });
});
