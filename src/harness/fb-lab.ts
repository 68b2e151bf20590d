// The run's lab on FreeBSD (the VM is the lab host; unverified here): steps run on the VM, `jail=` steps through jexec.
import { evaluate } from '../assert/evaluate.js';
import { FreebsdProber } from '../assert/fb-probes.js';
import { ExecaRunner } from '../exec/runner.js';
import type { FreebsdEngine } from '../freebsd/engine.js';
import { jailStateOf, view, type RunLab } from './lab.js';
import { topologyOf } from '../report/topology.js';

/** Creates the lab for one recipe run on FreeBSD (uplink: $VESSEL_INET_NIC, else em0). */
export async function openFreebsdRunLab(engine: FreebsdEngine, id: string, runId: string): Promise<RunLab> {
  await engine.createLab(id, { kind: 'run', pid: process.pid, runId, ...(process.env.VESSEL_INET_NIC ? { inetNic: process.env.VESSEL_INET_NIC } : {}) });
  const prober = new FreebsdProber(new ExecaRunner(), engine, id);
  return {
    id,
    env: {},
    enter(jail, wd) {
      if (jail === undefined || jail === 'host') return [];
      if (jail === 'upstream') return 'jail=upstream: the freebsd lab has no simulated upstream (the VM\'s NAT network is the real outside)';
      if (!engine.jails(id).some((j) => j.name === jail)) return `jail=${jail}: no jail named ${jail} in this lab (create it with \`vessel run --name=${jail} ...\`)`;
      return engine.enterArgv(id, jail, wd);
    },
    async assertAll(assertions) {
      const v = view(engine, id);
      return Promise.all(assertions.map((a) => evaluate(a, v, prober)));
    },
    setCommandLog() {},
    jailState: (jail) => jailStateOf(engine, id, jail),
    topology: () => topologyOf(engine, id, 'freebsd'),
    async teardown(keep) {
      if (keep) engine.keepLab(id);
      else await engine.destroyLab(id);
    },
  };
}
