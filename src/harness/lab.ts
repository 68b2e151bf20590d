// The run's lab: created before the first step, entered by steps, asserted on, and torn down at the end.
import { Engine } from '../engine/engine.js';
import { labHostArgv, jailArgv } from '../engine/enter.js';
import { ExecaRunner } from '../exec/runner.js';
import { evaluate, type AssertionOutcome, type LabView } from '../assert/evaluate.js';
import { LinuxProber } from '../assert/probes.js';
import type { Assertion } from '../assert/model.js';

/** What a recipe run needs from its lab. */
export interface RunLab {
  id: string;
  enter(jail: string | undefined, wd: string): string[] | string;
  assertAll(assertions: Assertion[]): Promise<AssertionOutcome[]>;
  setCommandLog(path: string | undefined): void;
  /** Removes the lab, or marks it kept. */
  teardown(keep: boolean): Promise<void>;
}

/** The lab's current jails and networks, as the evaluator sees them. */
function view(engine: Engine, lab: string): LabView {
  return {
    jails: engine.jails(lab).map((j) => ({ name: j.name, addr: j.addr, network: j.network, router: j.name.endsWith('-router') })),
    networks: engine.networks(lab).map((n) => ({ name: n.name, subnet: n.subnet, hostAddr: n.host_addr })),
  };
}

/** Creates the lab for one recipe run. */
export async function openRunLab(engine: Engine, id: string, runId: string): Promise<RunLab> {
  await engine.createLab(id, { kind: 'run', pid: process.pid, runId });
  const ctx = engine.ctx;
  const prober = new LinuxProber(ctx.cmd, { lab: id, runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot });
  return {
    id,
    enter(jail, wd) {
      if (jail === undefined || jail === 'host') return labHostArgv(id, []);
      if (jail === 'upstream') return 'jail=upstream needs the simulated outside (router and uplink), which this version does not have yet';
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
    async teardown(keep) {
      if (ctx.cmd instanceof ExecaRunner) ctx.cmd.setLogFile(undefined);
      if (keep) engine.keepLab(id);
      else await engine.destroyLab(id);
    },
  };
}
