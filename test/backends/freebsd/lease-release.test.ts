// Destroying a DHCP jail on FreeBSD gives its leases back: the router drops the jail's lines and restarts dnsmasq.
import { describe, expect, it } from 'vitest';
import { FreebsdEngine } from '../../../src/backends/freebsd/engine.js';

describe('freebsd lease release', () => {
  it("removes a destroyed DHCP jail's lease (by MAC) from the router's lease file, with dnsmasq stopped, then starts it", async () => {
    const { engine, host } = FreebsdEngine.recording('release');
    try {
      await engine.createLab('rel1', { kind: 'manual' });
      await engine.createNetwork('rel1', 'lan', '10.31.0.0/24');
      await engine.run('rel1', { name: 'd', network: 'lan', addr: 'dhcp' });
      await engine.run('rel1', { name: 's', network: 'lan' });
      const mac = engine.jails('rel1').find((j) => j.name === 'd')!.mac!;
      const at = host.steps.length;
      await engine.destroy('rel1', ['d']);
      const cmds = host.steps.slice(at).map((s) => (s.op === 'run' ? s.argv.join(' ') : s.op === 'write' ? `write ${s.path}` : s.op));
      const stop = cmds.indexOf('jexec vc-rel1-lan-router pkill -x dnsmasq');
      // Its IPv4 line holds the MAC; a DHCPv6 line ends with its DUID-LL, which ends with the MAC.
      const edit = cmds.indexOf(`jexec vc-rel1-lan-router sed -i  -e / ${mac} /d -e / 00:03:00:01:${mac}$/d /var/db/dnsmasq.leases`);
      const start = cmds.indexOf('jexec vc-rel1-lan-router /usr/local/sbin/dnsmasq --conf-file=/etc/dnsmasq.conf');
      expect(stop).toBeGreaterThanOrEqual(0);
      expect(edit).toBeGreaterThan(stop);
      expect(start).toBeGreaterThan(edit);
      // The release comes before the jail goes; a static jail has no lease to give back.
      expect(start).toBeLessThan(cmds.findIndex((c) => /-r vc-rel1-d$/.test(c)));
      const at2 = host.steps.length;
      await engine.destroy('rel1', ['s']);
      expect(host.steps.slice(at2).some((s) => s.op === 'run' && s.argv.includes('/var/db/dnsmasq.leases'))).toBe(false);
    } finally {
      engine.close();
    }
  });

  it("gives back a DHCPv6-only jail's lease too (a jail whose IPv4 address is static)", async () => {
    const { engine, host } = FreebsdEngine.recording('release6');
    try {
      await engine.createLab('rel6', { kind: 'manual' });
      await engine.createNetwork('rel6', 'lan', '10.32.0.0/24', { subnet6: 'fd42:c0de:32::/64' });
      await engine.run('rel6', { name: 'd6', network: 'lan', addr6: 'dhcp' });
      const j = engine.jails('rel6').find((x) => x.name === 'd6')!;
      expect(j.addr6).toBe('fd42:c0de:32::8000');
      const at = host.steps.length;
      await engine.destroy('rel6', ['d6']);
      const cmds = host.steps.slice(at).map((s) => (s.op === 'run' ? s.argv.join(' ') : s.op === 'write' ? `write ${s.path}` : s.op));
      expect(cmds).toContain(`jexec vc-rel6-lan-router sed -i  -e / ${j.mac} /d -e / 00:03:00:01:${j.mac}$/d /var/db/dnsmasq.leases`);
      // Its AAAA name leaves the router's DNS.
      const hosts = host.steps.slice(at).filter((s) => s.op === 'write' && s.path.endsWith('/vessel-hosts'));
      expect(hosts.length).toBeGreaterThan(0);
      expect(hosts.every((s) => s.op === 'write' && !s.text.includes('d6'))).toBe(true);
    } finally {
      engine.close();
    }
  });
});
