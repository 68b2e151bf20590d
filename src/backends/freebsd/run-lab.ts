// The run's lab on FreeBSD (the VM is the lab host; unverified here): the simulated outside as its uplink (unless
// $VESSEL_INET_NIC names a real NIC); steps run on the VM, `jail=` steps through jexec.
import type { LabOwner } from '../../core/labs.js';
import type { RunLab } from '../../core/run-lab.js';
import type { VesselBackend } from '../../core/backend.js';
import { FreebsdProber } from './probes.js';
import { jexecIn, tagOf } from './jails.js';
import { legNames, upstreamDir, WWW_JAIL } from './names.js';
import { UPSTREAM } from '../../core/upstream.js';
import { freebsdEntryOf } from './labels.js';

/** Creates the lab for one recipe run on FreeBSD (uplink: the simulated outside, or the NIC $VESSEL_INET_NIC). */
export async function openFreebsdRunLab(
  engine: VesselBackend & { createLab(id: string, owner: LabOwner & { inetNic?: string }): Promise<unknown> },
  id: string,
  runId: string,
): Promise<RunLab> {
  const nic = process.env.VESSEL_INET_NIC;
  await engine.createLab(id, { kind: 'run', pid: process.pid, runId, ...(nic ? { inetNic: nic } : { simulatedUplink: true }) });
  return {
    id,
    env: nic ? {} : { VESSEL_UPSTREAM_LOG: upstreamDir(id).log },
    ...(nic ? {} : { upstream: UPSTREAM.www }),
    prober: new FreebsdProber(
      engine.ctx.host,
      engine,
      id,
      (j) => legNames(tagOf(engine.ctx, id), j.seq).jail,
      (jail, argv) => jexecIn(engine.ctx, id, jail, argv),
    ),
    enter(jail, wd) {
      if (jail === undefined || jail === 'host') return [];
      if (jail === 'upstream')
        return nic
          ? `jail=upstream: this lab's outside is the real NIC ${nic} ($VESSEL_INET_NIC), not the simulated upstream`
          : engine.enterArgv(id, WWW_JAIL, wd);
      if (!engine.jails(id).some((j) => j.name === jail))
        return `jail=${jail}: no jail named ${jail} in this lab (create it with \`vessel run --name=${jail} ...\`)`;
      return engine.enterArgv(id, jail, wd);
    },
    entryOf: freebsdEntryOf,
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
