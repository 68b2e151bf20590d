// Probes on FreeBSD (run on the VM): ping, nc, hostname, getent and the router's leases, through jexec.
import type { Host } from '../../core/host.js';
import type { VesselBackend } from '../../core/backend.js';
import { fbJailName, UPSTREAM_JAIL, WWW_JAIL } from './names.js';
import { isUplink } from '../../core/outside.js';
import type { JailRow } from '../../core/model.js';
import type { Family } from '../../assert/model.js';
import type { LeaseResult, PingResult, Prober, ResolveResult, Source, TcpResult } from '../../assert/evaluate.js';
import { parseGetent } from '../../assert/getent.js';
import { isV4Mapped, normal6 } from '../../util/ipv6.js';

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
        // ping(8) of 13 speaks both families; -6 holds it to ICMPv6.
        const r = await this.cmd.run(this.inside(src, ['ping', ...(ip.includes(':') ? ['-6'] : []), '-c', '1', '-t', expectReply ? '2' : '1', ip]), {
          allowFail: true,
        });
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
    // getent hosts prints the name's AAAA answers, then its A answers (usr.bin/getent/getent.c): each family keeps its own.
    const r = await this.cmd.run(this.inside(src, ['getent', 'hosts', name]), { allowFail: true });
    const addresses =
      family === 6
        ? parseGetent(r.stdout)
            .filter((a) => a.includes(':') && !isV4Mapped(a))
            .map((a) => normal6(a) ?? a)
        : parseGetent(r.stdout).filter((a) => !a.includes(':'));
    return { addresses, detail: addresses.length ? addresses.join(', ') : `not found (getent exit ${r.code})` };
  }
  async lease(jail: string): Promise<LeaseResult> {
    const j = this.e.jail(this.lab, jail);
    const network = j.network ?? '';
    const leases = await this.e.leases(this.lab, network);
    const l = leases.find((x) => x.mac === j.mac);
    // Both families: `ifconfig IF` lists every address (inet and inet6 lines).
    const r = await this.cmd.run(['jexec', fbJailName(this.lab, jail), 'ifconfig', this.legOf(j)], { allowFail: true });
    const server = await this.serverRunning(jail);
    // dnsmasq's DHCPv6 lines hold the client's DUID where IPv4 ones hold the MAC: dhcpcd's DUID-LL (type 3, hardware 1) ends with it.
    const dhcp6 = j.addr6_mode === 'dhcp';
    const duid = j.mac ? `00:03:00:01:${j.mac.toLowerCase()}` : undefined;
    const l6 = dhcp6 && duid ? leases.find((x) => x.ip.includes(':') && x.clientId.toLowerCase() === duid) : undefined;
    const interfaceAddrs6 = [...r.stdout.matchAll(/inet6 ([0-9a-f:]+) prefixlen/g)].map((m) => normal6(m[1]!) ?? m[1]!).filter((a) => !a.startsWith('fe80:'));
    return {
      ...(l ? { leased: l.ip, expiry: l.expiry } : {}),
      interfaceAddrs: [...r.stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1]!),
      serverRunning: server?.running ?? false,
      network,
      ...(dhcp6 ? { v6: { interfaceAddrs: interfaceAddrs6, ...(l6 ? { leased: normal6(l6.ip) ?? l6.ip } : {}) }, dhcp4: Boolean(j.dhcp) } : {}),
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
