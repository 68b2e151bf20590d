// Faults while a lab is being built: a DHCP client killed while it is still asking for a lease must give a precise
// failure at once (not a timeout), and everything must still come down.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const LAB = 'vcfault1';
const env = { VESSEL_LAB: LAB, NO_COLOR: '1' };
const vessel = (args: string[]) => execa(process.execPath, [join(ROOT, 'bin/vessel'), ...args], { reject: false, env });
const RUN = process.env.VESSEL_RUN_DIR ?? '/run/vessel';

async function until<T>(f: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The host pid of the process named `comm` in a jail's cgroup (cgroup v2). */
function hostPidNamed(lab: string, jail: string, comm: string): number {
  const root = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .find((p) => p[p.indexOf('-') + 1] === 'cgroup2')![4]!;
  const pids = readFileSync(join(root, 'vessel', lab, jail, 'cgroup.procs'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(Number);
  const pid = pids.find((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === comm;
    } catch {
      return false;
    }
  });
  if (!pid) throw new Error(`no ${comm} in the cgroup of ${jail}`);
  return pid;
}

describe('faults', () => {
  it('udhcpc killed while it still waits for a lease: `vessel run --addr=dhcp` fails at once, saying which client died', async () => {
    let dnsmasq = 0;
    try {
      expect((await vessel(['network', '--create', '--name=d', '--subnet=10.83.0.0/24'])).exitCode).toBe(0);
      // A paused DHCP server: the client keeps asking and never gets an answer.
      // Its host pid, from the router's cgroup (its pid file holds the pid in the router's own process space).
      dnsmasq = hostPidNamed(LAB, 'd-router', 'dnsmasq');
      process.kill(dnsmasq, 'SIGSTOP');
      const run = vessel(['run', '--name=c', '--network=d', '--addr=dhcp']);
      const pidFile = join(RUN, LAB, 'jails/c/udhcpc.pid');
      const udhcpc = await until(() => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || undefined : undefined), 20_000);
      expect(readFileSync(`/proc/${udhcpc}/comm`, 'utf8').trim()).toBe('busybox');
      process.kill(udhcpc, 'SIGKILL');
      const r = await run;
      expect(r.exitCode).toBe(1);
      expect(String(r.stderr).trim()).toMatch(
        /^vessel: the DHCP client of jail c \(busybox udhcpc\) exited before it got a lease from d-router; its log ends: udhcpc: .+$/,
      );
      // (The message names the client's exit as the cause, not the lease timeout: no clock needed to tell them apart.)
      // The failed jail left nothing: the lab has only the router.
      const list = JSON.parse(String((await vessel(['list', '--json'])).stdout)) as { name: string }[];
      expect(list.map((j) => j.name)).toEqual(['d-router']);
    } finally {
      if (dnsmasq) process.kill(dnsmasq, 'SIGCONT');
      await vessel(['destroy', '--lab', LAB]);
    }
  }, 60_000);
});
