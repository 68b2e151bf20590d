// What the runner reads from any backend's lab: the evaluator's view, a jail's state, the topology for reports.
import type { LabView } from '../assert/evaluate.js';
import type { VesselBackend } from '../core/backend.js';
import { topologyOf, type Topology } from '../report/topology.js';
import { planSubnet6 } from '../core/ipam6.js';
import { UPSTREAM6 } from '../core/upstream.js';

/** The lab's current jails and networks, as the evaluator sees them (`upstream`: the simulated outside host's address). */
export function view(engine: VesselBackend, lab: string, upstream?: string): LabView {
  const networks = engine.networks(lab).map((n) => {
    const p6 = n.subnet6 ? planSubnet6(n.subnet6) : undefined;
    return { name: n.name, subnet: n.subnet, hostAddr: n.host_addr, subnet6: n.subnet6 ?? null, hostAddr6: typeof p6 === 'object' ? p6.host : null };
  });
  return {
    jails: engine.jails(lab).map((j) => ({ name: j.name, addr: j.addr, network: j.network, router: j.role === 'router', addr6: j.addr6 ?? null })),
    networks,
    ...(upstream ? { upstream } : {}),
    // www.example's IPv6 address answers once a network of the lab has IPv6 (the backend starts its listener then).
    ...(upstream && networks.some((n) => n.subnet6) ? { upstream6: UPSTREAM6.www } : {}),
  };
}

/** A jail's state and when it was last stopped, or undefined when it is gone. */
export function jailStateOf(engine: VesselBackend, lab: string, jail: string): { state: string; stoppedAt?: number } | undefined {
  const j = engine.jails(lab).find((x) => x.name === jail);
  return j ? { state: j.state, ...(j.stopped_at ? { stoppedAt: Date.parse(j.stopped_at) } : {}) } : undefined;
}

/** The lab's networks and jails now, for reports. */
export function labTopology(engine: VesselBackend, lab: string): Topology {
  return topologyOf(engine, lab, engine.backend);
}
