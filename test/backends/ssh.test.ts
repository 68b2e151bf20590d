// SSH into jails on both backends, recorded: one key pair per lab, a host key per jail, known_hosts kept to the jails
// that run sshd, the router as the jump host from outside, and every refusal.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/backends/linux/engine.js';
import { FreebsdEngine } from '../../src/backends/freebsd/engine.js';
import type { VesselBackend } from '../../src/core/backend.js';
import type { PlanStep, RecordingHost } from '../../src/host/recording.js';

const cmds = (steps: PlanStep[]) => steps.flatMap((s) => (s.op === 'run' ? [s.argv.join(' ')] : s.op === 'start' ? [`start ${s.argv.join(' ')}`] : []));
const written = (steps: PlanStep[], end: string) => steps.flatMap((s) => (s.op === 'write' && s.path.endsWith(end) ? [s.text] : []));

async function story(e: VesselBackend, host: RecordingHost, lab: string) {
  await e.openRunLab(lab, 'r', '/tmp');
  await e.createNetwork(lab, 'lan', '10.64.0.0/24', { ssh: true });
  await e.createNetwork(lab, 'dmz', '10.65.0.0/24');
  await e.run(lab, { name: 'web', count: 2, network: 'lan', ssh: true });
  await e.run(lab, { name: 'plain', network: 'lan' });
  await e.run(lab, { name: 'back', network: 'dmz', ssh: true });
  const all = cmds(host.steps);
  // One key pair for the lab; a host key for each jail that runs sshd (the router, web-1, web-2, back).
  expect(all.filter((c) => c.startsWith('ssh-keygen') && c.includes(`vessel-${lab}`))).toHaveLength(1);
  expect(all.filter((c) => c.startsWith('ssh-keygen') && !c.includes(`vessel-${lab}`))).toHaveLength(4);
  const known = written(host.steps, '/known_hosts').at(-1)!;
  expect(
    known
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]),
  ).toEqual(['10.64.0.1,10.0.2.15', '10.64.0.2', '10.64.0.3', '10.65.0.2']);
  const cfg = written(host.steps, 'sshd_config');
  expect(cfg.every((c) => c.includes('PasswordAuthentication no\n') && c.includes('PermitRootLogin prohibit-password\n'))).toBe(true);
  expect(cfg.filter((c) => c.includes('AllowTcpForwarding yes'))).toHaveLength(1);
  // Refused, one line each.
  await expect(e.sshArgv(lab, 'plain', [], 'host')).rejects.toThrow('jail plain runs no sshd: create it with vessel run --ssh');
  await expect(e.sshArgv(lab, 'back', [], 'upstream')).rejects.toThrow(
    "network dmz's router is not a jump host: create the network with vessel network --create --ssh",
  );
  await expect(e.sshArgv(lab, 'ghost', [], 'host')).rejects.toThrow('no jail named ghost');
  const viaRouter = await e.sshArgv(lab, 'web-1', ['hostname'], 'upstream');
  expect(viaRouter.slice(-4)).toEqual(['-J', 'root@10.0.2.15', 'root@10.64.0.2', 'hostname']);
  const fromHost = await e.sshArgv(lab, 'web-2', [], 'host');
  expect(fromHost.at(-1)).toBe('root@10.64.0.3');
  expect(fromHost).not.toContain('-J');
  // A destroyed jail's host key leaves known_hosts.
  await e.destroy(lab, ['web-2']);
  expect(written(host.steps, '/known_hosts').at(-1)!).not.toContain('10.64.0.3');
  return { all, viaRouter, fromHost };
}

describe('ssh into jails, recorded', () => {
  it('linux: sshd in the jail namespaces, port 22 open on the router uplink, ssh from the lab host or the www namespace', async () => {
    const { engine, host } = Engine.recording('ssh');
    try {
      const { all, viaRouter, fromHost } = await story(engine, host, 'vcsshl');
      expect(all.filter((c) => c.startsWith('start ') && c.includes('/usr/sbin/sshd -D -e -f'))).toHaveLength(4);
      expect(written(host.steps, 'router.nft')[0]).toContain('iifname "eth1" tcp dport { 22 } accept');
      expect(fromHost.slice(0, 4)).toEqual(['nsenter', '--net=/run/netns/vc-vcsshl-host', '--', 'ssh']);
      expect(viaRouter.slice(0, 4)).toEqual(['nsenter', '--net=/run/netns/vc-vcsshl_www', '--', 'ssh']);
    } finally {
      engine.close();
    }
  });

  it("freebsd: sshd from files in the jail's own /etc, pf passes 22 on the router's outside leg, ssh from the host or _www", async () => {
    const { engine, host } = FreebsdEngine.recording('ssh');
    try {
      const { all, viaRouter, fromHost } = await story(engine, host, 'vcsshf');
      expect(all.filter((c) => c.includes('/usr/sbin/sshd -f /etc/ssh/vessel_sshd_config'))).toHaveLength(4);
      expect(written(host.steps, 'lan-router/root/etc/pf.conf')[0]).toContain('pass in on $ext_if inet proto tcp to ($ext_if) port { 22 } keep state');
      expect(fromHost[0]).toBe('ssh');
      expect(viaRouter.slice(0, 4)).toEqual(['jexec', 'vc-vcsshf-_www', 'ssh', '-F']);
      expect(viaRouter[4]).toBe('/var/db/vessel-ssh/ssh_config');
    } finally {
      engine.close();
    }
  });
});

describe('a jail whose sshd does not start', () => {
  it('is removed again, with the others made in the same call: all or nothing', async () => {
    const { RecordingHost } = await import('../../src/host/recording.js');
    const { failed } = await import('../../src/util/errors.js');
    // A host on which sshd never starts (the ssh-keygen before it works).
    class NoSshd extends RecordingHost {
      override async start(argv: string[], opts: Parameters<RecordingHost['start']>[1]): Promise<number> {
        if (argv.includes('/usr/sbin/sshd')) throw failed('sshd: no privilege separation user');
        return super.start(argv, opts);
      }
    }
    const { engine } = Engine.recording('nosshd');
    const host = new NoSshd();
    (engine.ctx as unknown as { host: RecordingHost }).host = host;
    try {
      await engine.openRunLab('vcnossh', 'r', '/tmp');
      await engine.createNetwork('vcnossh', 'lan', '10.66.0.0/24');
      await expect(engine.run('vcnossh', { name: 'web', count: 2, network: 'lan', ssh: true })).rejects.toThrow('sshd: no privilege separation user');
      expect(engine.jails('vcnossh').map((j) => j.name)).toEqual(['lan-router']);
    } finally {
      engine.close();
    }
  });
});
