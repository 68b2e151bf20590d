// Exposed ports: the flag's grammar, who is behind each port, what is refused, and a haproxy config haproxy accepts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exposedPorts, exposedText, exposeProblem, parseExpose } from '../../../src/core/expose.js';
import { HEALTH, haproxyConf } from '../../../src/core/haproxy.js';
import { parseSupervisor } from '../../../src/core/supervisor/model.js';

const j = (name: string, addr: string | null, expose: unknown[] | null, role: 'jail' | 'router' = 'jail') => ({
  name,
  addr,
  role,
  expose: expose ? JSON.stringify(expose) : null,
});

describe('--expose=PORT[:JAILPORT][/tcp|/udp]', () => {
  it('reads the port, the jail port (default: the same) and the protocol (default tcp)', () => {
    expect(parseExpose('8080')).toEqual({ port: 8080, jailPort: 8080, proto: 'tcp' });
    expect(parseExpose('8080:80')).toEqual({ port: 8080, jailPort: 80, proto: 'tcp' });
    expect(parseExpose('53/udp')).toEqual({ port: 53, jailPort: 53, proto: 'udp' });
    expect(parseExpose('5353:53/udp')).toEqual({ port: 5353, jailPort: 53, proto: 'udp' });
    expect(parseExpose('1:65535/tcp')).toEqual({ port: 1, jailPort: 65535, proto: 'tcp' });
  });
  it('refuses what is not one, in one line', () => {
    expect(parseExpose('0')).toBe('--expose=0: a port is a whole number from 1 to 65535, not 0');
    expect(parseExpose('65536')).toBe('--expose=65536: a port is a whole number from 1 to 65535, not 65536');
    expect(parseExpose('80:70000')).toBe('--expose=80:70000: a port is a whole number from 1 to 65535, not 70000');
    expect(parseExpose('80/sctp')).toBe('--expose=80/sctp: the protocol must be tcp or udp, not sctp');
    expect(parseExpose('http')).toBe('--expose=http: a port is a whole number from 1 to 65535, not http');
    expect(parseExpose('80:')).toMatch(/^--expose=80:: /);
    expect(parseExpose('')).toMatch(/^--expose=: /);
    expect(parseExpose('1:2:3')).toMatch(/^--expose=1:2:3: /);
  });
});

describe('who is behind each port', () => {
  it('groups members by port and protocol, in port order, leaving out routers and jails without an address', () => {
    const ports = exposedPorts([
      j('lan-router', '10.0.0.1', [{ port: 80, jailPort: 80, proto: 'tcp' }], 'router'),
      j('web-2', '10.0.0.3', [{ port: 8080, jailPort: 80, proto: 'tcp' }]),
      j('web-1', '10.0.0.2', [
        { port: 8080, jailPort: 80, proto: 'tcp' },
        { port: 53, jailPort: 53, proto: 'udp' },
      ]),
      j('dhcp-1', null, [{ port: 8080, jailPort: 80, proto: 'tcp' }]),
      j('plain', '10.0.0.9', null),
    ]);
    expect(ports.map(exposedText)).toEqual(['53/udp -> web-1:53', '8080/tcp -> web-2:80, web-1:80']);
  });
});

describe('what is refused', () => {
  const lan = { name: 'lan', hasUplink: true, jails: [j('dns-1', '10.0.0.2', [{ port: 53, jailPort: 53, proto: 'udp' }])] };
  const other = [{ network: 'dmz', jails: [j('web-1', '10.1.0.2', [{ port: 8080, jailPort: 80, proto: 'tcp' }])] }];
  it('a port another network exposes on the same uplink', () => {
    expect(exposeProblem([{ port: 8080, jailPort: 80, proto: 'tcp' }], lan, other)).toBe(
      '--expose: port 8080/tcp is already exposed by network dmz (jail web-1) on the same uplink',
    );
    // The same number over the other protocol is another port.
    expect(exposeProblem([{ port: 8080, jailPort: 80, proto: 'udp' }], lan, other)).toBeUndefined();
  });
  it('a network without an uplink, saying why', () => {
    expect(exposeProblem([{ port: 80, jailPort: 80, proto: 'tcp' }], { name: 'lan', hasUplink: false }, [])).toMatch(
      /^--expose: network lan has no uplink, so there is no outside address to expose a port on/,
    );
  });
  it('a port given twice, and a UDP port to another jail port than the jails already behind it', () => {
    expect(
      exposeProblem(
        [
          { port: 80, jailPort: 80, proto: 'tcp' },
          { port: 80, jailPort: 81, proto: 'tcp' },
        ],
        lan,
        [],
      ),
    ).toBe('--expose: port 80/tcp is given twice');
    expect(exposeProblem([{ port: 53, jailPort: 5353, proto: 'udp' }], lan, [])).toMatch(/udp port 53 already goes to port 53 on jail dns-1/);
    expect(exposeProblem([{ port: 53, jailPort: 53, proto: 'udp' }], lan, [])).toBeUndefined();
    expect(exposeProblem([], { name: 'x', hasUplink: false }, [])).toBeUndefined();
  });
});

describe('the supervisor key', () => {
  it('expose may repeat; each is checked at its line', () => {
    const text = '[network:lan]\nsubnet = 10.0.0.0/24\n\n[jail:web]\nnetwork = lan\nexpose = 8080:80\nexpose = 53/udp\nexpose = 99999\nexpose = 8080\n';
    const { file, problems } = parseSupervisor('x.ini', text);
    expect(file.jails[0]!.expose).toEqual([
      { port: 8080, jailPort: 80, proto: 'tcp' },
      { port: 53, jailPort: 53, proto: 'udp' },
    ]);
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '8: expose = 99999: a port is a whole number from 1 to 65535, not 99999',
      '9: expose = 8080: port 8080/tcp is given twice',
    ]);
    // Other keys still may not repeat.
    expect(parseSupervisor('y.ini', '[jail:w]\nnetwork = a\nnetwork = b\n').problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/key "network" is repeated/),
    );
  });
});

describe('haproxy.cfg', () => {
  const ports = exposedPorts([
    j('web-1', '10.0.0.2', [{ port: 8080, jailPort: 80, proto: 'tcp' }]),
    j('web-2', '10.0.0.3', [
      { port: 8080, jailPort: 80, proto: 'tcp' },
      { port: 53, jailPort: 53, proto: 'udp' },
    ]),
  ]);
  it('listens on each TCP port, round-robin over its members, each checked (UDP is left to the firewall)', () => {
    const cfg = haproxyConf(ports);
    expect(cfg).toContain('  balance roundrobin\n');
    expect(cfg).toContain(`  default-server check inter ${HEALTH.interMs} fall ${HEALTH.fall} rise ${HEALTH.rise}\n`);
    expect(cfg).toContain('listen expose_8080\n  bind :8080\n  server web-1 10.0.0.2:80\n  server web-2 10.0.0.3:80\n');
    expect(cfg).not.toContain(':53');
    // Down within about a second, by construction: two failed checks half a second apart.
    expect(HEALTH.interMs * HEALTH.fall).toBeLessThanOrEqual(1000);
  });
  it('haproxy -c accepts it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-haproxy-'));
    try {
      writeFileSync(join(dir, 'haproxy.cfg'), haproxyConf(ports));
      expect(execFileSync('haproxy', ['-c', '-f', join(dir, 'haproxy.cfg')], { encoding: 'utf8' })).toContain('Configuration file is valid');
      writeFileSync(join(dir, 'bad.cfg'), `${haproxyConf(ports)}  server broken\n`);
      expect(() => execFileSync('haproxy', ['-c', '-f', join(dir, 'bad.cfg')], { stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
