// The linux backend's doctor: the mode (root or rootless), cgroup v2, and the tools it runs (Debian's packages).
import { doctorReport, type DoctorReport, type Tool } from '../../host/doctor.js';
import { cgroup2Root, cgroupLayout } from './facts.js';
import { modeChecks } from './rootless/checks.js';

/** Tools the linux backend runs, with their Debian packages. */
export const ENGINE_TOOLS: Tool[] = [
  { tool: 'ip', pkg: 'iproute2', why: 'links, bridges, addresses, namespaces' },
  { tool: 'nsenter', pkg: 'util-linux', why: 'entering jails' },
  { tool: 'unshare', pkg: 'util-linux', why: 'persistent UTS and mount namespaces; process spaces (pid and IPC)' },
  { tool: 'setpriv', pkg: 'util-linux', why: "a jail's capabilities (its bounding set)" },
  { tool: 'catatonit', pkg: 'catatonit', why: "the init of a jail's process space (pid namespace)" },
  { tool: 'nft', pkg: 'nftables', why: 'firewall rules (NAT, partitions)' },
  { tool: 'fping', pkg: 'fping', why: 'reach, isolated and mesh probes' },
  { tool: 'dnsmasq', pkg: 'dnsmasq-base', why: "routers' DHCP and DNS" },
  { tool: 'busybox', pkg: 'busybox', why: 'udhcpc, the DHCP client in jails' },
  { tool: 'dhcp_release', pkg: 'dnsmasq-utils', why: "freeing a destroyed jail's lease when its client is gone" },
];

/** Whether this machine can run the linux backend and the given recipe needs. */
export async function linuxDoctor(needs: string[]): Promise<DoctorReport> {
  const root = process.getuid?.() === 0;
  const cg = cgroup2Root();
  const how =
    cgroupLayout() === 'hybrid'
      ? ' (hybrid layout: jails and run steps are grouped and killed through v2; limits use the v1 memory, cpu and pids hierarchies)'
      : '';
  return doctorReport({
    system: 'Debian',
    checks: [...modeChecks(), ...(root ? [{ ok: Boolean(cg), line: `cgroup v2${cg ? ` at ${cg}${how}` : ' (mount -t cgroup2 none /sys/fs/cgroup)'}` }] : [])],
    tools: ENGINE_TOOLS,
    needs,
    ...(root ? {} : { footer: 'A rootless lab needs each line above; or run as root (sudo).' }),
  });
}
