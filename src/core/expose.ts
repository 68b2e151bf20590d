// Exposed ports (pure): `--expose=PORT[:JAILPORT][/tcp|/udp]`, who exposes what on a network, and what is refused.
import type { JailRow } from './model.js';

/** One exposed port of a jail: the router's PORT forwards to the jail's JAILPORT. */
export interface Expose {
  port: number;
  jailPort: number;
  proto: 'tcp' | 'udp';
}

/** One port a network exposes, with the jails behind it (round-robin over them). */
export interface ExposedPort {
  port: number;
  proto: 'tcp' | 'udp';
  members: { jail: string; addr: string; jailPort: number }[];
}

const portOk = (s: string) => /^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535;

/** Parses `PORT[:JAILPORT][/tcp|/udp]`, or says what is wrong with it. */
export function parseExpose(spec: string): Expose | string {
  const m = /^([^:/]+)(?::([^/]+))?(?:\/(.*))?$/.exec(spec);
  if (!m) return `--expose=${spec}: expected PORT[:JAILPORT][/tcp|/udp], e.g. 8080:80/tcp`;
  const [, port, jailPort, proto] = m;
  if (proto !== undefined && proto !== 'tcp' && proto !== 'udp') return `--expose=${spec}: the protocol must be tcp or udp, not ${proto}`;
  for (const p of [port!, ...(jailPort !== undefined ? [jailPort] : [])])
    if (!portOk(p)) return `--expose=${spec}: a port is a whole number from 1 to 65535, not ${p}`;
  return { port: Number(port), jailPort: Number(jailPort ?? port), proto: (proto ?? 'tcp') as 'tcp' | 'udp' };
}

/** A jail's exposed ports, as stored in its row (a JSON list), or none. */
export function exposesOf(j: Pick<JailRow, 'expose'>): Expose[] {
  return j.expose ? (JSON.parse(j.expose) as Expose[]) : [];
}

/** The ports a network exposes, in port order, each with the jails behind it (jails without an address yet are left out). */
export function exposedPorts(members: Pick<JailRow, 'name' | 'addr' | 'expose' | 'role'>[]): ExposedPort[] {
  const byKey = new Map<string, ExposedPort>();
  for (const j of members) {
    if (j.role === 'router' || !j.addr) continue;
    for (const e of exposesOf(j)) {
      const key = `${e.port}/${e.proto}`;
      const p = byKey.get(key) ?? { port: e.port, proto: e.proto, members: [] };
      p.members.push({ jail: j.name, addr: j.addr, jailPort: e.jailPort });
      byKey.set(key, p);
    }
  }
  return [...byKey.values()].sort((a, b) => a.port - b.port || a.proto.localeCompare(b.proto));
}

/**
 * Why these exposures cannot be added on `network`, or undefined. Every network of a lab shares one uplink, so a
 * PORT/proto belongs to one network; a network without an uplink has no outside to expose to.
 */
export function exposeProblem(
  wanted: Expose[],
  network: { name: string; hasUplink: boolean; jails?: Pick<JailRow, 'name' | 'expose'>[]; sshPort?: number },
  others: { network: string; jails: Pick<JailRow, 'name' | 'expose'>[] }[],
): string | undefined {
  if (wanted.length === 0) return undefined;
  if (!network.hasUplink)
    return `--expose: network ${network.name} has no uplink, so there is no outside address to expose a port on (create it in a lab with an uplink)`;
  const seen = new Set<string>();
  for (const e of wanted) {
    const key = `${e.port}/${e.proto}`;
    if (seen.has(key)) return `--expose: port ${key} is given twice`;
    // The router of a network made with --ssh is its jump host: its sshd has that port on the outside address.
    if (network.sshPort !== undefined && e.port === network.sshPort && e.proto === 'tcp')
      return `--expose: port ${key} is the SSH port of network ${network.name}'s router (the network was made with --ssh, so the router's sshd listens there); expose another port`;
    seen.add(key);
    for (const o of others) {
      const by = o.jails.find((j) => exposesOf(j).some((x) => x.port === e.port && x.proto === e.proto));
      if (by) return `--expose: port ${key} is already exposed by network ${o.network} (jail ${by.name}) on the same uplink`;
    }
    // A UDP port is redirected by the firewall to one port on every jail behind it (pf's rdr takes one).
    if (e.proto === 'udp')
      for (const j of network.jails ?? []) {
        const x = exposesOf(j).find((y) => y.port === e.port && y.proto === 'udp');
        if (x && x.jailPort !== e.jailPort)
          return `--expose: udp port ${e.port} already goes to port ${x.jailPort} on jail ${j.name}; every jail behind a UDP port takes it on the same port`;
      }
  }
  return undefined;
}

/** `8080/tcp -> web-1:80, web-2:80`, for listings. */
export function exposedText(p: ExposedPort): string {
  return `${p.port}/${p.proto} -> ${p.members.map((m) => `${m.jail}:${m.jailPort}`).join(', ') || '(no member with an address)'}`;
}
