// A FreeBSD router's exposed ports (plans; unverified here): the router jail's pf lets them in (TCP) or redirects
// them round-robin (UDP, `rdr ... round-robin`), and haproxy in the router jail spreads TCP with health checks.
import { waitListening } from '../../core/listen.js';
import { exposedPorts } from '../../core/expose.js';
import { haproxyConf } from '../../core/haproxy.js';
import { routerOf } from '../../state/jails.js';
import { getLab } from '../../state/labs.js';
import { getNetwork, networkMembers } from '../../state/networks.js';
import { failed } from '../../util/errors.js';
import { routerPfConf } from './conf.js';
import { jexec, tagOf, type FbContext } from './jails.js';
import { fbJailPaths, legNames, uplinkLegNames } from './names.js';

/** Inside the router jail: haproxy's config, the PID daemon(8) writes for it, and its log. */
export const FB_HAPROXY = { conf: '/etc/haproxy.conf', pid: '/var/run/vessel-haproxy.pid', log: '/var/log/haproxy.log' } as const;

/** Brings a network's router to what its jails expose: pf reloaded, haproxy restarted on its new config. */
export async function refreshFbExposed(ctx: FbContext, lab: string, network: string): Promise<void> {
  const r = routerOf(ctx.db, lab, network);
  const net = getNetwork(ctx.db, lab, network);
  if (!r || !net || getLab(ctx.db, lab)?.uplink == null) return;
  const ports = exposedPorts(networkMembers(ctx.db, lab, network));
  const tag = tagOf(ctx, lab);
  const root = fbJailPaths(ctx.runDir, lab, r.name).root;
  const extIf = uplinkLegNames(tag, r.seq).jail;
  await ctx.host.writeFile(
    `${root}/etc/pf.conf`,
    routerPfConf({
      extIf,
      intIf: legNames(tag, r.seq).jail,
      subnet: net.subnet,
      nat: Boolean(net.nat),
      exposed: ports,
      ssh: Boolean(r.ssh),
      subnet6: net.subnet6 ?? null,
    }),
  );
  await ctx.host.run(jexec(lab, r.name, ['pfctl', '-f', '/etc/pf.conf']));
  // The proxy of the last refresh goes (pkill -F: the PID in daemon's file); a fixed script, the path an argument.
  await ctx.host.run(jexec(lab, r.name, ['/bin/sh', '-c', 'if [ -f "$1" ]; then pkill -F "$1"; rm -f "$1"; fi', 'vessel-proxy', FB_HAPROXY.pid]), {
    allowFail: true,
  });
  const tcp = ports.filter((x) => x.proto === 'tcp' && x.members.length);
  if (tcp.length === 0) return;
  await ctx.host.writeFile(`${root}${FB_HAPROXY.conf}`, haproxyConf(tcp));
  await ctx.host.run(jexec(lab, r.name, ['daemon', '-f', '-p', FB_HAPROXY.pid, '-o', FB_HAPROXY.log, '/usr/local/sbin/haproxy', '-db', '-f', FB_HAPROXY.conf]));
  for (const x of tcp)
    if (!(await waitListening(ctx.host, jexec(lab, r.name, ['nc', '-z', '-w', '1', '127.0.0.1', String(x.port)]))))
      throw failed(`haproxy in ${r.name} does not listen on port ${x.port} (see ${root}${FB_HAPROXY.log})`);
}
