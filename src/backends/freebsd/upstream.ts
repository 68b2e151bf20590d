// The simulated outside of a FreeBSD run's lab, as on Linux and in two vnet jails of its own: `_upstream` is the
// VirtualBox NAT gateway (10.0.2.2, DHCP and DNS on 10.0.2.3) and the router of the "internet" and of the ENI's VPC;
// `_www` is www.example. Nothing of it touches the VM's own NICs.
import { waitListening } from '../../core/listen.js';
import { failed, usage } from '../../util/errors.js';
import { UPSTREAM, UPSTREAM6, upstreamDnsmasqArgs } from '../../core/upstream.js';
import { holdersOf, record } from '../../state/ledger.js';
import { jailConf } from './conf.js';
import { jexec, makeEpair, makeRoot, nextName, tagOf, type FbContext } from './jails.js';
import { DEVFS_RULESETS, FB_ENI, fbJailName, fbJailPaths, UPSTREAM_JAIL, upstreamDir, upstreamIfNames, WWW_JAIL } from './names.js';

const PAGE = '<!doctype html><title>www.example</title><p>Hello from www.example, the simulated internet.</p>\n';

/** Builds the lab's uplink bridge, the two jails of its outside and the ENI, and starts dnsmasq and the web server. */
export async function createFbUpstream(ctx: FbContext, lab: string): Promise<void> {
  const { db, host } = ctx;
  // The ENI is a host interface with a host address: one lab at a time can have it.
  const other = holdersOf(db, 'ifnet', FB_ENI).find((l) => l !== lab);
  if (other)
    throw usage(
      `the simulated ENI ${FB_ENI} belongs to lab ${other}, still on this host: FreeBSD labs share one network stack, so run recipes one at a time (vessel cleanup removes a dead run's lab)`,
    );
  const n = upstreamIfNames(tagOf(ctx, lab));
  const files = upstreamDir(lab);
  const jails = [UPSTREAM_JAIL, WWW_JAIL].map((name) => ({ name, p: fbJailPaths(ctx.runDir, lab, name) }));
  record(db, lab, [
    { kind: 'dir', name: files.dir, owner: UPSTREAM_JAIL },
    ...jails.map((j) => ({ kind: 'dir' as const, name: j.p.dir, owner: UPSTREAM_JAIL })),
    { kind: 'ifnet', name: n.bridge, owner: 'uplink' },
    { kind: 'ifnet', name: n.gwHost, owner: UPSTREAM_JAIL },
    { kind: 'ifnet', name: n.inet, owner: UPSTREAM_JAIL },
    { kind: 'ifnet', name: FB_ENI, owner: UPSTREAM_JAIL },
    ...jails.map((j) => ({ kind: 'jail' as const, name: `${fbJailName(lab, j.name)}|${j.p.conf}`, owner: UPSTREAM_JAIL })),
  ]);
  const made = (await host.run(['ifconfig', 'bridge', 'create'], { simulated: `${nextName(ctx, 'bridge')}\n` })).stdout.trim();
  await host.run(['ifconfig', made, 'name', n.bridge]);
  await host.run(['ifconfig', n.bridge, 'up']);
  await makeEpair(ctx, { host: n.gwHost, jail: n.gw });
  await host.run(['ifconfig', n.bridge, 'addm', n.gwHost]);
  await host.run(['ifconfig', n.gwHost, 'up']);
  await makeEpair(ctx, { host: n.inet, jail: n.www });
  // The ENI: the host's end carries the lab host's address on the VPC subnet; the other end is the VPC router's.
  await makeEpair(ctx, { host: FB_ENI, jail: n.vpc });
  await host.run(['ifconfig', FB_ENI, 'inet', `${UPSTREAM.eniHost}/20`, 'up']);
  await host.run(['ifconfig', FB_ENI, 'inet6', 'no_dad']);
  await host.run(['ifconfig', FB_ENI, 'inet6', `${UPSTREAM6.eniHost}/64`]);
  await host.run(['mkdir', '-p', files.www]);
  await host.writeFile(`${files.www}/index.html`, PAGE);
  for (const { name, p } of jails) {
    await makeRoot(ctx, lab, name, `127.0.0.1\tlocalhost\n`, '');
    const vnetInterfaces = name === UPSTREAM_JAIL ? [n.gw, n.inet, n.vpc] : [n.www];
    const devfsRuleset = name === UPSTREAM_JAIL ? DEVFS_RULESETS.router : DEVFS_RULESETS.jail;
    await host.writeFile(
      p.conf,
      jailConf({ name: fbJailName(lab, name), hostname: name.slice(1), root: p.root, fstab: p.fstab, consoleLog: p.consoleLog, devfsRuleset, vnetInterfaces }),
    );
    await host.run(['jail', '-f', p.conf, '-c', fbJailName(lab, name)]);
  }
  const up = (argv: string[]) => host.run(jexec(lab, UPSTREAM_JAIL, argv));
  await up(['ifconfig', n.gw, 'inet', `${UPSTREAM.gateway}/24`, 'up']);
  await up(['ifconfig', n.gw, 'inet', `${UPSTREAM.dns}/32`, 'alias']);
  await up(['ifconfig', n.inet, 'inet', `${UPSTREAM.internetGateway}/24`, 'up']);
  await up(['ifconfig', n.vpc, 'inet', `${UPSTREAM.eniGateway}/20`, 'up']);
  // IPv6 (2001:db8::/32), as on Linux: the NAT network's /64 (advertised below), the internet's, and www.example's
  // address. The addresses are unique by plan, so none waits for duplicate address detection (no_dad).
  for (const i of [n.gw, n.inet, n.vpc]) await up(['ifconfig', i, 'inet6', 'no_dad']);
  await up(['ifconfig', n.gw, 'inet6', `${UPSTREAM6.gateway}/64`]);
  await up(['ifconfig', n.gw, 'inet6', `${UPSTREAM6.dns}/64`, 'alias']);
  await up(['ifconfig', n.inet, 'inet6', `${UPSTREAM6.internetGateway}/64`]);
  await up(['ifconfig', n.vpc, 'inet6', `${UPSTREAM6.eniGateway}/64`]);
  await up(['sysctl', 'net.inet.ip.forwarding=1', 'net.inet6.ip6.forwarding=1']);
  // dnsmasq forks into the background once its sockets are bound; its pid file says so.
  await up([
    '/usr/local/sbin/dnsmasq',
    '--conf-file=/dev/null',
    `--interface=${n.gw}`,
    ...upstreamDnsmasqArgs({ leaseFile: '/var/db/dnsmasq.leases', pidFile: '/var/run/dnsmasq.pid', ipv6: true }),
  ]);
  await host.run(jexec(lab, WWW_JAIL, ['ifconfig', n.www, 'inet', `${UPSTREAM.www}/24`, 'up']));
  await host.run(jexec(lab, WWW_JAIL, ['route', 'add', 'default', UPSTREAM.internetGateway]));
  await host.run(jexec(lab, WWW_JAIL, ['ifconfig', n.www, 'inet6', 'no_dad']));
  await host.run(jexec(lab, WWW_JAIL, ['ifconfig', n.www, 'inet6', `${UPSTREAM6.www}/64`]));
  await host.run(jexec(lab, WWW_JAIL, ['route', '-6', 'add', 'default', UPSTREAM6.internetGateway]));
  // www.example's server: Python's http.server where the host has python3 (the Vagrant box installs it), else
  // lighttpd (the VM built here from source has no Python; harness/freebsd-vm cross-compiles lighttpd for it).
  const python = (await host.run(jexec(lab, WWW_JAIL, ['test', '-x', '/usr/local/bin/python3']), { allowFail: true })).code === 0;
  // One http.server per address (each binds one; FreeBSD's IPv6 sockets are IPv6 only, net.inet6.ip6.v6only=1), or
  // one lighttpd on both.
  const python3 = (addr: string) => [
    `/usr/bin/env`,
    'PYTHONUNBUFFERED=1',
    '/usr/local/bin/python3',
    '-m',
    'http.server',
    '80',
    '--bind',
    addr,
    '--directory',
    files.www,
  ];
  const servers = python
    ? [
        { pid: '/var/run/www.pid', argv: python3(UPSTREAM.www) },
        { pid: '/var/run/www6.pid', argv: python3(UPSTREAM6.www) },
      ]
    : [{ pid: '/var/run/www.pid', argv: ['/usr/local/sbin/lighttpd', '-D', '-f', `${files.dir}/lighttpd.conf`] }];
  if (!python) await host.writeFile(`${files.dir}/lighttpd.conf`, wwwLighttpdConf(files.www, UPSTREAM.www, files.log, UPSTREAM6.www));
  for (const s of servers) await host.run(jexec(lab, WWW_JAIL, ['daemon', '-f', '-o', files.log, '-p', s.pid, ...s.argv]));
  if (!(await host.exists(`${jails[0]!.p.root}/var/run/dnsmasq.pid`))) throw failed(`the upstream's dnsmasq did not start (see ${jails[0]!.p.consoleLog})`);
  for (const addr of [UPSTREAM.www, UPSTREAM6.www])
    if (!(await waitListening(host, jexec(lab, WWW_JAIL, ['nc', '-z', '-w', '1', addr, '80']), undefined, 5000)))
      throw failed(`the www.example listener on ${addr} did not start (see ${files.log})`);
}

/**
 * lighttpd's configuration for www.example: static files from `root` on `addr`:80 (and `[addr6]:80`), each request logged to `log` as
 * Python's http.server logs it (client address first, then `"GET / HTTP/1.1"`), which the recipes read.
 */
export function wwwLighttpdConf(root: string, addr: string, log: string, addr6?: string): string {
  return [
    'server.modules = ( "mod_accesslog" )',
    // A piped logger gets each line at once; a file is written in 8 KiB batches or once a second (mod_accesslog.c).
    `accesslog.filename = "|exec /bin/cat >>${log}"`,
    'accesslog.format = "%h - - %t \\"%r\\" %>s %b"',
    `server.document-root = "${root}"`,
    `server.bind = "${addr}"`,
    'server.port = 80',
    // A second listening socket, on the IPv6 address.
    ...(addr6 ? [`$SERVER["socket"] == "[${addr6}]:80" { }`] : []),
    'index-file.names = ( "index.html" )',
    'mimetype.assign = ( ".html" => "text/html", ".txt" => "text/plain" )',
    '',
  ].join('\n');
}
