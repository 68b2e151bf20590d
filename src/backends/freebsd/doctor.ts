// The freebsd backend's doctor: root, and the tools it runs (the base system's, and FreeBSD's packages).
// Unverified on real FreeBSD, like the rest of this backend (docs/freebsd.md).
import { doctorReport, type DoctorReport, type Tool } from '../../host/doctor.js';

/** Tools the freebsd backend runs: base-system tools (pkg null) and packages. */
export const FREEBSD_TOOLS: Tool[] = [
  { tool: 'jail', pkg: null, why: 'creating and removing jails (jail -c, jail -r)' },
  { tool: 'jexec', pkg: null, why: 'entering jails' },
  { tool: 'ifconfig', pkg: null, why: 'epairs, bridges, VLANs and addresses' },
  { tool: 'pfctl', pkg: null, why: 'NAT in routers, routes between networks, partitions' },
  { tool: 'devfs', pkg: null, why: "the jails' devfs rulesets" },
  { tool: 'kldload', pkg: null, why: 'if_bridge, if_epair, if_vlan and pf' },
  { tool: 'dhclient', pkg: null, why: "DHCP in jails and on routers' outside legs" },
  { tool: 'ping', pkg: null, why: 'reach, isolated and mesh probes' },
  { tool: 'nc', pkg: null, why: 'TCP probes' },
  { tool: 'rctl', pkg: null, why: 'jail limits (memory, CPU, processes); needs kern.racct.enable=1 at boot' },
  { tool: 'dnsmasq', pkg: 'dnsmasq', why: "routers' DHCP and DNS" },
];

/** Whether this machine can run the freebsd backend and the given recipe needs. */
export async function freebsdDoctor(needs: string[]): Promise<DoctorReport> {
  const root = process.getuid?.() === 0;
  return doctorReport({
    system: 'FreeBSD',
    checks: [{ ok: root, line: 'root (the engine makes jails, interfaces and pf anchors)' }],
    tools: FREEBSD_TOOLS,
    needs,
    ...(root ? {} : { footer: 'Run as root (sudo) to use the engine.' }),
  });
}
