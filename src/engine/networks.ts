// Networks: a bridge in the lab host with the host's address on it; list and destroy.
import { dnsNameProblem, networkNameProblem } from '../recipe/names.js';
import { UPSTREAM } from './confgen.js';
import { createRouter } from './router.js';
import { attachVlan, detachVlan, detectVlan, routeBetween, vlanProblem } from './vlan.js';
import { destroyJails, type JailSpec } from './jails.js';
import { execFileSync } from 'node:child_process';

/** The IPv4 subnets on a NIC of the machine (read-only: `ip -o -4 addr show dev NIC`). */
function nicSubnets(nic: string): string[] {
  try {
    const out = execFileSync('ip', ['-o', '-4', 'addr', 'show', 'dev', nic], { encoding: 'utf8' });
    return [...out.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/(\d+)/g)].map((m) => `${intToIp(Math.floor(ipToInt(m[1]!) / 2 ** (32 - Number(m[2]))) * 2 ** (32 - Number(m[2])))}/${m[2]}`);
  } catch {
    return [];
  }
}
import type { EngineContext, JailRow, NetworkRow } from './context.js';
import { usage } from './errors.js';
import { withBuild } from '../state/builds.js';
import { failpoint } from './failpoint.js';
import { processStart } from './host.js';
import { bridgeName, hostNetns, upstreamNetns } from './ifnames.js';
import { intToIp, ipToInt, outsideOverlapProblem, overlaps, parseDhcpRange, planSubnet, type SubnetPlan } from './ipam.js';

/** A network of a lab, or undefined. */
export function getNetwork(ctx: EngineContext, lab: string, name: string): NetworkRow | undefined {
  return ctx.db.prepare('SELECT * FROM networks WHERE lab = ? AND name = ?').get(lab, name) as NetworkRow | undefined;
}

/** The networks of a lab. */
export function listNetworks(ctx: EngineContext, lab: string): NetworkRow[] {
  return ctx.db.prepare('SELECT * FROM networks WHERE lab = ? ORDER BY created_at, name').all(lab) as NetworkRow[];
}

/** Options of a new network. */
export interface NetworkOptions {
  /** DNS domain (default `NAME.test`). */
  domain?: string;
  /** NAT out through the uplink (default on; only with an uplink). */
  nat?: boolean;
  /** `FIRST-LAST` inside the subnet (default: the upper half minus the host address). */
  dhcpRange?: string;
  /** A VLAN id (1-4094) on a trunk (default trunk `trunk0`). */
  vlan?: number;
  trunk?: string;
  /** Route to this existing network once created. */
  routeTo?: string;
}

/** What a backend tells network admission: the lab's outside subnets, how a VLAN tag is carried, whether there is an uplink. */
export interface NetworkHost {
  /** Every subnet outside the lab's networks that a jail could collide with: uplink, internet, ENI. */
  outside: { cidr: string; what: string }[];
  vlanMode: () => Promise<string>;
  uplink: boolean;
}

/** Validates a new network (names, subnet, overlaps, DHCP range, VLAN) and records it: shared by every backend. */
export async function admitNetwork(ctx: EngineContext, lab: string, name: string, subnet: string, opts: NetworkOptions, host: NetworkHost): Promise<{ net: NetworkRow; plan: SubnetPlan }> {
  const np = networkNameProblem(name);
  if (np) throw usage(`network name "${name}" ${np}`);
  const plan = planSubnet(subnet);
  if (typeof plan === 'string') throw usage(plan);
  if (getNetwork(ctx, lab, name)) throw usage(`network ${name} already exists in lab ${lab}`);
  const domain = opts.domain ?? `${name}.test`;
  const dp = dnsNameProblem(domain);
  if (dp) throw usage(`--domain=${domain} is not a valid DNS name: it ${dp}`);
  let range: [number, number] = [plan.dhcpFirst, plan.dhcpLast];
  if (opts.dhcpRange !== undefined) {
    const r = parseDhcpRange(plan, opts.dhcpRange);
    if (typeof r === 'string') throw usage(r);
    range = r;
  }
  const op = outsideOverlapProblem(subnet, host.outside);
  if (op) throw usage(op);
  for (const other of listNetworks(ctx, lab)) {
    if (overlaps(other.subnet, subnet)) throw usage(`subnet ${subnet} overlaps network ${other.name} (${other.subnet}) in lab ${lab}`);
  }
  let vlanMode: string | null = null;
  let trunk: string | null = null;
  if (opts.vlan !== undefined) {
    trunk = opts.trunk ?? 'trunk0';
    const vp = vlanProblem(opts.vlan, trunk);
    if (vp) throw usage(vp);
    const dup = listNetworks(ctx, lab).find((n) => n.trunk === trunk && n.vlan === opts.vlan);
    if (dup) throw usage(`VLAN ${opts.vlan} is already used on trunk ${trunk} by network ${dup.name}`);
  } else if (opts.trunk !== undefined) throw usage('--trunk needs --vlan=ID');
  if (opts.routeTo !== undefined && !getNetwork(ctx, lab, opts.routeTo)) throw usage(`--route-to=${opts.routeTo}: no network named ${opts.routeTo} in lab ${lab}`);
  if (opts.vlan !== undefined) vlanMode = await host.vlanMode();
  const bridge = bridgeName(name);
  if (listNetworks(ctx, lab).some((n) => n.bridge === bridge)) throw usage(`network ${name} would reuse bridge ${bridge}; choose another name`);
  const hostAddr = intToIp(plan.host);
  const nat = host.uplink && opts.nat !== false ? 1 : 0;
  ctx.db.prepare('INSERT INTO networks (lab, name, subnet, bridge, host_addr, created_at, domain, dhcp_first, dhcp_last, nat, vlan, trunk, vlan_mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    lab, name, subnet, bridge, hostAddr, new Date().toISOString(), domain, intToIp(range[0]), intToIp(range[1]), nat, opts.vlan ?? null, trunk, vlanMode,
  );
  return { net: getNetwork(ctx, lab, name)!, plan };
}

/** Creates network `name` with `subnet` in the lab: a bridge carrying the lab host's address, and its router. */
export async function createNetwork(ctx: EngineContext, lab: string, name: string, subnet: string, opts: NetworkOptions = {}): Promise<NetworkRow> {
  // Until it is complete, the network is a build of this process: if it dies, the next vessel call removes it.
  return withBuild(ctx.db, lab, 'network', [name], process.pid, processStart(process.pid), () => buildNetwork(ctx, lab, name, subnet, opts));
}

/** The steps of createNetwork: admission, the bridge, its VLAN leg, its router, its routes. */
async function buildNetwork(ctx: EngineContext, lab: string, name: string, subnet: string, opts: NetworkOptions): Promise<NetworkRow> {
  const lab_ = ctx.db.prepare('SELECT uplink, inet_nic FROM labs WHERE id = ?').get(lab) as { uplink: string | null; inet_nic: string | null };
  const leg: JailSpec['uplink'] = lab_.uplink === 'simulated' ? { kind: 'bridge' } : lab_.uplink === 'nic' && lab_.inet_nic ? { kind: 'nic', nic: lab_.inet_nic } : undefined;
  const outside = lab_.uplink === 'simulated'
    ? [
        { cidr: UPSTREAM.subnet, what: 'the uplink' },
        { cidr: UPSTREAM.internetSubnet, what: 'the simulated internet' },
        { cidr: UPSTREAM.eniSubnet, what: 'the simulated ENI subnet' },
      ]
    : lab_.inet_nic ? nicSubnets(lab_.inet_nic).map((cidr) => ({ cidr, what: `the uplink ${lab_.inet_nic}` })) : [];
  const { net, plan } = await admitNetwork(ctx, lab, name, subnet, opts, { outside, uplink: lab_.uplink !== null, vlanMode: async () => (await detectVlan(ctx, lab)).mode });
  const { bridge, host_addr: hostAddr } = net;
  try {
    await ctx.cmd.run(['ip', '-n', hostNetns(lab), '-batch', '-'], {
      input: [
        `link add ${bridge} type bridge`,
        `link set dev ${bridge} addrgenmode none`,
        `addr add ${hostAddr}/${plan.prefix} dev ${bridge}`,
        `link set ${bridge} up`,
      ].join('\n') + '\n',
    });
    await failpoint('network');
    await attachVlan(ctx, lab, getNetwork(ctx, lab, name)!);
    await createRouter(ctx, getNetwork(ctx, lab, name)!, leg);
    if (opts.routeTo !== undefined) await routeBetween(ctx, lab, getNetwork(ctx, lab, name)!, getNetwork(ctx, lab, opts.routeTo)!, listNetworks(ctx, lab));
  } catch (e) {
    const members = networkMembers(ctx, lab, name).map((j) => j.name);
    if (members.length) await destroyJails(ctx, lab, members);
    await ctx.cmd.run(['ip', '-n', hostNetns(lab), 'link', 'del', bridge], { allowFail: true });
    ctx.db.prepare('DELETE FROM networks WHERE lab = ? AND name = ?').run(lab, name);
    throw e;
  }
  return getNetwork(ctx, lab, name)!;
}

/** Jails attached to a network. */
export function networkMembers(ctx: EngineContext, lab: string, name: string): JailRow[] {
  return ctx.db.prepare('SELECT * FROM jails WHERE lab = ? AND network = ? ORDER BY seq').all(lab, name) as JailRow[];
}

/** Destroys a network; refused while jails are attached unless `force` (which destroys them too). */
export async function destroyNetwork(ctx: EngineContext, lab: string, name: string, force: boolean, destroyJails: (names: string[]) => Promise<void>): Promise<void> {
  const net = getNetwork(ctx, lab, name);
  if (!net) throw usage(`no network named ${name} in lab ${lab}`);
  const all = networkMembers(ctx, lab, name);
  const members = all.filter((j) => j.role !== 'router');
  if (members.length > 0 && !force) {
    throw usage(`network ${name} still has ${members.length} jail(s) attached (${members.map((j) => j.name).slice(0, 5).join(', ')}${members.length > 5 ? ', ...' : ''}); destroy them first or use --force`);
  }
  // Members and routers go in one call: with their routers going too, members' leases and names need no giving back.
  const routers = all.filter((j) => j.role === 'router');
  if (members.length + routers.length > 0) await destroyJails([...members, ...routers].map((j) => j.name));
  await ctx.cmd.run(['ip', '-n', hostNetns(lab), 'link', 'del', net.bridge], { allowFail: true });
  const lab_ = ctx.db.prepare('SELECT uplink FROM labs WHERE id = ?').get(lab) as { uplink: string | null } | undefined;
  if (lab_?.uplink === 'simulated') await ctx.cmd.run(['ip', '-n', upstreamNetns(lab), 'route', 'del', net.subnet], { allowFail: true });
  await detachVlan(ctx, lab, net, listNetworks(ctx, lab));
  ctx.db.prepare('DELETE FROM networks WHERE lab = ? AND name = ?').run(lab, name);
}

/** Routes an existing network to another (`vessel network --route --name=A --route-to=B`). */
export async function routeNetworks(ctx: EngineContext, lab: string, name: string, to: string): Promise<void> {
  const a = getNetwork(ctx, lab, name);
  const b = getNetwork(ctx, lab, to);
  if (!a) throw usage(`no network named ${name} in lab ${lab}`);
  if (!b) throw usage(`--route-to=${to}: no network named ${to} in lab ${lab}`);
  await routeBetween(ctx, lab, a, b, listNetworks(ctx, lab));
}
