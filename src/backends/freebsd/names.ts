// FreeBSD backend names and paths (pure): jail names, epair/bridge names of at most 15 characters, devfs rulesets, pf anchors.
import { join } from 'node:path';
import { failed } from '../../util/errors.js';
import { IFNAMSIZ_MAX, shortHash } from '../../core/names.js';

/** Where FreeBSD keeps the engine's per-lab files (FreeBSD has /var/run, no /run). */
export const FREEBSD_RUN_DIR = '/var/run/vessel';

/** devfs rulesets the backend defines: a plain jail, a DHCP jail (bpf unhidden), a router (bpf and pf unhidden). */
export const DEVFS_RULESETS = { jail: 4071, dhcp: 4072, router: 4073 } as const;

/** The system-wide jail(8) name of a lab's jail: no dots (jail(8) uses dots for hierarchy). */
export function fbJailName(lab: string, jail: string): string {
  const n = `vc-${lab}-${jail}`;
  if (n.includes('.')) throw failed(`jail name ${n} contains a dot`);
  return n;
}

/** An interface name, checked against IFNAMSIZ. */
function ifname(n: string): string {
  if (n.length > IFNAMSIZ_MAX) throw failed(`interface name ${n} is longer than ${IFNAMSIZ_MAX} characters`);
  return n;
}

// FreeBSD labs share one host network stack: every name below carries the lab's host-wide tag (labs.tag), so two
// labs, even from the same recipe, never make interfaces of the same name (the shared uplink bridge aside).

/** The epair ends of a jail's network leg: host side on the bridge, jail side moved in by vnet.interface. */
export function legNames(tag: number, seq: number): { host: string; jail: string } {
  return { host: ifname(`v${tag}h${seq}`), jail: ifname(`v${tag}j${seq}`) };
}

/** The epair ends of a router's outside leg: host side on the uplink bridge, jail side (the router's $ext_if). */
export function uplinkLegNames(tag: number, seq: number): { host: string; jail: string } {
  return { host: ifname(`v${tag}o${seq}`), jail: ifname(`v${tag}u${seq}`) };
}

/** The uplink bridge of a NIC: one per NIC on the host, shared by every lab that uses it (a NIC joins one bridge only). */
export function uplinkBridge(nic: string): string {
  return ifname(`up-${nic}`);
}

/** A network's bridge: `b<tag>-NAME`, or a hashed form when that is too long. */
export function fbBridgeName(tag: number, network: string): string {
  const plain = `b${tag}-${network}`;
  if (plain.length <= IFNAMSIZ_MAX) return plain;
  const head = `b${tag}-`;
  return ifname(`${head}${network.slice(0, IFNAMSIZ_MAX - head.length - 5)}-${shortHash(network, 4)}`);
}

/** The epair ends of a VLAN trunk: the tagged side carries vlan(4) interfaces; the far side is where a real trunk would plug in. */
export function trunkNames(tag: number, trunk: string): { tagged: string; far: string } {
  const head = `t${tag}-${trunk.slice(0, IFNAMSIZ_MAX - String(tag).length - 3)}`;
  return { tagged: ifname(`${head}a`), far: ifname(`${head}b`) };
}

/** The vlan(4) interface of one VLAN on a trunk: `t<tag>-TRUNK.VLAN`. */
export function vlanIfName(tag: number, trunk: string, vlan: number): string {
  const tail = `.${vlan}`;
  const head = `t${tag}-`;
  return ifname(`${head}${trunk.slice(0, IFNAMSIZ_MAX - head.length - tail.length)}${tail}`);
}

/** The simulated outside's jails (names no user jail can take) and its ENI, as on Linux. */
export const UPSTREAM_JAIL = '_upstream';
export const WWW_JAIL = '_www';
export const FB_ENI = 'eni0';

/** The interfaces of a lab's simulated outside: its uplink bridge, and the epairs of the gateway, internet and ENI. */
export function upstreamIfNames(tag: number) {
  return {
    bridge: ifname(`up${tag}`),
    gwHost: ifname(`v${tag}gh`),
    gw: ifname(`v${tag}g0`),
    inet: ifname(`v${tag}i0`),
    www: ifname(`v${tag}w0`),
    vpc: ifname(`v${tag}e0`),
  };
}

/** Where a lab's simulated www.example keeps its page and request log: under /tmp, which every jail shares at the same path. */
export function upstreamDir(lab: string) {
  const dir = `/tmp/vessel-upstream-${lab}`;
  return { dir, www: `${dir}/www`, log: `${dir}/www.log` };
}

/** pf anchors (under the host's `anchor "vessel/*"`) for a lab's partition and its routes between networks. */
export function pfAnchors(lab: string): { partition: string; routes: string } {
  return { partition: `vessel/${lab}-partition`, routes: `vessel/${lab}-routes` };
}

/** Paths of one jail: its jail.conf fragment, fstab, root, and files inside the root. */
export function fbJailPaths(runDir: string, lab: string, jail: string) {
  const dir = join(runDir, lab, 'jails', jail);
  const root = join(dir, 'root');
  return {
    dir,
    conf: join(dir, 'jail.conf'),
    fstab: join(dir, 'fstab'),
    consoleLog: join(dir, 'console.log'),
    root,
    /** Inside the jail: */
    log: '/var/log/vessel-service.log',
    pid: '/var/run/vessel-service.pid',
    hostLog: join(root, 'var/log/vessel-service.log'),
  };
}

/** Host directories a jail root sees through read-only nullfs mounts. */
export const NULLFS_RO = ['/bin', '/sbin', '/lib', '/libexec', '/usr'] as const;
/** Host directories a jail root shares read-write (/tmp holds the run's work directory). */
export const NULLFS_RW = ['/tmp'] as const;
/** Directories a jail root owns (copied /etc, its own /var). */
export const ROOT_DIRS = [
  'etc',
  'var/run',
  'var/db',
  // dhclient(8) chroots to /var/empty before it drops to _dhcp (sbin/dhclient/dhclient.c).
  'var/empty',
  'var/log',
  'var/tmp',
  'dev',
  'root',
  ...NULLFS_RO.map((d) => d.slice(1)),
  ...NULLFS_RW.map((d) => d.slice(1)),
] as const;
