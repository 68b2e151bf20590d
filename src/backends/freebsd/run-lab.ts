// The run's lab on FreeBSD (the VM is the lab host; unverified here): steps run on the VM, `jail=` steps through jexec.
import type { LabOwner } from '../../core/labs.js';
import type { RunLab } from '../../core/run-lab.js';
import type { VesselBackend } from '../../core/backend.js';
import { FreebsdProber } from './probes.js';
import { jexecIn, tagOf } from './jails.js';
import { legNames } from './names.js';

/** Creates the lab for one recipe run on FreeBSD (uplink: $VESSEL_INET_NIC, else em0). */
export async function openFreebsdRunLab(
  engine: VesselBackend & { createLab(id: string, owner: LabOwner & { inetNic?: string }): Promise<unknown> },
  id: string,
  runId: string,
): Promise<RunLab> {
  await engine.createLab(id, { kind: 'run', pid: process.pid, runId, ...(process.env.VESSEL_INET_NIC ? { inetNic: process.env.VESSEL_INET_NIC } : {}) });
  return {
    id,
    env: {},
    prober: new FreebsdProber(
      engine.ctx.host,
      engine,
      id,
      (j) => legNames(tagOf(engine.ctx, id), j.seq).jail,
      (jail, argv) => jexecIn(engine.ctx, id, jail, argv),
    ),
    enter(jail, wd) {
      if (jail === undefined || jail === 'host') return [];
      if (jail === 'upstream') return "jail=upstream: the freebsd lab has no simulated upstream (the VM's NAT network is the real outside)";
      if (!engine.jails(id).some((j) => j.name === jail))
        return `jail=${jail}: no jail named ${jail} in this lab (create it with \`vessel run --name=${jail} ...\`)`;
      return engine.enterArgv(id, jail, wd);
    },
    setCommandLog(path) {
      engine.ctx.host.setCommandLog(path);
    },
    async teardown(keep) {
      engine.ctx.host.setCommandLog(undefined);
      if (keep) engine.keepLab(id);
      else await engine.destroyLab(id);
      return [];
    },
  };
}
