// The supervisor model's checks, each with the exact message and line, and the model it builds from a good file.
import { describe, expect, it } from 'vitest';
import { parseSupervisor } from '../../../src/core/supervisor/model.js';

/** Problems of a file as `line: message`. */
const problems = (text: string) => parseSupervisor('f.ini', text).problems.map((p) => `${p.line}: ${p.message}`);
const file = (text: string) => {
  const r = parseSupervisor('f.ini', text);
  expect(r.problems).toEqual([]);
  return r.file;
};

describe('a good file', () => {
  it('builds networks with their type, domain, range and VLAN, and jails with every setting', () => {
    const f = file(
      [
        '[network:n]',
        'type = isolated',
        'subnet = 10.1.0.0/24',
        'domain = n.lab',
        'dhcp-range = 10.1.0.100-10.1.0.110',
        'vlan = 7',
        'trunk = t1',
        '[network:m]',
        'subnet = 10.2.0.0/24',
        'vlan = 8',
        '[jail:db]',
        'network = n',
        'addr = 10.1.0.9',
        'ready = tcp:5432',
        'ready-timeout = 5s',
        '[jail:web]',
        'network = m',
        'count = 2',
        'slot = 3',
        'depends = db',
        'command = sh -c "a; b"',
        'ready = exec:true',
        '[jail:log]',
        'network = m',
        'addr = dhcp',
        'depends = web, db',
        'ready = log:^up$',
      ].join('\n'),
    );
    expect(f.path).toBe('f.ini');
    expect(f.networks).toEqual([
      { name: 'n', line: 1, type: 'isolated', subnet: '10.1.0.0/24', domain: 'n.lab', dhcpRange: '10.1.0.100-10.1.0.110', vlan: 7, trunk: 't1' },
      { name: 'm', line: 8, type: 'nat', subnet: '10.2.0.0/24', vlan: 8, trunk: 'trunk0' },
    ]);
    expect(f.jails).toEqual([
      { name: 'db', line: 11, network: 'n', addr: '10.1.0.9', depends: [], readyTimeoutMs: 5000, ready: { kind: 'tcp', port: 5432 } },
      {
        name: 'web',
        line: 16,
        network: 'm',
        addr: 'auto',
        depends: ['db'],
        readyTimeoutMs: 30_000,
        count: 2,
        slot: 3,
        command: 'sh -c "a; b"',
        ready: { kind: 'exec', command: 'true' },
      },
      { name: 'log', line: 23, network: 'm', addr: 'dhcp', depends: ['web', 'db'], readyTimeoutMs: 30_000, ready: { kind: 'log', regex: '^up$' } },
    ]);
  });

  it('orders jails after their dependencies', () => {
    const f = file(
      [
        '[network:n]',
        'subnet = 10.1.0.0/24',
        '[jail:c]',
        'network = n',
        'depends = b',
        '[jail:b]',
        'network = n',
        'depends = a',
        '[jail:a]',
        'network = n',
      ].join('\n'),
    );
    expect(f.jails.map((j) => j.name)).toEqual(['a', 'b', 'c']);
  });
});

describe('problems', () => {
  const net = '[network:n]\nsubnet = 10.1.0.0/24\n';

  it('network sections', () => {
    expect(problems('[network:n]\ntype = bridged\n')).toEqual(['1: [network:n] needs subnet = CIDR', '2: type = bridged: expected nat or isolated']);
    expect(problems('[network:n]\ntype = isolate\nsubnet = 10.1.0.0/24\n')).toEqual(['2: type = isolate: expected nat or isolated (did you mean "isolated"?)']);
    expect(problems('[network:n]\nsubnet = 10.1.0.1/24\n')).toEqual(['2: bad CIDR "10.1.0.1/24": host bits are set (did you mean "10.1.0.0/24"?)']);
    expect(problems(`${net}domain = a..b\n`)).toEqual(['3: domain = a..b is not a valid DNS name: it has a bad label ""']);
    expect(problems(`${net}vlan = 4095\n`)).toEqual(['3: vlan = 4095: a VLAN id is from 1 to 4094']);
    expect(problems(`${net}vlan = 0\n`)).toEqual(['3: vlan = 0: a VLAN id is from 1 to 4094']);
    expect(problems(`${net}vlan = 1\n`)).toEqual([]);
    expect(problems(`${net}vlan = 4094\n`)).toEqual([]);
    expect(problems(`${net}trunk = t\n`)).toEqual(['3: trunk needs vlan = ID in the same section']);
    expect(problems(`${net}vlan = 2\ntrunk = Bad!\n`)).toEqual(['4: trunk = Bad!: a trunk name is 1-12 lowercase letters, digits and "-"']);
    expect(problems(`${net}dhcp-range = 10.2.0.1-10.2.0.9\n`)[0]).toMatch(/^3: dhcp-range = 10\.2\.0\.1-10\.2\.0\.9 is not inside the subnet 10\.1\.0\.0\/24/);
    expect(problems('[network:Bad]\nsubnet = 10.1.0.0/24\n')[0]).toMatch(/^1: network name "Bad" /);
    expect(problems(`${net}color = red\n`)).toEqual(['3: unknown key "color" in [network:n]']);
    expect(problems(`${net}subnett = x\n`)[0]).toBe('3: unknown key "subnett" in [network:n] (did you mean "subnet"?)');
  });

  it('two networks on one VLAN, or with overlapping subnets', () => {
    expect(problems(`${net}vlan = 5\n[network:m]\nsubnet = 10.2.0.0/24\nvlan = 5\n`)).toEqual([
      '4: VLAN 5 is already used on trunk trunk0 by [network:n] (line 1)',
    ]);
    expect(problems(`${net}vlan = 5\n[network:m]\nsubnet = 10.2.0.0/24\nvlan = 5\ntrunk = other\n`)).toEqual([]);
    expect(problems(`${net}[network:m]\nsubnet = 10.1.0.0/25\n`)).toEqual(["4: subnet 10.1.0.0/25 overlaps [network:n]'s 10.1.0.0/24 (line 1)"]);
    expect(problems(`${net}[network:m]\nsubnet = 10.1.1.0/24\n`)).toEqual([]);
  });

  it('jail sections', () => {
    expect(problems(`${net}[jail:j]\n`)).toEqual(['3: [jail:j] needs network = NAME']);
    expect(problems(`${net}[jail:j]\nnetwork = zzzz\n`)).toEqual(['4: unknown network "zzzz"; define [network:zzzz]']);
    expect(problems(`${net}[jail:j]\nnetwork = nn\n`)).toEqual(['4: unknown network "nn" (did you mean "n"?); define [network:nn]']);
    expect(problems(`${net}[jail:j]\nnetwork = n\ncount = 0\n`)).toEqual(['5: count = 0: expected a whole number from 1 to 1000']);
    expect(problems(`${net}[jail:j]\nnetwork = n\ncount = 1001\n`)).toEqual(['5: count = 1001: expected a whole number from 1 to 1000']);
    expect(problems(`${net}[jail:j]\nnetwork = n\ncount = 1000\n`)).toEqual([]);
    expect(problems(`${net}[jail:j]\nnetwork = n\nslot = 0\n`)).toEqual(['5: slot = 0: expected a whole number from 1']);
    expect(problems(`${net}[jail:j]\nnetwork = n\nslot = 200\n`)[0]).toMatch(/^5: slot 200 /);
    expect(problems(`${net}[jail:j]\nnetwork = n\ncount = 3\nslot = 126\n`)).toEqual([
      '6: slot 128 is 10.1.0.128, outside the slot range 2-127 (10.1.0.2-10.1.0.127)',
    ]);
    expect(problems(`${net}[jail:j]\nnetwork = n\nready = http:80\n`)).toEqual(['5: ready = http:80: expected tcp:PORT, exec:CMD or log:REGEX']);
    expect(problems(`${net}[jail:j]\nnetwork = n\nready = tcp:70000\n`)).toEqual(['5: ready = tcp:70000: the port must be from 1 to 65535']);
    expect(problems(`${net}[jail:j]\nnetwork = n\nready = tcp:0\n`)).toEqual(['5: ready = tcp:0: the port must be from 1 to 65535']);
    expect(problems(`${net}[jail:j]\nnetwork = n\nready = tcp:65535\n`)).toEqual([]);
    expect(problems(`${net}[jail:j]\nnetwork = n\nready = log:(\n`)[0]).toMatch(/^5: ready = log:\(: bad regular expression \(/);
    expect(problems(`${net}[jail:j]\nnetwork = n\nready-timeout = soon\n`)).toEqual(['5: ready-timeout = soon: expected a duration such as 30s']);
    expect(problems(`${net}[jail:j]\nnetwork = n\ndepends = zzzz\n`)).toEqual(['5: depends on "zzzz", which is not defined']);
    expect(problems(`${net}[jail:jj]\nnetwork = n\n[jail:j]\nnetwork = n\ndepends = jx\n`)).toEqual([
      '7: depends on "jx", which is not defined (did you mean "jj"?)',
    ]);
    expect(problems(`${net}[jail:j]\nnetwork = n\ncommand =\n`)).toEqual(['5: command has no value']);
    expect(problems(`${net}[jail:Bad]\nnetwork = n\n`)[0]).toMatch(/^3: jail name "Bad" /);
    expect(problems(`${net}[jial:j]\n`)).toEqual(['3: unknown section [jial:j] (did you mean "[jail:...]"?) (expected [network:NAME] or [jail:NAME])']);
  });

  it('addresses and slots against the subnet', () => {
    expect(problems(`${net}[jail:j]\nnetwork = n\naddr = 10.1.0.20\nslot = 3\n`)).toEqual([
      '5: addr = 10.1.0.20 with slot: the slot gives the address; leave out addr, or use addr = dhcp',
    ]);
    expect(problems(`${net}[jail:j]\nnetwork = n\naddr = 10.1.0.20\ncount = 2\n`)).toEqual([
      '5: addr = 10.1.0.20 gives one jail one address; use auto or dhcp with count = 2',
    ]);
    expect(problems(`${net}[jail:j]\nnetwork = n\naddr = 10.1.0.20\ncount = 1\n`)).toEqual([]);
    expect(problems(`${net}[jail:j]\nnetwork = n\naddr = somewhere\n`)).toEqual(['5: addr = somewhere: expected auto, dhcp or an IPv4 address']);
    expect(problems(`${net}[jail:j]\nnetwork = n\naddr = 10.9.0.2\n`)).toEqual(['5: addr = 10.9.0.2 is outside the subnet 10.1.0.0/24']);
    expect(problems(`${net}[jail:j]\nnetwork = n\naddr = 10.1.0.1\n`)).toEqual(["5: addr = 10.1.0.1 is reserved for the network's router (.1)"]);
    expect(problems(`${net}[jail:j]\nnetwork = n\naddr = dhcp\nslot = 3\n`)).toEqual([]);
  });

  it('a name that two sections make, through count', () => {
    expect(problems(`${net}[jail:a]\nnetwork = n\ncount = 2\n[jail:a-1]\nnetwork = n\n`)).toEqual([
      '6: [jail:a-1] makes a jail named a-1, which [jail:a] (line 3) also makes (count = K names jails NAME-1..NAME-K)',
    ]);
    expect(problems(`${net}[jail:a-2]\nnetwork = n\n[jail:a]\nnetwork = n\ncount = 3\n`)).toEqual([
      '5: [jail:a] makes a jail named a-2, which [jail:a-2] (line 3) also makes (count = K names jails NAME-1..NAME-K)',
    ]);
    expect(problems(`${net}[jail:a]\nnetwork = n\ncount = 2\n[jail:a-3]\nnetwork = n\n`)).toEqual([]);
  });

  it('a dependency cycle', () => {
    expect(problems(`${net}[jail:a]\nnetwork = n\ndepends = b\n[jail:b]\nnetwork = n\ndepends = a\n`)).toEqual(['3: dependency cycle: a -> b -> a']);
    expect(problems(`${net}[jail:a]\nnetwork = n\ndepends = a\n`)).toEqual(['3: dependency cycle: a -> a']);
  });
});

describe('IPv6 keys', () => {
  const net6 = '[network:n]\nsubnet = 10.1.0.0/24\nsubnet6 = fd00:1:2:3::/64\n';
  it('reads subnet6 (auto or a /64) and addr6', () => {
    const f = file(
      `${net6}[jail:j]\nnetwork = n\naddr6 = fd00:1:2:3::10\n[network:m]\nsubnet = 10.2.0.0/24\nsubnet6 = auto\n[jail:k]\nnetwork = m\ncount = 2\naddr6 = dhcp\n`,
    );
    expect(f.networks.map((n) => n.subnet6)).toEqual(['fd00:1:2:3::/64', 'auto']);
    expect(f.jails.map((j) => j.addr6)).toEqual(['fd00:1:2:3::10', 'dhcp']);
    expect(file('[network:n]\nsubnet = 10.1.0.0/24\n').networks[0]!.subnet6).toBeUndefined();
  });
  it('refuses each bad value at its line', () => {
    expect(problems('[network:n]\nsubnet = 10.1.0.0/24\nsubnet6 = fd00::/48\n')).toEqual([
      "3: subnet6 = fd00::/48: IPv6 prefix fd00::/48 is a /48: a network's IPv6 subnet is a /64, the only length SLAAC works with (RFC 4862)",
    ]);
    expect(problems('[network:n]\nsubnet = 10.1.0.0/24\nsubnet6 = fe80::/64\n')[0]).toMatch(/^3: subnet6 = fe80::\/64: .*link-local/);
    expect(problems('[network:n]\nsubnet = 10.1.0.0/24\n[jail:j]\nnetwork = n\naddr6 = slaac\n')).toEqual([
      '5: addr6 = slaac: [network:n] has no subnet6 (add subnet6 = auto)',
    ]);
    expect(problems(`${net6}[jail:j]\nnetwork = n\naddr6 = fd00:1:2:3::8000\n`)[0]).toMatch(/^6: addr6 = fd00:1:2:3::8000 is not in the static range/);
    expect(problems(`${net6}[jail:j]\nnetwork = n\ncount = 2\naddr6 = fd00:1:2:3::10\n`)).toEqual([
      '7: addr6 = fd00:1:2:3::10 gives one jail one address; use slaac, dhcp or auto with count = 2',
    ]);
    expect(problems(`${net6}[jail:j]\nnetwork = n\nslot = 5\naddr6 = auto\n`)).toEqual([
      '7: addr6 = auto with slot: the slot gives the IPv6 address too (::K); leave out addr6',
    ]);
    expect(problems('[network:n]\nsubnet = 10.1.0.0/24\nsubnet6 = auto\n[jail:j]\nnetwork = n\naddr6 = nonsense\n')).toEqual([
      '6: addr6 = nonsense: expected slaac, dhcp, auto or an IPv6 address',
    ]);
  });
});
