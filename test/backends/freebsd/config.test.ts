// FreeBSD configuration checks: generated dnsmasq configs pass `dnsmasq --test`, the section 4 drivers plans rely on
// have pages in Debian's freebsd-manpages, and the pure generators refuse what FreeBSD would refuse.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dhcpRangeProblem, routerDnsmasqConf } from '../../../src/core/dnsmasq.js';
import { jailConf, routerPfConf, partitionAnchor } from '../../../src/backends/freebsd/conf.js';
import { fbJailName, legNames, trunkNames, uplinkBridge, fbBridgeName, uplinkLegNames, vlanIfName } from '../../../src/backends/freebsd/names.js';
import { inetLine, parseInet } from '../../../src/backends/freebsd/jails.js';
import { removalCommand } from '../../../src/backends/freebsd/remove.js';
import { splitWords } from '../../../src/util/words.js';
import { planOf, RECIPES } from '../plans.js';

describe('dnsmasq --test accepts every router config a plan writes', () => {
  for (const path of RECIPES) {
    it(basename(path), async () => {
      const confs = (await planOf(path)).steps.filter((s) => s.op === 'write' && s.path.endsWith('/dnsmasq.conf'));
      const dir = mkdtempSync(join(tmpdir(), 'vessel-cookbook-dnsmasq-'));
      try {
        for (const [i, c] of confs.entries()) {
          if (c.op !== 'write') continue;
          const f = join(dir, `${i}.conf`);
          writeFileSync(f, c.text);
          const out = execFileSync('dnsmasq', ['--test', `--conf-file=${f}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
          expect(out + '').toBe('');
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  it('dnsmasq --test does reject a broken config (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vessel-cookbook-dnsmasq-'));
    try {
      writeFileSync(join(dir, 'bad.conf'), 'dhcp-range=10.0.0.10,notanaddress,1h\n');
      expect(() => execFileSync('dnsmasq', ['--test', `--conf-file=${join(dir, 'bad.conf')}`], { stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('section 4 pages of the drivers plans rely on (freebsd-manpages)', () => {
  const dir = '/usr/share/man/man4';
  for (const drv of ['epair', 'if_bridge', 'vlan', 'bpf', 'pf']) {
    it(`${drv}(4)`, () => {
      const pages = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(`${drv}.4`)) : [];
      expect(pages, `no ${drv}(4) page in ${dir}: install freebsd-manpages (harness/setup.sh does)`).not.toEqual([]);
    });
  }
});

describe('freebsd generators', () => {
  it('a DHCP range must lie inside one subnet', () => {
    expect(dhcpRangeProblem('10.0.0.0/24', '10.0.0.128', '10.0.0.253')).toBeUndefined();
    expect(dhcpRangeProblem('10.0.0.0/24', '10.0.0.128', '10.0.1.20')).toMatch(/not inside the subnet 10.0.0.0\/24/);
    expect(dhcpRangeProblem('10.0.0.0/24', '10.0.0.0', '10.0.0.20')).toMatch(/not inside/);
    expect(dhcpRangeProblem('10.0.0.0/24', '10.0.0.50', '10.0.0.20')).toMatch(/ends before it starts/);
    const o = {
      network: 'n',
      domain: 'n.test',
      gateway: '10.0.0.1',
      netmask: '255.255.255.0',
      hostsFile: 'h',
      leaseFile: 'l',
      pidFile: 'p',
      subnet: '10.0.0.0/24',
    };
    expect(() => routerDnsmasqConf({ ...o, dhcpFirst: '10.0.0.200', dhcpLast: '10.0.1.10' })).toThrow(/not inside the subnet/);
  });
  it('routers NAT with the exact rule, and accept nothing new from outside', () => {
    const pf = routerPfConf({ extIf: 'vu3', intIf: 'vj3', subnet: '10.0.0.0/24', nat: true });
    expect(pf).toContain('nat on $ext_if inet from !($ext_if) -> ($ext_if:0)\n');
    expect(pf).toContain('block in log on $ext_if all\n');
    expect(pf).not.toMatch(/pass in on \$ext_if/);
    expect(routerPfConf({ extIf: 'vu3', intIf: 'vj3', subnet: '10.0.0.0/24', nat: false })).not.toContain('nat on');
  });
  it('jail.conf: vnet jails list their interfaces; aliased jails carry NIC|IP and a FIB', () => {
    const base = { name: 'vc-a-b', hostname: 'b', root: '/r', fstab: '/f', consoleLog: '/c', devfsRuleset: 4071 };
    const v = jailConf({ ...base, vnetInterfaces: ['vj1', 'vu1'], depend: ['vc-a-r'] });
    expect(v).toContain('  vnet;\n  vnet.interface += "vj1";\n  vnet.interface += "vu1";\n');
    expect(v).toContain('  depend = "vc-a-r";\n');
    const a = jailConf({ ...base, ip4: { nic: 'eni0', ip: '172.31.32.21', prefix: 20 }, fib: 2 });
    expect(a).toContain('  ip4.addr = "eni0|172.31.32.21/20";\n  exec.fib = 2;\n');
    expect(a).not.toContain('vnet');
  });
  it('names: no dots in jail names, interface names at most 15 characters', () => {
    expect(fbJailName('abc123', 'web-1')).toBe('vc-abc123-web-1');
    expect(() => fbJailName('abc', 'a.b')).toThrow(/dot/);
    for (const n of [
      legNames(999, 99999).host,
      legNames(999, 99999).jail,
      uplinkLegNames(999, 99999).host,
      uplinkBridge('vtnet12'),
      fbBridgeName(999, 'abcdefghijklmnopq'),
      trunkNames(999, 'abcdefghijkl').tagged,
      vlanIfName(999, 'abcdefghijkl', 4094),
    ])
      expect(n.length).toBeLessThanOrEqual(15);
  });
  it('partition anchors refuse both ways between the groups', () => {
    expect(partitionAnchor(['10.0.0.2'], ['10.0.0.3', '10.0.0.4'])).toBe(
      'block return quick inet from { 10.0.0.2 } to { 10.0.0.3 10.0.0.4 }\nblock return quick inet from { 10.0.0.3 10.0.0.4 } to { 10.0.0.2 }\n',
    );
  });
  it('teardown commands per ledger kind', () => {
    const o = (kind: string, name: string) => ({ id: 1, lab: 'l', kind, name, owner: null }) as never;
    expect(removalCommand(o('jail', 'vc-l-a|/x/jail.conf'))).toEqual(['jail', '-f', '/x/jail.conf', '-r', 'vc-l-a']);
    expect(removalCommand(o('ifnet', 'vh3'))).toEqual(['ifconfig', 'vh3', 'destroy']);
    expect(removalCommand(o('dir', '/var/run/vessel/l'))).toEqual(['rm', '-rf', '-x', '/var/run/vessel/l']);
    expect(() => removalCommand(o('netns-jail', 'x'))).toThrow(/does not make/);
  });
  it('ifconfig inet output round-trips (hex netmask)', () => {
    expect(parseInet(inetLine('172.31.32.10', 20))).toEqual({ ip: '172.31.32.10', prefix: 20 });
    expect(inetLine('10.0.2.15', 24)).toContain('netmask 0xffffff00 broadcast 10.0.2.255');
  });
  it('plan mode splits command lines like sh, and refuses what needs a shell', () => {
    expect(splitWords(`vessel run --name=a 'b c' "d e" f\\ g`)).toEqual(['vessel', 'run', '--name=a', 'b c', 'd e', 'f g']);
    for (const bad of ['vessel run $X', 'vessel run `x`', 'a; b', 'a | b', 'a && b', 'echo "$HOME"', "vessel 'unterminated"])
      expect(splitWords(bad), bad).toBeUndefined();
  });
});
