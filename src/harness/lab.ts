// The run's lab: created before the first step, entered by steps, asserted on, and torn down at the end.
import { Engine } from '../engine/engine.js';
import { mkdirSync } from 'node:fs';
import { labHostArgv, jailArgv, stepsCgroup } from '../engine/enter.js';
import { ExecaRunner } from '../exec/runner.js';
import { evaluate, type AssertionOutcome, type LabView } from '../assert/evaluate.js';
import { LinuxProber, type LabFacts } from '../assert/probes.js';
import { UPSTREAM } from '../engine/confgen.js';
import { dnsmasqPid, networkLeases } from '../engine/dhcp.js';
import { wwwNetns } from '../engine/ifnames.js';
import { upstreamPaths } from '../engine/upstream.js';
import type { Assertion } from '../assert/model.js';
import type { VesselBackend } from '../engine/api.js';
import { topologyOf, type Topology } from '../report/topology.js';

/** What a recipe run needs from its lab. */
export interface RunLab {
  id: string;
  /** Extra environment for steps (e.g. where the simulated internet logs requests). */
  env: Record<string, string>;
  enter(jail: string | undefined, wd: string): string[] | string;
  assertAll(assertions: Assertion[]): Promise<AssertionOutcome[]>;
  setCommandLog(path: string | undefined): void;
  /** A jail's state now (`running`, `stopped`...) and when it was last stopped, or undefined when it is gone. */
  jailState(jail: string): { state: string; stoppedAt?: number } | undefined;
  /** Removes the lab, or marks it kept. */
  teardown(keep: boolean): Promise<void>;
  /** The lab's networks and jails right now. */
  topology(): Topology;
}

/** The lab's current jails and networks, as the evaluator sees them (any backend). */
export function view(engine: VesselBackend, lab: string): LabView {
  return {
    jails: engine.jails(lab).map((j) => ({ name: j.name, addr: j.addr, network: j.network, router: j.role === 'router' })),
    networks: engine.networks(lab).map((n) => ({ name: n.name, subnet: n.subnet, hostAddr: n.host_addr })),
    ...(engine.getLab(lab)?.uplink === 'simulated' ? { upstream: UPSTREAM.www } : {}),
  };
}

/** A jail's state and when it was last stopped, or undefined when it is gone (any backend). */
export function jailStateOf(engine: VesselBackend, lab: string, jail: string): { state: string; stoppedAt?: number } | undefined {
  const j = engine.jails(lab).find((x) => x.name === jail);
  return j ? { state: j.state, ...(j.stopped_at ? { stoppedAt: Date.parse(j.stopped_at) } : {}) } : undefined;
}

/** What probes need to know from the engine's state. */
export function facts(engine: Engine, lab: string): LabFacts {
  return {
    jailInfo(jail) {
      const j = engine.jails(lab).find((x) => x.name === jail);
      if (!j?.network) return undefined;
      const router = engine.jails(lab).find((x) => x.network === j.network && x.role === 'router');
      return { network: j.network, mac: j.mac, ...(router ? { router: router.name } : {}) };
    },
    dnsmasqRunning: (router) => dnsmasqPid(engine.ctx, lab, router) !== undefined,
    leases: (router) => networkLeases(engine.ctx, lab, router),
  };
}

/** Creates the lab for one recipe run. */
export async function openRunLab(engine: Engine, id: string, runId: string): Promise<RunLab> {
  await engine.createLab(id, { kind: 'run', pid: process.pid, runId, simulatedUplink: true });
  const ctx = engine.ctx;
  // Every step process outside the jails lives in this cgroup of the lab, so the lab's end ends it,
  // whatever it did to leave its process group, its marker or the lab's namespaces.
  const steps = stepsCgroup(ctx.cgroupRoot, id);
  mkdirSync(steps, { recursive: true });
  const prober = new LinuxProber(ctx.cmd, { lab: id, runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot }, facts(engine, id));
  return {
    id,
    env: { VESSEL_UPSTREAM_LOG: upstreamPaths(ctx.runDir, id).wwwLog },
    enter(jail, wd) {
      if (jail === undefined || jail === 'host') return labHostArgv(id, [], steps);
      if (jail === 'upstream') return ['sh', '-c', 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"', 'vessel-enter', steps, 'nsenter', `--net=/run/netns/${wwwNetns(id)}`, '--'];
      if (!engine.jails(id).some((j) => j.name === jail)) return `jail=${jail}: no jail named ${jail} in this lab (create it with \`vessel run --name=${jail} ...\`)`;
      return jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: id, name: jail, wd }, []);
    },
    async assertAll(assertions) {
      const v = view(engine, id);
      return Promise.all(assertions.map((a) => evaluate(a, v, prober)));
    },
    setCommandLog(path) {
      if (ctx.cmd instanceof ExecaRunner) ctx.cmd.setLogFile(path);
    },
    jailState: (jail) => jailStateOf(engine, id, jail),
    topology: () => topologyOf(engine, id, 'linux'),
    async teardown(keep) {
      if (ctx.cmd instanceof ExecaRunner) ctx.cmd.setLogFile(undefined);
      if (keep) engine.keepLab(id);
      else await engine.destroyLab(id);
    },
  };
}
