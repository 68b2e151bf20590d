// @ts-nocheck
// Kernel object names (pure): netns names, bridge and veth names that fit 15 characters.
import { createHash } from 'node:crypto';

/** Linux's interface name limit. */
export const IFNAMSIZ_MAX = 15;

const hash = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

/** Why a lab id is unusable, or undefined. Lab ids end up in netns and cgroup names. */
export function labIdProblem(id: string): string | undefined {
  return /^[a-z0-9]{1,12}$/.test(id) ? undefined : `lab id "${id}" must be 1-12 lowercase letters or digits`;
}

/** The lab host's netns name. */
export function hostNetns(lab: string): string {
  return `vc-${lab}-host`;
}

/** A jail's netns name. */
export function jailNetns(lab: string, jail: string): string {
  return `vc-${lab}-${jail}`;
}

/** True when a netns name belongs to some lab, and which. */
export function labOfNetns(name: string): string | undefined {
  return /^vc-([a-z0-9]{1,12})[-_]/.exec(name)?.[1];
}

/** The simulated outside's namespaces: the VirtualBox-style NAT network, and the "internet" host. */
export function upstreamNetns(lab: string): string {
  return `vc-${lab}_up`;
}
/** The www.example host's namespace (what `upstream` and `jail=upstream` mean). */
export function wwwNetns(lab: string): string {
  return `vc-${lab}_www`;
}

/** The uplink bridge in the lab host; routers' outside legs and the upstream hang on it. */
export const UPLINK_BRIDGE = 'uplink0';

/** The host side of a router's outside leg. */
export function routerUplinkVeth(seq: number): string {
  return `vr${seq}`;
}

/** The bridge of a network, inside the lab host: `br-NAME`, or a hashed form when that is too long. */
export function bridgeName(network: string): string {
  const plain = `br-${network}`;
  return plain.length <= IFNAMSIZ_MAX ? plain : `br-${network.slice(0, 7)}-${hash(network, 4)}`;
}

/** The host side of a jail's veth, inside the lab host: `vh<seq>`. */
export function hostVethName(seq: number): string {
  return `vh${seq}`;
}

/** The fixed MAC of a slot's address: 52:00 followed by the address's four bytes (192.168.1.7 → 52:00:c0:a8:01:07). */
export function slotMac(ip: string): string {
  return ['52', '00', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
}

/** A locally administered unicast MAC derived from a seed (stable for a jail's UUID). */
export function macFromSeed(seed: string, side: 'host' | 'jail' | 'uplink' | 'uplink-host'): string {
  const h = createHash('sha256').update(`${side}:${seed}`).digest();
  const bytes = [0x02, h[0]!, h[1]!, h[2]!, h[3]!, h[4]!];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
