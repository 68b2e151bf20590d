// haproxy.cfg for a router's exposed TCP ports (pure): one listener per port, round-robin over the jails behind it,
// with active health checks so that a stopped jail leaves the rotation within about a second and comes back.
import type { ExposedPort } from './expose.js';

/** How often a member is checked, and how many failures or successes change its state (500 ms x 2 = down in ~1 s). */
export const HEALTH = { interMs: 500, fall: 2, rise: 1 } as const;

/** The config text; only TCP ports go through haproxy (UDP is forwarded by the router's firewall). */
export function haproxyConf(ports: ExposedPort[]): string {
  const lines = [
    '# haproxy.cfg: written by vessel for the ports this network exposes (haproxy runs in the foreground, -db)',
    'defaults',
    '  mode tcp',
    '  balance roundrobin',
    // A connection refused by a member that the checks have not caught yet is retried on another.
    '  option redispatch',
    '  retries 2',
    '  timeout connect 1s',
    '  timeout client 30s',
    '  timeout server 30s',
    `  default-server check inter ${HEALTH.interMs} fall ${HEALTH.fall} rise ${HEALTH.rise}`,
  ];
  for (const p of ports.filter((x) => x.proto === 'tcp')) {
    lines.push(`listen expose_${p.port}`, `  bind :${p.port}`);
    for (const m of p.members) lines.push(`  server ${m.jail} ${m.addr}:${m.jailPort}`);
  }
  lines.push('');
  return lines.join('\n');
}
