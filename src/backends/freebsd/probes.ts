// Probes on FreeBSD (the VM only; unverified here): ping, nc, hostname, getent and the router's leases, through jexec.
import type { Host } from '../../core/host.js';
import type { VesselBackend } from '../../core/backend.js';
import { fbJailName, UPSTREAM_JAIL, WWW_JAIL } from './names.js';
import { isUplink } from '../../core/outside.js';
import type { JailRow } from '../../core/model.js';
import type { Family } from '../../assert/model.js';
import type { LeaseResult, PingResult, Prober, ResolveResult, Source, TcpResult } from '../../assert/evaluate.js';
import { parseGetent } from '../../assert/getent.js';

/** Reads FreeBSD ping's summary ("N packets transmitted, M packets received"). */
export function parseBsdPing(out: string): PingResult {
  const m = /(\d+) packets transmitted, (\d+) packets received/.exec(out);
  if (!m) return { sent: 0, received: 0, error: out.trim().split('\n').pop() || 'no output from ping' };
  return { sent: Number(m[1]), received: Number(m[2]) };
}

/** Probes through jexec on a FreeBSD host. */
export class FreebsdProber implements Prober {
  readonly pingTool = 'ping -c 1 -t 1';
  readonly tcpTool = 'nc -z -w';
  constructor(
    private readonly cmd: Host,
    private readonly e: VesselBackend,
    private readonly lab: string,
    /** The jail side of a jail's network leg (its interface inside the jail). */
    private readonly legOf: (j: JailRow) => string,
    /** argv run inside a jail (in its FIB, for an IP-aliased jail). */
    private readonly enter: (jail: string, argv: string[]) => string[] = (jail, argv) => ['jexec', fbJailName(lab, jail), ...argv],
  ) {}

  private inside(src: Source, argv: string[]): string[] {
    if (src.kind === 'jail') return this.enter(src.name, argv);
    if (src.kind === 'upstream') return this.enter(WWW_JAIL, argv);
    return argv;
  }
  async ping(src: Source, ips: string[], expectReply: boolean): Promise<Map<string, PingResult>> {
    const out = new Map<string, PingResult>();
    await Promise.all(
      ips.map(async (ip) => {
        const r = await this.cmd.run(this.inside(src, ['ping', '-c', '1', '-t', expectReply ? '2' : '1', ip]), { allowFail: true });
        out.set(ip, parseBsdPing(r.stdout + r.stderr));
      }),
    );
    return out;
  }
  async tcp(src: Source, ip: string, port: number, expectConnect: boolean): Promise<TcpResult> {
    const t = expectConnect ? 3 : 1;
    const r = await this.cmd.run(this.inside(src, ['nc', '-z', '-w', String(t), ip, String(port)]), { allowFail: true });
    return r.code === 0
      ? { ok: true, detail: 'connected' }
      : { ok: false, detail: (r.stderr.trim().split('\n').pop() || `no connection within ${t}s`).replace(/^nc: /, '') };
  }
  async hostname(jail: string): Promise<string> {
    return (await this.cmd.run(['jexec', fbJailName(this.lab, jail), 'hostname'])).stdout.trim();
  }
  async resolve(src: Source, name: string, family: Family = 4): Promise<ResolveResult> {
    // No AAAA lookup here yet (the backend has no IPv6 networks): an AAAA assertion fails, saying so, rather than pass on A records.
    if (family === 6) return { addresses: [], detail: 'AAAA lookups are not built on the freebsd backend yet (it has no IPv6 networks)' };
    const r = await this.cmd.run(this.inside(src, ['getent', 'hosts', name]), { allowFail: true });
    // IPv4 answers only: getent hosts may print an IPv6 one first.
    const addresses = parseGetent(r.stdout).filter((a) => !a.includes(':'));
    return { addresses, detail: addresses.length ? addresses.join(', ') : 'not found' };
  }
  async lease(jail: string): Promise<LeaseResult> {
    const j = this.e.jail(this.lab, jail);
    const network = j.network ?? '';
    const leases = await this.e.leases(this.lab, network);
    const l = leases.find((x) => x.mac === j.mac);
    const r = await this.cmd.run(['jexec', fbJailName(this.lab, jail), 'ifconfig', this.legOf(j), 'inet'], { allowFail: true });
    const server = await this.serverRunning(jail);
    return {
      ...(l ? { leased: l.ip, expiry: l.expiry } : {}),
      interfaceAddrs: [...r.stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1]!),
      serverRunning: server?.running ?? false,
      network,
    };
  }
  async serverRunning(jail: string): Promise<{ network: string; running: boolean } | undefined> {
    const j = this.e.jail(this.lab, jail);
    if (!j.network) return undefined;
    // The outside network's DHCP server is the simulated upstream's dnsmasq.
    const server = isUplink(j.network) ? UPSTREAM_JAIL : `${j.network}-router`;
    const r = await this.cmd.run(['jexec', fbJailName(this.lab, server), 'pgrep', '-x', 'dnsmasq'], { allowFail: true });
    return { network: j.network, running: r.code === 0 };
  }
  /** FreeBSD keeps an ARP table per vnet: no shared budget to respect. */
  async neighbourBudget(): Promise<number> {
    return Number.MAX_SAFE_INTEGER;
  }
  async forgetNeighbours(): Promise<void> {}
}
