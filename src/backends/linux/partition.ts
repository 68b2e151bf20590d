// Network partitions (vagga's vagga_partition): nftables inside each jail of two groups rejects the other group.
import { join } from 'node:path';
import type { JailRow } from '../../core/model.js';
import { getJail } from '../../state/jails.js';
import { usage } from '../../util/errors.js';
import { eui64Address } from '../../core/ipam6.js';
import type { LinuxContext } from './context.js';
import { jailNetns } from './names.js';
import { labPaths } from './paths.js';

/** The nft table a partition installs in each jail. */
export const PARTITION_TABLE = 'vessel_partition';

/**
 * The rules for one jail: anything to or from the other group is rejected at once. TCP gets a reset on
 * the way in; everything else an ICMP error, so probes and new connections fail immediately instead of
 * timing out.
 */
export function partitionRules(others: string[], others6: string[] = []): string {
  const set = `{ ${others.join(', ')} }`;
  const set6 = `{ ${others6.join(', ')} }`;
  // The same cut for the other group's IPv6 addresses: a partition that holds on IPv4 only is no partition.
  const six = (lines: string[]) => (others6.length ? lines : []);
  return [
    `table inet ${PARTITION_TABLE} {`,
    '  chain input {',
    '    type filter hook input priority 0; policy accept;',
    `    ip saddr ${set} meta l4proto tcp reject with tcp reset`,
    `    ip saddr ${set} reject with icmp type admin-prohibited`,
    ...six([`    ip6 saddr ${set6} meta l4proto tcp reject with tcp reset`, `    ip6 saddr ${set6} reject with icmpv6 type admin-prohibited`]),
    '  }',
    '  chain output {',
    '    type filter hook output priority 0; policy accept;',
    `    ip daddr ${set} reject with icmp type admin-prohibited`,
    ...six([`    ip6 daddr ${set6} reject with icmpv6 type admin-prohibited`]),
    '  }',
    '}',
    '',
  ].join('\n');
}

function resolveGroup(ctx: LinuxContext, lab: string, names: string[]): JailRow[] {
  return names.map((n) => {
    const j = getJail(ctx.db, lab, n);
    if (!j) throw usage(`partition: no jail named ${n} in lab ${lab}`);
    if (!j.addr) throw usage(`partition: jail ${n} has no address yet`);
    return j;
  });
}

/** Where the lab remembers which jails carry partition rules. */
function stateFile(ctx: LinuxContext, lab: string): string {
  return join(labPaths(ctx.runDir, lab).root, 'partition.json');
}

/** Drops the partition tables the lab recorded (jails destroyed since are skipped). */
async function clear(ctx: LinuxContext, lab: string): Promise<number> {
  const file = stateFile(ctx, lab);
  const text = await ctx.host.readFile(file);
  if (text === undefined) return 0;
  const names = JSON.parse(text) as string[];
  let cleared = 0;
  for (const n of names) {
    if (!getJail(ctx.db, lab, n)) continue;
    const r = await ctx.host.run(['nsenter', `--net=/run/netns/${jailNetns(lab, n)}`, '--', 'nft', 'delete', 'table', 'inet', PARTITION_TABLE], {
      allowFail: true,
    });
    if (r.code === 0) cleared++;
  }
  await ctx.host.remove(file);
  return cleared;
}

/** Cuts all traffic between group A and group B (idempotent: a new partition replaces the old one). */
export async function partition(ctx: LinuxContext, lab: string, a: string[], b: string[]): Promise<void> {
  if (a.length === 0 || b.length === 0) throw usage('partition: give two groups, e.g. vessel partition a,b -- c,d,e');
  const both = a.filter((n) => b.includes(n));
  if (both.length) throw usage(`partition: ${both.join(', ')} cannot be in both groups`);
  const ga = resolveGroup(ctx, lab, a);
  const gb = resolveGroup(ctx, lab, b);
  await clear(ctx, lab);
  await ctx.host.writeFile(stateFile(ctx, lab), JSON.stringify([...a, ...b]));
  for (const [mine, theirs] of [
    [ga, gb],
    [gb, ga],
  ] as const) {
    const rules = partitionRules(
      theirs.map((j) => j.addr!),
      // Their global and link-local IPv6 addresses (the link-local one is made from the MAC, as eth0 makes it).
      theirs.flatMap((j) => (j.addr6 ? [j.addr6, ...(j.mac ? [eui64Address('fe80::/64', j.mac)] : [])] : [])),
    );
    for (const j of mine) await ctx.host.run(['nsenter', `--net=/run/netns/${jailNetns(lab, j.name)}`, '--', 'nft', '-f', '-'], { input: rules });
  }
}

/** Removes the lab's partition; returns how many jails had rules (0: there was none). */
export async function heal(ctx: LinuxContext, lab: string): Promise<number> {
  return clear(ctx, lab);
}
