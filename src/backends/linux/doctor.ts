// Host readiness: root, the engine's tools, cgroup v2, and the recipes' needs, with install commands.
import { missingNeeds, probe } from '../../host/needs.js';
import { NEEDS } from '../../recipe/needs.js';
import { cgroup2Root, cgroupLayout } from './facts.js';

/** Tools the engine itself runs, with their Debian and FreeBSD packages. */
export const ENGINE_TOOLS: { tool: string; debian: string; freebsd: string; why: string }[] = [
  { tool: 'ip', debian: 'iproute2', freebsd: '(base: ifconfig)', why: 'links, bridges, addresses, namespaces' },
  { tool: 'nsenter', debian: 'util-linux', freebsd: '(base: jexec)', why: 'entering jails' },
  { tool: 'unshare', debian: 'util-linux', freebsd: '(base: jail)', why: 'persistent UTS and mount namespaces' },
  { tool: 'nft', debian: 'nftables', freebsd: '(base: pfctl)', why: 'firewall rules (NAT, partitions)' },
  { tool: 'fping', debian: 'fping', freebsd: 'fping', why: 'reach, isolated and mesh probes' },
  { tool: 'dnsmasq', debian: 'dnsmasq-base', freebsd: 'dnsmasq', why: "routers' DHCP and DNS" },
  { tool: 'busybox', debian: 'busybox', freebsd: 'busybox', why: 'udhcpc, the DHCP client in jails' },
  {
    tool: 'dhcp_release',
    debian: 'dnsmasq-utils',
    freebsd: '(not needed: the router restarts dnsmasq)',
    why: "freeing a destroyed jail's lease when its client is gone",
  },
];

/** The doctor's findings as text, and whether everything is there. */
export async function doctorReport(needs: string[]): Promise<{ ok: boolean; text: string; missingDebian: string[] }> {
  const lines: string[] = [];
  let ok = true;
  const root = process.getuid?.() === 0;
  lines.push(`${root ? 'ok     ' : 'missing'}  root (the engine makes namespaces, bridges and cgroups)`);
  ok &&= root;
  const cg = cgroup2Root();
  const layout = cgroupLayout();
  const how = layout === 'hybrid' ? ' (hybrid layout: v1 controllers beside it; jails and run steps are grouped and killed through v2, no limits are set)' : '';
  lines.push(`${cg ? 'ok     ' : 'missing'}  cgroup v2${cg ? ` at ${cg}${how}` : ' (mount -t cgroup2 none /sys/fs/cgroup)'}`);
  ok &&= Boolean(cg);
  const debian = new Set<string>();
  const freebsd = new Set<string>();
  for (const t of ENGINE_TOOLS) {
    const found = await probe(t.tool);
    lines.push(`${found ? 'ok     ' : 'missing'}  ${t.tool} (${t.why})`);
    if (!found) {
      ok = false;
      debian.add(t.debian);
      if (!t.freebsd.startsWith('(')) freebsd.add(t.freebsd);
    }
  }
  const missing = await missingNeeds(needs);
  for (const n of needs) lines.push(`${missing.includes(n) ? 'missing' : 'ok     '}  ${n} (recipe need)`);
  for (const n of missing) {
    ok = false;
    for (const p of NEEDS[n]?.debian ?? []) debian.add(p);
    for (const p of NEEDS[n]?.freebsd ?? []) freebsd.add(p);
  }
  if (debian.size) lines.push(`Debian:  apt-get install -y --no-install-recommends ${[...debian].join(' ')}`);
  if (freebsd.size) lines.push(`FreeBSD: pkg install -y ${[...freebsd].join(' ')}`);
  if (!root) lines.push('Run as root (sudo) to use the engine.');
  return { ok, text: lines.join('\n') + '\n', missingDebian: [...debian] };
}
