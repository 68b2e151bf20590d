// Hermeticity and security: what a router lets in from its uplink, what a jail can reach of the lab host and of the
// state, and the modes that keep other users out of the state, the logs and the leases.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const fx = (n: string) => join(ROOT, 'test/fixtures/engine', n);

describe('hermeticity', () => {
  it('a router accepts no new TCP connection and answers no ping from its uplink, while it serves its own network', async () => {
    const r = await cli(['run', fx('router-inbound.md')], { timeoutMs: 120_000 });
    expect(r.stdout, r.stdout).toMatch(/^PASS .*router-inbound\.md/m);
    expect(r.code).toBe(0);
  }, 120_000);

  it("a jail reaches only its own network's host address, finds no open port there but the recipe's, and cannot open the state database", async () => {
    const r = await cli(['run', fx('host-access.md')], { timeoutMs: 180_000 });
    expect(r.stdout, r.stdout).toMatch(/^PASS .*host-access\.md \(9 passed/m);
    expect(r.code).toBe(0);
  }, 180_000);

  it('keeps other users out: state database and folder, service and DHCP logs, leases', async () => {
    const env = { VESSEL_LAB: 'vcmodes', NO_COLOR: '1' };
    const vessel = (args: string[]) => execa(process.execPath, [join(ROOT, 'bin/vessel'), ...args], { reject: false, env });
    try {
      expect((await vessel(['network', '--create', '--name=m', '--subnet=10.88.0.0/24'])).exitCode).toBe(0);
      expect((await vessel(['run', '--name=x', '--network=m', '--', 'sleep', '100'])).exitCode).toBe(0);
      expect((await vessel(['run', '--name=y', '--network=m', '--addr=dhcp'])).exitCode).toBe(0);
      const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
      const db = process.env.VESSEL_DB ?? '/var/db/vessel/vessel.db';
      const run = process.env.VESSEL_RUN_DIR ?? '/run/vessel';
      expect(mode(db)).toBe('600');
      expect(mode(join(db, '..'))).toBe('700');
      expect(mode(join(run, 'vcmodes/jails/x/service.log'))).toBe('600');
      expect(mode(join(run, 'vcmodes/jails/y/dhcp.log'))).toBe('600');
      expect(mode(join(run, 'vcmodes/jails/y/lease'))).toBe('600');
      // What services must read stays readable: /etc/hosts and resolv.conf of a jail.
      expect(mode(join(run, 'vcmodes/jails/x/hosts'))).toBe('644');
    } finally {
      await vessel(['destroy', '--lab', 'vcmodes']);
    }
  }, 60_000);
});
