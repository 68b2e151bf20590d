// A jail on the lab's outside network, on both backends recorded: it joins the uplink bridge itself, leases from the
// upstream, shows under the network `uplink`, and leaves the bridge in place when it goes; what it cannot do is refused.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/backends/linux/engine.js';
import { FreebsdEngine } from '../../src/backends/freebsd/engine.js';
import type { VesselBackend } from '../../src/core/backend.js';
import type { PlanStep, RecordingHost } from '../../src/host/recording.js';

const runs = (steps: PlanStep[]) =>
  steps.flatMap((s) => (s.op === 'run' ? [`${s.argv.join(' ')}${s.input ? `\n${s.input}` : ''}`] : s.op === 'start' ? [`start ${s.argv.join(' ')}`] : []));

async function story(e: VesselBackend, host: RecordingHost, lab: string) {
  await e.openRunLab(lab, 'r', '/tmp');
  await e.createNetwork(lab, 'lan', '10.62.0.0/24');
  const net = await e.joinUplink(lab);
  expect(net).toMatchObject({ name: 'uplink', subnet: '10.0.2.0/24', dhcp_first: '10.0.2.15', dhcp_last: '10.0.2.254' });
  const at = host.steps.length;
  const [edge] = await e.run(lab, { name: 'edge', network: 'uplink', addr: 'dhcp' });
  // The lab's router took the upstream's first address; the outside jail has the next.
  expect(edge!.addr).toBe('10.0.2.16');
  const made = runs(host.steps.slice(at));
  // Refused, each with one line: a static address, a slot, an exposed port; a network named uplink.
  await expect(e.run(lab, { name: 'x', network: 'uplink', addr: 'auto' })).rejects.toThrow(/gives addresses by the upstream's DHCP only: use --addr=dhcp/);
  await expect(e.run(lab, { name: 'x', network: 'uplink', addr: 'dhcp', slot: 5 })).rejects.toThrow(/--slot needs a network of the lab's own/);
  await expect(e.run(lab, { name: 'x', network: 'uplink', addr: 'dhcp', expose: [{ port: 80, jailPort: 80, proto: 'tcp' }] })).rejects.toThrow(
    /a jail on the outside network has none/,
  );
  await expect(e.createNetwork(lab, 'uplink', '10.63.0.0/24')).rejects.toThrow(/network name "uplink" is reserved for the lab's outside/);
  await expect(e.route(lab, 'lan', 'uplink')).rejects.toThrow(/not routed to/);
  // Its network goes with the lab, and the bridge under it is the lab's uplink: only the jail is removed.
  const before = host.steps.length;
  await e.destroyNetwork(lab, 'uplink', true);
  const gone = runs(host.steps.slice(before));
  expect(e.jails(lab).some((j) => j.name === 'edge')).toBe(false);
  return { made, gone };
}

describe('a jail on the outside network, recorded', () => {
  it('linux: a veth on uplink0, udhcpc against the upstream; the bridge stays', async () => {
    const { engine, host } = Engine.recording('outside');
    try {
      const { made, gone } = await story(engine, host, 'vcoul');
      expect(made.find((c) => c.includes('master uplink0'))).toBeDefined();
      expect(made.find((c) => c.includes('busybox udhcpc -f -R -i eth0'))).toBeDefined();
      expect(gone.some((c) => c.includes('link del uplink0'))).toBe(false);
      expect(gone.some((c) => c.includes('route del 10.0.2.0/24'))).toBe(false);
    } finally {
      engine.close();
    }
  });

  it("freebsd: an epair on the lab's up<tag> bridge, dhclient against _upstream; the bridge stays", async () => {
    const { engine, host } = FreebsdEngine.recording('outside');
    try {
      const { made, gone } = await story(engine, host, 'vcouf');
      expect(made).toContain('ifconfig up1 addm v1h2');
      expect(made).toContain('jexec vc-vcouf-edge dhclient -c /etc/dhclient.conf v1j2');
      expect(gone.some((c) => c.startsWith('ifconfig up1 destroy'))).toBe(false);
      expect(gone).toContain('jail -f /var/run/vessel/vcouf/jails/edge/jail.conf -r vc-vcouf-edge');
    } finally {
      engine.close();
    }
  });
});
