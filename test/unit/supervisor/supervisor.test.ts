// The INI reader and the supervisor model: values, comments, repeats, keys, dependencies, every problem with its line.
import { describe, expect, it } from 'vitest';
import { readIni } from '../../../src/core/supervisor/ini.js';
import { parseSupervisor } from '../../../src/core/supervisor/model.js';

const good = `; the cluster
[network:cluster]
type = nat
subnet = 192.168.1.0/24

# a database first
[jail:postgres]
network = cluster
addr = dhcp
command = sh -c "initdb; exec postgres"   ; not a comment
ready = tcp:5432

[jail:elixir-cluster]
count = 5
network = cluster
addr = dhcp
depends = postgres
command = elixir --name app@$VESSEL_FQDN node.exs
ready = log:connected
ready-timeout = 20s
`;

describe('readIni', () => {
  it('keeps everything after "=" (including ";" and "#") and knows each line', () => {
    const { sections, problems } = readIni(good);
    expect(problems).toEqual([]);
    expect(sections.map((s) => [s.header, s.line])).toEqual([
      ['network:cluster', 2],
      ['jail:postgres', 7],
      ['jail:elixir-cluster', 13],
    ]);
    expect(sections[1]!.entries.find((e) => e.key === 'command')).toEqual({
      key: 'command',
      value: 'sh -c "initdb; exec postgres"   ; not a comment',
      line: 10,
    });
  });
  it('reports bad lines, repeats and keys outside sections', () => {
    const { problems } = readIni('x = 1\n[a:b]\nk = 1\nk = 2\njunk\n[a:b]\n[]\n = v\n');
    expect(problems).toEqual([
      { line: 1, message: 'key "x" is outside any section' },
      { line: 4, message: 'key "k" is repeated in [a:b] (first on line 3)' },
      { line: 5, message: 'expected "key = value", got "junk"' },
      { line: 6, message: 'section [a:b] is repeated (first on line 2)' },
      { line: 7, message: 'bad section header "[]" (expected [type:name])' },
      { line: 8, message: 'a key is missing before "="' },
    ]);
  });
});

describe('parseSupervisor', () => {
  it('reads networks and jails, in dependency order', () => {
    const { file, problems } = parseSupervisor('c.ini', good);
    expect(problems).toEqual([]);
    expect(file.networks).toEqual([{ name: 'cluster', line: 2, type: 'nat', subnet: '192.168.1.0/24' }]);
    expect(file.jails.map((j) => j.name)).toEqual(['postgres', 'elixir-cluster']);
    expect(file.jails[1]).toMatchObject({ count: 5, addr: 'dhcp', depends: ['postgres'], ready: { kind: 'log', regex: 'connected' }, readyTimeoutMs: 20_000 });
    expect(file.jails[0]!.ready).toEqual({ kind: 'tcp', port: 5432 });
  });
  it('reads VLANs and refuses bad ids and a VLAN used twice on one trunk', () => {
    const { file, problems } = parseSupervisor(
      'v.ini',
      '[network:a]\nsubnet = 10.0.1.0/24\nvlan = 10\ntrunk = office\n[network:b]\nsubnet = 10.0.2.0/24\nvlan = 10\ntrunk = office\n[network:c]\nsubnet = 10.0.3.0/24\nvlan = 5000\n[network:d]\nsubnet = 10.0.4.0/24\ntrunk = t\n',
    );
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '5: VLAN 10 is already used on trunk office by [network:a] (line 1)',
      '11: vlan = 5000: a VLAN id is from 1 to 4094',
      '14: trunk needs vlan = ID in the same section',
    ]);
    expect(file.networks[0]).toMatchObject({ vlan: 10, trunk: 'office' });
  });
  it('reads slots', () => {
    const { file, problems } = parseSupervisor(
      's.ini',
      '[network:n]\nsubnet = 10.0.0.0/24\n[jail:a]\nnetwork = n\nslot = 7\ncount = 2\n[jail:b]\nnetwork = n\nslot = x\n',
    );
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual(['9: slot = x: expected a whole number from 1']);
    expect(file.jails[0]).toMatchObject({ slot: 7, count: 2 });
  });
  it('starts dependencies first whatever the file order', () => {
    const { file, problems } = parseSupervisor(
      'o.ini',
      '[network:n]\nsubnet = 10.0.0.0/24\n[jail:c]\nnetwork = n\ndepends = b\n[jail:b]\nnetwork = n\ndepends = a\n[jail:a]\nnetwork = n\n',
    );
    expect(problems).toEqual([]);
    expect(file.jails.map((j) => j.name)).toEqual(['a', 'b', 'c']);
  });
  it('reports cycles, unknown networks, unknown keys, undefined dependencies and bad values with their lines', () => {
    const text = [
      '[network:n]', //1
      'subnet = 10.0.0.0/33', //2
      'typo = x', //3
      '[jail:a]', //4
      'network = nn', //5
      'depends = b', //6
      '[jail:b]', //7
      'network = n', //8
      'depends = a, ghost', //9
      'ready = http:80', //10
      'comand = x', //11
      '[jial:c]', //12
      '[jail:Bad]', //13
      'network = n', //14
      'count = 0', //15
    ].join('\n');
    const { problems } = parseSupervisor('bad.ini', text);
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '2: bad CIDR "10.0.0.0/33": prefix /33 is longer than 32',
      '3: unknown key "typo" in [network:n] (did you mean "type"?)',
      '4: dependency cycle: a -> b -> a',
      '5: unknown network "nn" (did you mean "n"?); define [network:nn]',
      '9: depends on "ghost", which is not defined',
      '10: ready = http:80: expected tcp:PORT, exec:CMD or log:REGEX',
      '11: unknown key "comand" in [jail:b] (did you mean "command"?)',
      '12: unknown section [jial:c] (did you mean "[jail:...]"?) (expected [network:NAME] or [jail:NAME])',
      '13: jail name "Bad" must be lowercase letters, digits and inner "-" ([a-z0-9]([a-z0-9-]*[a-z0-9])?)',
      '15: count = 0: expected a whole number from 1 to 1000',
    ]);
  });
});
