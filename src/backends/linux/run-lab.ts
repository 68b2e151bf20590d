// The run's lab on Linux: made before the first step, with the simulated outside as its uplink; entered by steps,
// probed by assertions, and torn down at the end with the namespaces its steps made.
import type { RunLab } from '../../core/run-lab.js';
import type { VesselBackend } from '../../core/backend.js';
import type { LinuxContext } from './context.js';
import { networkLeases, dnsmasqPid, upstreamDnsmasqUp, upstreamLeases } from './dhcp.js';
import { isUplink } from '../../core/outside.js';

/** The DHCP server of the outside network, as probes name it (no jail can have this name). */
const UPSTREAM_SERVER = '_upstream';
import { JOIN_CGROUP, jailArgv, labHostArgv, stepsCgroup } from './enter.js';
import { wwwNetns } from './names.js';
import { trackNetns } from './netns-track.js';
import { LinuxProber, type LabFacts } from './probes.js';
import { upstreamPaths } from './upstream.js';
import { UPSTREAM } from '../../core/upstream.js';
import { linuxEntryOf } from './labels.js';

/** What probes need to know from the engine's state. */
export function facts(engine: VesselBackend & { ctx: LinuxContext }, lab: string): LabFacts {
  return {
    jailInfo(jail) {
      const j = engine.jails(lab).find((x) => x.name === jail);
      if (!j?.network) return undefined;
      // On the outside network, the upstream's dnsmasq is the DHCP server.
      if (isUplink(j.network)) return { network: j.network, mac: j.mac, router: UPSTREAM_SERVER };
      const router = engine.jails(lab).find((x) => x.network === j.network && x.role === 'router');
      return {
        network: j.network,
        mac: j.mac,
        ...(router ? { router: router.name } : {}),
        ...(j.addr6_mode === 'dhcp' ? { dhcp6: true, dhcp4: Boolean(j.dhcp) } : {}),
      };
    },
    dnsmasqRunning: async (router) =>
      router === UPSTREAM_SERVER ? upstreamDnsmasqUp(engine.ctx, lab) : (await dnsmasqPid(engine.ctx, lab, router)) !== undefined,
    leases: (router) => (router === UPSTREAM_SERVER ? upstreamLeases(engine.ctx, lab) : networkLeases(engine.ctx, lab, router)),
  };
}

/** Creates the lab for one recipe run; `tmp` is where runners keep their work directories. */
export async function openRunLab(engine: VesselBackend & { ctx: LinuxContext }, id: string, runId: string, runTmp: string, tmp: string): Promise<RunLab> {
  await engine.createLab(id, { kind: 'run', pid: process.pid, runId, simulatedUplink: true });
  const ctx = engine.ctx;
  // Every step process outside the jails lives in this cgroup of the lab, so the lab's end ends it,
  // whatever it did to leave its process group, its marker or the lab's namespaces.
  const steps = stepsCgroup(ctx.cgroupRoot, id);
  await ctx.host.mkdir(steps);
  const netns = await trackNetns(ctx.host, tmp, runTmp);
  return {
    id,
    env: { VESSEL_UPSTREAM_LOG: upstreamPaths(ctx.runDir, id).wwwLog },
    upstream: UPSTREAM.www,
    prober: new LinuxProber(ctx.host, { lab: id, runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot }, facts(engine, id)),
    enter(jail, wd) {
      if (jail === undefined || jail === 'host') return labHostArgv(id, [], steps);
      if (jail === 'upstream') return ['sh', '-c', JOIN_CGROUP, 'vessel-enter', steps, 'nsenter', `--net=/run/netns/${wwwNetns(id)}`, '--'];
      if (!engine.jails(id).some((j) => j.name === jail))
        return `jail=${jail}: no jail named ${jail} in this lab (create it with \`vessel run --name=${jail} ...\`)`;
      return jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: id, name: jail, wd }, []);
    },
    entryOf: linuxEntryOf,
    setCommandLog(path) {
      ctx.host.setCommandLog(path);
    },
    async teardown(keep) {
      ctx.host.setCommandLog(undefined);
      if (keep) {
        engine.keepLab(id);
        return [];
      }
      await engine.destroyLab(id);
      const ns = await netns.finish();
      const notices: string[] = [];
      if (ns.removed.length) notices.push(`removed network namespace(s) a step made with ip netns: ${ns.removed.join(', ')}`);
      if (ns.leftAlone.length)
        notices.push(
          `network namespace(s) ${ns.leftAlone.join(', ')} appeared while another run was going too, so they may be its own; left in place (remove with ip netns delete)`,
        );
      return notices;
    },
  };
}
