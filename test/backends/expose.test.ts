// Exposed ports on both backends, recorded: the router's firewall lets in what is exposed, its haproxy is (re)started
// with every member behind each TCP port, UDP goes by the firewall, and a destroyed member leaves the config.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/backends/linux/engine.js';
import { FreebsdEngine } from '../../src/backends/freebsd/engine.js';
import type { VesselBackend } from '../../src/core/backend.js';
import type { PlanStep, RecordingHost } from '../../src/host/recording.js';

const runs = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'run' ? [s.argv.join(' ')] : s.op === 'start' ? [`start ${s.argv.join(' ')}`] : []));
const writes = (steps: PlanStep[], end: string) => steps.flatMap((s) => (s.op === 'write' && s.path.endsWith(end) ? [s.text] : []));

async function story(e: VesselBackend, host: RecordingHost, lab: string, fw: string, proxyConf: string) {
  await e.openRunLab(lab, 'r', '/tmp');
  await e.createNetwork(lab, 'lan', '10.60.0.0/24');
  await e.createNetwork(lab, 'dmz', '10.61.0.0/24');
  await e.run(lab, { name: 'web', count: 3, network: 'lan', expose: [{ port: 8080, jailPort: 80, proto: 'tcp' }], command: ['sleep', '1'] });
  const cfg = writes(host.steps, proxyConf).at(-1)!;
  expect(cfg).toContain('listen expose_8080\n  bind :8080\n  server web-1 10.60.0.2:80\n  server web-2 10.60.0.3:80\n  server web-3 10.60.0.4:80\n');
  const rules = writes(host.steps, fw).at(-1)!;
  // Refused with one line: the same port on another network of the lab (one uplink).
  await expect(e.run(lab, { name: 'x', network: 'dmz', expose: [{ port: 8080, jailPort: 80, proto: 'tcp' }] })).rejects.toThrow(
    '--expose: port 8080/tcp is already exposed by network lan (jail web-1) on the same uplink',
  );
  expect(e.jails(lab).some((j) => j.name === 'x')).toBe(false);
  // A UDP port goes by the firewall, round-robin; the proxy keeps its TCP ports.
  await e.run(lab, { name: 'dns', count: 2, network: 'lan', expose: [{ port: 53, jailPort: 53, proto: 'udp' }] });
  const udpRules = writes(host.steps, fw).at(-1)!;
  expect(writes(host.steps, proxyConf).at(-1)).not.toContain(':53');
  // Destroying a member takes it out of the proxy's config.
  const at = host.steps.length;
  await e.destroy(lab, ['web-2']);
  const after = writes(host.steps.slice(at), proxyConf).at(-1)!;
  expect(after).toContain('  server web-1 10.60.0.2:80\n  server web-3 10.60.0.4:80\n');
  expect(after).not.toContain('web-2');
  return { rules, udpRules, steps: runs(host.steps) };
}

describe('exposed ports, recorded', () => {
  it('linux: nftables let the port in from eth1, haproxy runs in the router, UDP by numgen DNAT', async () => {
    const { engine, host } = Engine.recording('expose');
    try {
      const { rules, udpRules, steps } = await story(engine, host, 'vcexl', '/router.nft', '/haproxy.cfg');
      expect(rules).toContain('    iifname "eth1" tcp dport { 8080 } accept\n    iifname "eth1" drop\n');
      expect(rules.startsWith('table inet vessel_router\ndelete table inet vessel_router\n')).toBe(true);
      expect(udpRules).toContain('iifname "eth1" udp dport 53 dnat ip to numgen inc mod 2 map { 0 : 10.60.0.5 . 53, 1 : 10.60.0.6 . 53 }');
      expect(udpRules).toContain('    iifname "eth1" ct status dnat accept\n    iifname "eth1" drop\n');
      expect(steps.filter((s) => s.startsWith('start ') && s.includes('haproxy -db -f')).length).toBeGreaterThanOrEqual(3);
      expect(steps.some((s) => s.includes('nsenter --net=/run/netns/vc-vcexl-lan-router -- nft -f'))).toBe(true);
    } finally {
      engine.close();
    }
  });

  it('freebsd: pf passes the port on the outside leg, haproxy under daemon(8) in the router jail, UDP by rdr round-robin', async () => {
    const { engine, host } = FreebsdEngine.recording('expose');
    try {
      const { rules, udpRules, steps } = await story(engine, host, 'vcexf', '-router/root/etc/pf.conf', '/etc/haproxy.conf');
      expect(rules).toContain('block in log on $ext_if all\npass in on $ext_if inet proto tcp to ($ext_if) port { 8080 } keep state\n');
      expect(udpRules).toContain('rdr pass on $ext_if inet proto udp to ($ext_if) port 53 -> { 10.60.0.5, 10.60.0.6 } port 53 round-robin\n');
      expect(steps).toContain(
        'jexec vc-vcexf-lan-router daemon -f -p /var/run/vessel-haproxy.pid -o /var/log/haproxy.log /usr/local/sbin/haproxy -db -f /etc/haproxy.conf',
      );
      expect(steps).toContain('jexec vc-vcexf-lan-router pfctl -f /etc/pf.conf');
    } finally {
      engine.close();
    }
  });
});
