// Linux kernel object names (pure): netns names of labs, jails and the simulated outside, and the uplink's veths.

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

/** The argv that sets sysctls (`key=value`) inside a named network namespace. */
export function sysctlArgv(netns: string, settings: string[]): string[] {
  return ['nsenter', `--net=/run/netns/${netns}`, '--', 'sysctl', '-q', '-w', ...settings];
}
