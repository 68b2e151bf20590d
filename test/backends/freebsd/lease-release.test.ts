// Destroying a DHCP jail on FreeBSD gives its lease back: the router drops the jail's line and restarts dnsmasq.
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
      const edit = cmds.indexOf(`jexec vc-rel1-lan-router sed -i  -e / ${mac} /d /var/db/dnsmasq.leases`);
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
});
