// A Linux router's exposed ports: its firewall lets them in from the uplink, and haproxy in the router's namespace
// spreads TCP connections round-robin over the jails behind each port, with health checks; UDP goes by DNAT.
import { waitListening } from '../../core/listen.js';
import { bashConnect } from './listen.js';
import { exposedPorts } from '../../core/expose.js';
import { haproxyConf } from '../../core/haproxy.js';
import { getLab } from '../../state/labs.js';
import { recordProcess, routerOf } from '../../state/jails.js';
import { getNetwork, networkMembers } from '../../state/networks.js';
import { failed } from '../../util/errors.js';
import { sleep } from '../../util/sleep.js';
import type { LinuxContext } from './context.js';
import { routerNftRules } from './confgen.js';
import { routerPaths } from './dhcp.js';
import { jailArgv } from './enter.js';
import { cgroupDir } from './facts.js';
import { alive, killPids, processTree } from './kill.js';
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
  await ctx.host.writeFile(
    p.nft,
    routerNftRules({ subnet: net.subnet, nat: Boolean(net.nat), uplink, exposed: ports, ssh: Boolean(r.ssh), subnet6: net.subnet6 ?? null }),
  );
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
  const start = (await ctx.host.process(pid))?.start ?? null;
  recordProcess(ctx.db, lab, r.name, pid, start, 'service');
  // The pid is the entry's (enter.sh), haproxy's ancestor; its start time tells it from a later process with its pid.
  await ctx.host.writeFile(p.haproxyPid, `${pid} ${start ?? ''}\n`);
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

/**
 * Stops the router's haproxy, if one runs: the entry vessel started it through (its PID and start time are in the
 * file vessel wrote) and everything under it, haproxy included, so no old proxy keeps listening.
 */
async function stopProxy(ctx: LinuxContext, pidFile: string): Promise<void> {
  const [pidText, startText] = ((await ctx.host.readFile(pidFile)) ?? '').trim().split(' ');
  const pid = Number(pidText);
  const p = pid ? await ctx.host.process(pid) : undefined;
  if (p && !p.zombie && (startText === undefined || startText === '' || String(p.start) === startText)) {
    // haproxy (the end of the chain enter.sh, nsenter, haproxy) gets SIGTERM, so nsenter reaps it and the entry ends as usual; what is left after
    // 3 s is killed.
    const tree = await processTree(ctx.host, pid);
    const leaf = tree[tree.length - 1]!;
    if (leaf !== pid) await ctx.host.signal(leaf, 'SIGTERM');
    const end = Date.now() + 3000;
    while ((await alive(ctx.host, pid)) && Date.now() < end) await sleep(20);
    if (await alive(ctx.host, pid)) await killPids(ctx.host, (await processTree(ctx.host, pid)).reverse());
  }
  await ctx.host.remove(pidFile);
}
