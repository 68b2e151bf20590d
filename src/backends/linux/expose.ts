// A Linux router's exposed ports: its firewall lets them in from the uplink, and haproxy in the router's namespace
// spreads TCP connections round-robin over the jails behind each port, with health checks; UDP goes by DNAT.
import { bashConnect, waitListening } from '../../core/listen.js';
import { exposedPorts } from '../../core/expose.js';
import { haproxyConf } from '../../core/haproxy.js';
import { getLab } from '../../state/labs.js';
import { recordProcess, routerOf } from '../../state/jails.js';
import { getNetwork, networkMembers } from '../../state/networks.js';
import { failed } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { routerNftRules } from './confgen.js';
import { routerPaths } from './dhcp.js';
import { jailArgv } from './enter.js';
import { cgroupDir } from './facts.js';
import { alive, killPids } from './kill.js';
import { jailNetns } from './names.js';
import { cleanEnv } from './services.js';

const queues = new Map<string, Promise<void>>();

/** Brings a network's router to what its jails expose: firewall rules, and haproxy restarted on its new config. */
export function refreshExposed(ctx: LinuxContext, lab: string, network: string): Promise<void> {
  // One refresh of a router at a time in this process (supervise runs jails side by side): each sees the state after the last.
  const key = `${lab}/${network}`;
  const next = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => refreshNow(ctx, lab, network));
  queues.set(key, next);
  return next;
}

async function refreshNow(ctx: LinuxContext, lab: string, network: string): Promise<void> {
  const r = routerOf(ctx.db, lab, network);
  const net = getNetwork(ctx.db, lab, network);
  if (!r || !net) return;
  const uplink = getLab(ctx.db, lab)?.uplink != null;
  const ports = exposedPorts(networkMembers(ctx.db, lab, network));
  const p = routerPaths(ctx.runDir, lab, r.name);
  const ns = `--net=/run/netns/${jailNetns(lab, r.name)}`;
  await ctx.host.writeFile(p.nft, routerNftRules({ subnet: net.subnet, nat: Boolean(net.nat), uplink, exposed: ports, ssh: Boolean(r.ssh) }));
  await ctx.host.run(['nsenter', ns, '--', 'nft', '-f', p.nft]);
  await stopProxy(ctx, p.haproxyPid);
  const tcp = ports.filter((x) => x.proto === 'tcp' && x.members.length);
  if (!uplink || tcp.length === 0) return;
  await ctx.host.writeFile(p.haproxyCfg, haproxyConf(tcp));
  const pid = await ctx.host.start(
    jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab, name: r.name, wd: '/' }, ['haproxy', '-db', '-f', p.haproxyCfg]),
    {
      name: 'haproxy',
      cgroup: cgroupDir(ctx.cgroupRoot, lab, r.name),
      log: p.haproxyLog,
      env: cleanEnv(),
    },
  );
  recordProcess(ctx.db, lab, r.name, pid, (await ctx.host.process(pid))?.start ?? null, 'service');
  await ctx.host.writeFile(p.haproxyPid, `${pid}\n`);
  // Listening on every exposed port before the command returns (a bash /dev/tcp connect, inside the router).
  for (const x of tcp) {
    const up = await waitListening(
      ctx.host,
      bashConnect(`/run/netns/${jailNetns(lab, r.name)}`, '127.0.0.1', x.port),
      async () => !(await alive(ctx.host, pid)),
    );
    if (!up) throw failed(`haproxy in ${r.name} does not listen on port ${x.port} (see ${p.haproxyLog})`);
  }
}

/** Stops the router's haproxy, if one runs (its PID is in the file vessel wrote). */
async function stopProxy(ctx: LinuxContext, pidFile: string): Promise<void> {
  const pid = Number((await ctx.host.readFile(pidFile))?.trim());
  if (pid && (await alive(ctx.host, pid))) {
    const p = await ctx.host.process(pid);
    if (p?.name === 'haproxy') await killPids(ctx.host, [pid]);
  }
  await ctx.host.remove(pidFile);
}
