// IP-aliased jails, the same for every backend: parsing alias:NIC:IP, and admission (inside the NIC's subnet, free).
import { randomUUID } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { newJailNameProblem } from '../util/names.js';
import { record, type ObjectKind } from '../state/ledger.js';
import { takeSeq } from '../state/labs.js';
import { addr6Holder, addrHolder, getJail, insertJail } from '../state/jails.js';
import { at64, inPrefix6, normal6 } from '../util/ipv6.js';
import { usage } from '../util/errors.js';
import type { EngineContext, JailRow } from './model.js';
import { hostIn, intToIp, ipToInt } from '../util/ipv4.js';
import { macFromSeed } from './names.js';

/** Parses `alias:NIC:IP`; undefined when `addr` is not an alias. */
export function parseAlias(addr: string | undefined): { nic: string; ip: string } | undefined | string {
  if (!addr?.startsWith('alias:')) return undefined;
  const m = /^alias:([A-Za-z0-9_.-]{1,15}):(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (!m || !ipaddr.IPv4.isValidFourPartDecimal(m[2]!)) return `--addr=${addr} must look like alias:NIC:IP, e.g. alias:eni0:172.31.32.21`;
  return { nic: m[1]!, ip: m[2]! };
}

/** A NIC's subnet as the backend read it. */
export interface NicSubnet {
  cidr: string;
  own: string;
  prefix: number;
}

/** An aliased jail's IPv6 address, with the NIC's IPv6 prefixes as the backend read them (undefined: the NIC has none). */
export interface Alias6 {
  ip6: string;
  prefixes: NicSubnet[] | undefined;
}

/** The IPv6 prefix `ip6` takes on the NIC and its router (::1, the VPC router's, as .1 is on IPv4), or a refusal. */
function admitAlias6(lab: string, nic: string, a: Alias6): { ip6: string; subnet: NicSubnet; gateway: string } {
  if (!ipaddr.IPv6.isValid(a.ip6) || a.ip6.includes('%')) throw usage(`--addr6=${a.ip6} is not an IPv6 address`);
  const ip6 = normal6(a.ip6) ?? a.ip6;
  const s = (a.prefixes ?? []).find((x) => inPrefix6(ip6, x.cidr));
  if (!s)
    throw usage(
      `${a.ip6} is outside the IPv6 prefixes of ${nic} (${(a.prefixes ?? []).map((x) => x.cidr).join(', ') || `${nic} has no global IPv6 address in lab ${lab}`})`,
    );
  const gateway = at64(s.cidr, 1);
  if (ip6 === s.own) throw usage(`${a.ip6} is ${nic}'s own address`);
  if (ip6 === gateway) throw usage(`${a.ip6} is the prefix's router (${gateway})`);
  return { ip6, subnet: s, gateway };
}

/** Validates an aliased jail (name, address inside the NIC's subnet, free) and records it with its ledger objects: shared by every backend. */
export function admitAlias(
  ctx: EngineContext,
  lab: string,
  name: string,
  nic: string,
  ip: string,
  subnets: NicSubnet[] | undefined,
  objects: { kind: ObjectKind; name: string }[],
  six?: Alias6,
): { row: JailRow; subnet: NicSubnet; gateway: string; v6?: { subnet: NicSubnet; gateway: string } } {
  const p0 = newJailNameProblem(name);
  if (p0) throw usage(`jail name "${name}" ${p0}`);
  if (!subnets) throw usage(`no interface ${nic} in lab ${lab} to alias on (a run's lab has the ENI eni0)`);
  const s = subnets.find((x) => hostIn(ip, x.cidr));
  if (!s) throw usage(`${ip} is outside the subnet of ${nic} (${subnets.map((x) => x.cidr).join(', ') || 'no address'})`);
  const base = ipToInt(s.cidr.split('/')[0]!);
  const gateway = intToIp(base + 1);
  if (ip === s.own) throw usage(`${ip} is ${nic}'s own address`);
  if (ip === gateway) throw usage(`${ip} is the subnet's router (${gateway})`);
  const v6 = six ? admitAlias6(lab, nic, six) : undefined;
  const uuid = (ctx.uuid ?? randomUUID)();
  const row = ctx.db
    .transaction(() => {
      if (getJail(ctx.db, lab, name)) throw usage(`a jail named ${name} already exists in lab ${lab}`);
      const holder = addrHolder(ctx.db, lab, null, ip);
      if (holder) throw usage(`${ip} on ${nic} is already used by jail ${holder}`);
      const holder6 = v6 ? addr6Holder(ctx.db, lab, v6.ip6) : undefined;
      if (holder6) throw usage(`${v6!.ip6} on ${nic} is already used by jail ${holder6}`);
      const seq = takeSeq(ctx.db, lab, 1);
      record(
        ctx.db,
        lab,
        objects.map((o) => ({ ...o, owner: name })),
      );
      insertJail(ctx.db, {
        uuid,
        lab,
        name,
        seq,
        network: null,
        addr: ip,
        mac: macFromSeed(uuid, 'jail'),
        host_if: nic,
        state: 'creating',
        command: null,
        created_at: new Date().toISOString(),
        dhcp: 0,
        role: 'jail',
        owner: null,
        spec: null,
        env: null,
        wd: null,
        slot: null,
        expose: null,
        ssh: 0,
        root: 'shared',
        limits: null,
        workdir: null,
        ...(v6 ? { addr6: v6.ip6, addr6_mode: 'static' as const } : {}),
      });
      return getJail(ctx.db, lab, name)!;
    })
    .immediate();
  return { row, subnet: s, gateway, ...(v6 ? { v6: { subnet: v6.subnet, gateway: v6.gateway } } : {}) };
}
