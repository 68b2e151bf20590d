// Probes on Linux: fping, bash /dev/tcp, the UTS hostname and getent, run in the source's namespaces.
import type { Host } from '../../core/host.js';
import { jailProbeArgv, labHostArgv } from './enter.js';
import { jailPaths } from './paths.js';
import { jailNetns } from './names.js';
import { parseGetent } from '../../assert/getent.js';
import type { LeaseResult, PingResult, Prober, ResolveResult, Source, TcpResult } from '../../assert/evaluate.js';
import type { Family } from '../../assert/model.js';
import { isV4Mapped, normal6 } from '../../util/ipv6.js';
import { wwwNetns } from './names.js';

/** Reads fping's per-target summary (`-q`) and error lines into values. */
export function parseFping(output: string): Map<string, PingResult> {
  const out = new Map<string, PingResult>();
  for (const line of output.split('\n')) {
    const s = /^(\S+)\s*:\s*xmt\/rcv\/%loss = (\d+)\/(\d+)/.exec(line);
    if (s) {
      const prev = out.get(s[1]!);
      out.set(s[1]!, { sent: Number(s[2]), received: Number(s[3]), ...(prev?.error ? { error: prev.error } : {}) });
      continue;
    }
    const e = /^(\S+?):? error while sending ping: (.*)$/.exec(line);
    if (e) {
      out.set(e[1]!, { sent: out.get(e[1]!)?.sent ?? 0, received: 0, error: e[2]! });
      continue;
    }
    const u = /^ICMP (.+) from \S+ for ICMP Echo sent to (\S+)/.exec(line);
    if (u) out.set(u[2]!, { sent: out.get(u[2]!)?.sent ?? 1, received: 0, error: `ICMP ${u[1]}` });
  }
  // A summary after an error keeps the counts but also the reason.
  return out;
}

/** Reads `bash /dev/tcp` exit status and message into a value. */
export function parseTcp(code: number, stderr: string, timeoutS: number): TcpResult {
  if (code === 0) return { ok: true, detail: 'connected' };
  if (code === 124) return { ok: false, detail: `timed out after ${timeoutS}s` };
  const last = stderr.trim().split('\n').pop() ?? '';
  const m = /: ([^:]+)$/.exec(last);
  return { ok: false, detail: m ? m[1]!.trim() : last || `failed (exit ${code})` };
}

/** Free room in the kernel's (all-namespace) IPv4 neighbour table: gc_thresh3 minus entries, less a margin. */
export async function neighbourBudget(host: Host): Promise<number> {
  const max = Number(await host.readFile('/proc/sys/net/ipv4/neigh/default/gc_thresh3'));
  const entries = parseInt((await host.readFile('/proc/net/stat/arp_cache'))?.split('\n')[1]?.split(/\s+/)[0] ?? '', 16);
  return Number.isFinite(max) && Number.isFinite(entries) && max > 0 ? Math.max(0, max - entries - 64) : 1024 - 64;
}

export { parseGetent } from '../../assert/getent.js';

const TCP_TIMEOUT_S = 3;
const ISOLATED_TIMEOUT_S = 1;

/** Facts about the lab that probes need from the engine's state. */
export interface LabFacts {
  /** A jail's network, MAC, and its network's router (if any). */
  jailInfo(jail: string): { network: string; mac: string | null; router?: string; dhcp6?: boolean; dhcp4?: boolean } | undefined;
  /** True when the router's dnsmasq is running. */
  dnsmasqRunning(router: string): Promise<boolean>;
  /** dnsmasq's leases on the router's network. */
  leases(router: string): Promise<{ mac: string; ip: string; expiry: number; clientId?: string }[]>;
}

/** Probes for one lab, through the engine's host. */
export class LinuxProber implements Prober {
  readonly pingTool = 'fping';
  readonly tcpTool = 'bash /dev/tcp';
  constructor(
    private readonly cmd: Host,
    private readonly where: { lab: string; runDir: string; cgroupRoot: string },
    private readonly facts?: LabFacts,
  ) {}

  private net(src: Source, argv: string[]): string[] {
    if (src.kind === 'host') return labHostArgv(this.where.lab, argv);
    if (src.kind === 'upstream') return ['nsenter', `--net=/run/netns/${wwwNetns(this.where.lab)}`, '--', ...argv];
    return jailProbeArgv({ ...this.where, name: src.name }, argv);
  }

  async lease(jail: string): Promise<LeaseResult> {
    const info = this.facts?.jailInfo(jail);
    const r = await this.cmd.run(['ip', '-n', jailNetns(this.where.lab, jail), '-o', 'addr', 'show', 'dev', 'eth0'], { allowFail: true });
    const interfaceAddrs = [...r.stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1]!);
    const interfaceAddrs6 = [...r.stdout.matchAll(/inet6 ([0-9a-f:]+)\/\d+ scope global/g)].map((m) => normal6(m[1]!) ?? m[1]!);
    if (!info?.router) return { interfaceAddrs, serverRunning: true, network: info?.network ?? '?' };
    const all = await this.facts!.leases(info.router);
    const l = all.find((x) => x.mac === info.mac);
    // dnsmasq's DHCPv6 lines hold the client's DUID where IPv4 ones hold the MAC: a DUID-LL (type 3, hardware 1) ends with it.
    const duid = info.mac ? `00:03:00:01:${info.mac.toLowerCase()}` : undefined;
    const l6 = info.dhcp6 && duid ? all.find((x) => x.ip.includes(':') && x.clientId?.toLowerCase() === duid) : undefined;
    return {
      interfaceAddrs,
      serverRunning: await this.facts!.dnsmasqRunning(info.router),
      network: info.network,
      ...(l ? { leased: l.ip, expiry: l.expiry } : {}),
      ...(info.dhcp6 ? { v6: { interfaceAddrs: interfaceAddrs6, ...(l6 ? { leased: normal6(l6.ip) ?? l6.ip } : {}) }, dhcp4: Boolean(info.dhcp4) } : {}),
    };
  }

  async serverRunning(jail: string): Promise<{ network: string; running: boolean } | undefined> {
    const info = this.facts?.jailInfo(jail);
    if (!info?.router) return undefined;
    return { network: info.network, running: await this.facts!.dnsmasqRunning(info.router) };
  }

  async ping(src: Source, ips: string[], expectReply: boolean): Promise<Map<string, PingResult>> {
    const unique = [...new Set(ips)];
    if (unique.length === 0) return new Map();
    // Looking for isolation sends two echoes per target, so one lost packet is not mistaken for a wall.
    const args = expectReply ? ['-c', '1', '-t', '500'] : ['-c', '2', '-p', '200', '-t', '300'];
    // One fping per address family; the IPv6 one told so (-6).
    const parsed = new Map<string, PingResult>();
    for (const [flag, ips] of [
      [[], unique.filter((ip) => !ip.includes(':'))],
      [['-6'], unique.filter((ip) => ip.includes(':'))],
    ] as const) {
      if (ips.length === 0) continue;
      const r = await this.cmd.run(this.net(src, ['fping', ...flag, '-q', '-i', '1', ...args, ...ips]), { allowFail: true });
      for (const [k, v] of parseFping(`${r.stderr}\n${r.stdout}`)) parsed.set(k, v);
      for (const ip of ips) if (!parsed.has(ip)) parsed.set(ip, { sent: 0, received: 0, error: r.stderr.trim().split('\n').pop() || `fping exited ${r.code}` });
    }
    return parsed;
  }

  async tcp(src: Source, ip: string, port: number, expectConnect: boolean): Promise<TcpResult> {
    const wait = expectConnect ? TCP_TIMEOUT_S : ISOLATED_TIMEOUT_S;
    const r = await this.cmd.run(this.net(src, ['timeout', String(wait), 'bash', '-c', 'exec 3<>"/dev/tcp/$1/$2"', 'vessel-tcp', ip, String(port)]), {
      allowFail: true,
    });
    return parseTcp(r.code, r.stderr, wait);
  }

  async neighbourBudget(): Promise<number> {
    return neighbourBudget(this.cmd);
  }

  async forgetNeighbours(jails: string[]): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < jails.length) {
          const j = jails[next++]!;
          await this.cmd.run(['ip', '-n', jailNetns(this.where.lab, j), 'neigh', 'flush', 'all'], { allowFail: true });
        }
      }),
    );
  }

  async hostname(jail: string): Promise<string> {
    const p = jailPaths(this.where.runDir, this.where.lab, jail);
    const r = await this.cmd.run(['nsenter', `--uts=${p.uts}`, '--', 'cat', '/proc/sys/kernel/hostname'], { allowFail: true });
    return r.code === 0 ? r.stdout.trim() : `(could not read: ${r.stderr.trim()})`;
  }

  async resolve(src: Source, name: string, family: Family = 4): Promise<ResolveResult> {
    // A lookup needs the jail's network and its own resolv.conf (its mount namespace). ahostsv6 answers a name that
    // has only A records with IPv4-mapped addresses: those are not AAAA records, so they are dropped.
    const argv = this.net(src, ['getent', family === 6 ? 'ahostsv6' : 'ahostsv4', name]);
    const r = await this.cmd.run(argv, { allowFail: true });
    const addresses = parseGetent(r.stdout)
      .filter((a) => family === 4 || !isV4Mapped(a))
      .map((a) => (family === 6 ? (normal6(a) ?? a) : a));
    let server: string | undefined;
    if (src.kind === 'jail') {
      const resolv = await this.cmd.readFile(jailPaths(this.where.runDir, this.where.lab, src.name).resolv);
      server = resolv === undefined ? undefined : /^nameserver\s+(\S+)/m.exec(resolv)?.[1];
    }
    return { addresses, detail: addresses.length ? `answered ${addresses.join(', ')}` : `no answer (getent exit ${r.code})`, ...(server ? { server } : {}) };
  }
}
