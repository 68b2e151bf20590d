// @ts-nocheck
// IP-aliased jails (the EC2 case): jails sharing one NIC of the lab host (an "ENI"), each with an extra
// address on it. On Linux each is a macvlan child (bridge mode) of the NIC, with a routing table and a rule.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import ipaddr from 'ipaddr.js';
import { newJailNameProblem } from '../recipe/names.js';
import { record, type ObjectKind } from '../state/ledger.js';
import type { EngineContext, JailRow } from './context.js';
import { UPSTREAM } from './confgen.js';
import { usage } from './errors.js';
import { cgroupDir } from './host.js';
import { hostNetns, jailNetns, macFromSeed } from './ifnames.js';
import { intToIp, ipToInt } from './ipam.js';
import { destroyJails, getJail, SETUP } from './jails.js';
import { jailPaths } from './paths.js';
import { dirname } from 'node:path';
import { dbPath } from '../state/db.js';

/** The routing table each aliased jail's rule points at. */
export const ALIAS_TABLE = 100;

/** Parses `alias:NIC:IP`; undefined when `addr` is not an alias. */
export function parseAlias(addr: string | undefined): { nic: string; ip: string } | undefined | string {
  if (!addr?.startsWith('alias:')) return undefined;
  const m = /^alias:([A-Za-z0-9_.-]{1,15}):(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (!m || !ipaddr.IPv4.isValidFourPartDecimal(m[2]!)) return `--addr=${addr} must look like alias:NIC:IP, e.g. alias:eni0:172.31.32.21`;
  return { nic: m[1]!, ip: m[2]! };
}

/** The IPv4 subnets on a NIC of the lab host, with its own addresses. */
async function nicAddrs(ctx: EngineContext, lab: string, nic: string): Promise<{ cidr: string; own: string; prefix: number }[] | undefined> {
  const r = await ctx.cmd.run(['ip', '-n', hostNetns(lab), '-o', '-4', 'addr', 'show', 'dev', nic], { allowFail: true });
  if (r.code !== 0) return undefined;
  return [...r.stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/(\d+)/g)].map((m) => {
    const prefix = Number(m[2]);
    const size = 2 ** (32 - prefix);
    return { own: m[1]!, prefix, cidr: `${intToIp(Math.floor(ipToInt(m[1]!) / size) * size)}/${prefix}` };
  });
}

/** A NIC's subnet as the backend read it. */
export interface NicSubnet {
  cidr: string;
  own: string;
  prefix: number;
}

/** Validates an aliased jail (name, address inside the NIC's subnet, free) and records it with its ledger objects: shared by every backend. */
export function admitAlias(ctx: EngineContext, lab: string, name: string, nic: string, ip: string, subnets: NicSubnet[] | undefined, objects: { kind: ObjectKind; name: string }[]): { row: JailRow; subnet: NicSubnet; gateway: string } {
  const p0 = newJailNameProblem(name);
  if (p0) throw usage(`jail name "${name}" ${p0}`);
  if (!subnets) throw usage(`no interface ${nic} in lab ${lab} to alias on (a run's lab has the ENI eni0)`);
  const s = subnets.find((x) => {
    const size = 2 ** (32 - x.prefix);
    const base = ipToInt(x.cidr.split('/')[0]!);
    return ipToInt(ip) > base && ipToInt(ip) < base + size - 1;
  });
  if (!s) throw usage(`${ip} is outside the subnet of ${nic} (${subnets.map((x) => x.cidr).join(', ') || 'no address'})`);
  const base = ipToInt(s.cidr.split('/')[0]!);
  const gateway = intToIp(base + 1);
  if (ip === s.own) throw usage(`${ip} is ${nic}'s own address`);
  if (ip === gateway) throw usage(`${ip} is the subnet's router (${gateway})`);
  const uuid = (ctx.uuid ?? randomUUID)();
  const row = ctx.db.transaction(() => {
    if (getJail(ctx, lab, name)) throw usage(`a jail named ${name} already exists in lab ${lab}`);
    const holder = ctx.db.prepare('SELECT name FROM jails WHERE lab = ? AND network IS NULL AND addr = ?').get(lab, ip) as { name: string } | undefined;
    if (holder) throw usage(`${ip} on ${nic} is already used by jail ${holder.name}`);
    const l = ctx.db.prepare('SELECT next_seq FROM labs WHERE id = ?').get(lab) as { next_seq: number };
    ctx.db.prepare('UPDATE labs SET next_seq = ? WHERE id = ?').run(l.next_seq + 1, lab);
    record(ctx.db, lab, objects.map((o) => ({ ...o, owner: name })));
    ctx.db.prepare("INSERT INTO jails (uuid, lab, name, seq, network, addr, mac, host_if, state, command, created_at, role) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'creating', NULL, ?, 'jail')").run(
      uuid, lab, name, l.next_seq, ip, macFromSeed(uuid, 'jail'), nic, new Date().toISOString(),
    );
    return getJail(ctx, lab, name)!;
  }).immediate();
  return { row, subnet: s, gateway };
}

/** Creates one aliased jail: netns + UTS + mount namespaces + cgroup, with a macvlan child of NIC carrying IP. */
export async function createAliasJail(ctx: EngineContext, lab: string, name: string, nic: string, ip: string): Promise<JailRow> {
  const jp = jailPaths(ctx.runDir, lab, name);
  const { row, subnet: s, gateway } = admitAlias(ctx, lab, name, nic, ip, await nicAddrs(ctx, lab, nic), [
    { kind: 'netns-jail', name: jailNetns(lab, name) },
    { kind: 'nsfile', name: jp.uts },
    { kind: 'nsfile', name: jp.mnt },
    { kind: 'link', name: `${jailNetns(lab, name)}/eth0` },
    { kind: 'dir', name: jp.dir },
    { kind: 'cgroup', name: cgroupDir(ctx.cgroupRoot, lab, name) },
  ]);
  const uuid = row.uuid;
  try {
    const p = jailPaths(ctx.runDir, lab, name);
    mkdirSync(p.dir, { recursive: true });
    mkdirSync(cgroupDir(ctx.cgroupRoot, lab, name), { recursive: true });
    for (const f of [p.uts, p.mnt]) writeFileSync(f, '');
    writeFileSync(p.hosts, `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${ip}\t${name}\n`);
    writeFileSync(p.resolv, `nameserver ${UPSTREAM.dns}\n`);
    writeFileSync(p.hostname, `${name}\n`);
    // The rule and table keep the jail's traffic on its own NIC, as on an EC2 instance with a second ENI.
    writeFileSync(p.setup, [
      'link set lo up',
      `addr add ${ip}/${s.prefix} dev eth0`,
      'link set eth0 up',
      `route add default via ${gateway} dev eth0`,
      `route add default via ${gateway} dev eth0 table ${ALIAS_TABLE}`,
      `rule add from ${ip} table ${ALIAS_TABLE} priority 1000`,
    ].join('\n') + '\n');
    await ctx.cmd.run(['ip', 'netns', 'add', jailNetns(lab, name)]);
    await ctx.cmd.run(['ip', '-n', hostNetns(lab), 'link', 'add', 'link', nic, 'name', 'eth0', 'address', row.mac!, 'netns', jailNetns(lab, name), 'type', 'macvlan', 'mode', 'bridge']);
    await ctx.cmd.run([
      'nsenter', `--net=/run/netns/${jailNetns(lab, name)}`, '--',
      'unshare', `--uts=${p.uts}`, `--mount=${p.mnt}`, '--propagation', 'slave', '--',
      'sh', '-c', SETUP, 'vessel-setup', name, p.hosts, p.resolv, p.hostname, p.setup, '', '', '', '', '', dirname(dbPath()),
    ]);
    ctx.db.prepare("UPDATE jails SET state = 'created' WHERE uuid = ?").run(uuid);
  } catch (e) {
    await destroyJails(ctx, lab, [name]);
    throw e;
  }
  return getJail(ctx, lab, name)!;
}
