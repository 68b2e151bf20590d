// The lab's outside as a network jails can join (pure admission and the row): `vessel run --name=X --addr=dhcp`
// without --network puts a jail straight on the uplink, where the simulated upstream's DHCP gives it an address.
import { getLab } from '../state/labs.js';
import { getNetwork, insertNetwork } from '../state/networks.js';
import { usage } from '../util/errors.js';
import type { EngineContext, NetworkRow } from './model.js';
import { UPSTREAM } from './upstream.js';

/** The name of the lab's outside network (reserved: no network may be created with it). */
export const UPLINK_NETWORK = 'uplink';

/** True for the lab's outside network. */
export const isUplink = (net: Pick<NetworkRow, 'name'> | string | null | undefined) => (typeof net === 'string' ? net : net?.name) === UPLINK_NETWORK;

/** The lab's outside network, recorded on first use; `bridge` is the backend's uplink bridge. Only a simulated outside. */
export function uplinkNetwork(ctx: EngineContext, lab: string, bridge: string): NetworkRow {
  const l = getLab(ctx.db, lab);
  if (!l) throw usage(`no lab named ${lab}`);
  if (l.uplink !== 'simulated')
    throw usage(
      `lab ${lab} has no simulated outside for a jail to join (only a run's lab has one; a jail is never put on the machine's own network): give --network=NAME`,
    );
  const have = getNetwork(ctx.db, lab, UPLINK_NETWORK);
  if (have) return have;
  // The lab host has no address on its uplink: the network's host address is left empty.
  insertNetwork(ctx.db, {
    lab,
    name: UPLINK_NETWORK,
    subnet: UPSTREAM.subnet,
    bridge,
    host_addr: '',
    domain: null,
    dhcp_first: UPSTREAM.dhcpFirst,
    dhcp_last: UPSTREAM.dhcpLast,
    nat: 0,
    vlan: null,
    trunk: null,
    vlan_mode: null,
  });
  return getNetwork(ctx.db, lab, UPLINK_NETWORK)!;
}

/** Why jails cannot join the outside network as asked, or undefined (addresses come from the upstream's DHCP only). */
export function outsideJailProblem(spec: { addr?: string; slot?: number; expose?: unknown[] }): string | undefined {
  if ((spec.addr ?? 'auto') !== 'dhcp')
    return `the lab's outside network gives addresses by the upstream's DHCP only: use --addr=dhcp (not --addr=${spec.addr ?? 'auto'})`;
  if (spec.slot !== undefined) return "--slot needs a network of the lab's own; the outside's DHCP is the upstream's";
  if (spec.expose?.length) return "--expose goes through a network's router; a jail on the outside network has none (it is reachable as it is)";
  return undefined;
}
