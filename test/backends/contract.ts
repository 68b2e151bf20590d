// The backend contract: one lab story that every backend must tell the same way. Both backends agree on state
// (names, addresses, ranges) and on ordering: jails join after their network, leave on their own, and teardown
// removes what was made in the reverse order of creation. Run recorded (test/backends) and for real (test/integration).
import { expect } from 'vitest';
import type { VesselBackend } from '../../src/core/backend.js';
import type { PlanStep } from '../../src/host/recording.js';

export type Event = { op: 'create' | 'remove'; name: string };

/** Linux: network namespaces made (with their user namespaces, for jails) and deleted (links go with their namespace). */
export function linuxEvents(cmds: { argv: string[]; input?: string }[]): Event[] {
  const out: Event[] = [];
  for (const c of cmds) {
    // A jail's netns is made with its user namespace: `bash .../userns.sh UIDMAP GIDMAP USERFILE NETNS ...`.
    if (c.argv[0] === 'bash' && c.argv[1]?.endsWith('/lib/userns.sh')) {
      for (let i = 5; i < c.argv.length; i += 2) out.push({ op: 'create', name: c.argv[i]! });
      continue;
    }
    const lines = c.argv.includes('-batch') ? (c.input ?? '').split('\n') : [c.argv.slice(1).join(' ')];
    for (const l of lines) {
      const m = /^(?:-n \S+ )?netns (add|del) (\S+)$/.exec(l.trim());
      if (m) out.push({ op: m[1] === 'add' ? 'create' : 'remove', name: m[2]! });
    }
  }
  return out;
}

/** FreeBSD: interfaces named (the host end of an epair stands for the pair) and jails created, then destroyed and removed. */
export function freebsdEvents(steps: PlanStep[]): Event[] {
  const out: Event[] = [];
  for (const s of steps) {
    if (s.op !== 'run') continue;
    const a = s.argv;
    if (a[0] === 'ifconfig' && a[2] === 'name' && !/^epair\d+b$/.test(a[1]!)) out.push({ op: 'create', name: a[3]! });
    if (a[0] === 'ifconfig' && a[2] === 'destroy') out.push({ op: 'remove', name: a[1]! });
    if (a[0] === 'jail' && a[3] === '-c') out.push({ op: 'create', name: `jail:${a[4]}` });
    if (a[0] === 'jail' && a[3] === '-r') out.push({ op: 'remove', name: `jail:${a[4]}` });
  }
  return out;
}

/** What a stage created and removed, in order. */
function stage(events: Event[], from: number) {
  const ev = events.slice(from);
  return { created: ev.filter((e) => e.op === 'create').map((e) => e.name), removed: ev.filter((e) => e.op === 'remove').map((e) => e.name) };
}

/** A backend under test and the kernel events it caused so far. */
export interface Subject {
  e: VesselBackend;
  events: () => Event[];
}

/** The contract's story on one backend: create, join, leave, destroy, with teardown in reverse. */
export async function contractStory(open: () => Promise<Subject>, lab: string): Promise<void> {
  const { e, events } = await open();
  try {
    await e.createLab(lab, { kind: 'run', pid: process.pid, runId: 'contract', simulatedUplink: true });
    const made = stage(events(), 0).created;
    expect(made.length).toBeGreaterThan(0);

    let at = events().length;
    const net = await e.createNetwork(lab, 'lan', '10.91.0.0/24');
    expect({ subnet: net.subnet, host: net.host_addr, dhcp: `${net.dhcp_first}-${net.dhcp_last}`, domain: net.domain, nat: net.nat }).toEqual({
      subnet: '10.91.0.0/24',
      host: '10.91.0.254',
      dhcp: '10.91.0.128-10.91.0.253',
      domain: 'lan.test',
      nat: 1,
    });
    expect(e.jails(lab).map((j) => [j.name, j.addr, j.role])).toEqual([['lan-router', '10.91.0.1', 'router']]);
    const netMade = stage(events(), at);
    expect(netMade.removed).toEqual([]);

    // Join: a static jail and a DHCP jail, each made after the network.
    at = events().length;
    const [a] = await e.run(lab, { name: 'a', network: 'lan' });
    const [b] = await e.run(lab, { name: 'b', network: 'lan', addr: 'dhcp' });
    expect(a!.addr).toBe('10.91.0.2');
    expect(b!.addr).toMatch(/^10\.91\.0\.\d+$/);
    const last = Number(b!.addr!.split('.')[3]);
    expect(last >= 128 && last <= 253, `${b!.addr} is in the DHCP range`).toBe(true);
    expect(e.jails(lab).map((j) => j.name)).toEqual(['lan-router', 'a', 'b']);
    const joined = stage(events(), at);
    expect(joined.removed).toEqual([]);
    expect(joined.created.length).toBeGreaterThanOrEqual(2);

    // Leave: only a's objects go, newest first.
    at = events().length;
    await e.destroy(lab, ['a']);
    const left = stage(events(), at);
    expect(left.created).toEqual([]);
    const aObjects = joined.created.slice(0, joined.created.length / 2);
    expect(left.removed).toEqual([...aObjects].reverse());
    expect(e.jails(lab).map((j) => j.name)).toEqual(['lan-router', 'b']);

    // Destroy the network, then the lab: everything still standing goes, in reverse order of creation.
    at = events().length;
    await e.destroyNetwork(lab, 'lan', true);
    await e.destroyLab(lab);
    const rest = stage(events(), at);
    const standing = [...made, ...netMade.created, ...joined.created.slice(joined.created.length / 2)];
    expect(rest.removed).toEqual([...standing].reverse());
    expect(e.jails(lab)).toEqual([]);
    expect(e.getLab(lab)).toBeUndefined();
  } finally {
    if (e.getLab(lab)) await e.destroyLab(lab);
    e.close();
  }
}
