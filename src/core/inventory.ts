// An Ansible inventory from a lab's state (pure): a group per network and per counted family, each host with its
// address, the lab's key and ssh config, and the jump through its router when reached from the outside.
import { stringify } from 'yaml';
import type { JailRow } from './model.js';

/** One host of the inventory. */
export interface InventoryHost {
  name: string;
  vars: Record<string, string>;
}

/** The inventory: every host, and the groups (name -> member hosts). */
export interface Inventory {
  hosts: InventoryHost[];
  groups: Map<string, string[]>;
}

/** A counted jail's family: `web` for `web-3`. */
export const familyOf = (name: string) => /^(.+)-\d+$/.exec(name)?.[1];

/** Ansible group names take letters, digits and underscores. */
const groupName = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');

/**
 * Builds the inventory of the jails that run sshd. `jumpOf` gives the router address to jump through (from the
 * outside), or undefined to go straight (from the lab host); `python` is the targets' interpreter.
 */
export function buildInventory(
  jails: Pick<JailRow, 'name' | 'addr' | 'network' | 'role' | 'ssh'>[],
  o: { sshConfig: string; key: string; jumpOf: (network: string) => string | undefined; python: string },
): Inventory {
  const hosts: InventoryHost[] = [];
  const groups = new Map<string, string[]>();
  const add = (g: string, h: string) => groups.set(g, [...(groups.get(g) ?? []), h]);
  for (const j of jails.filter((x) => x.ssh && x.addr && x.role !== 'router')) {
    const jump = j.network ? o.jumpOf(j.network) : undefined;
    hosts.push({
      name: j.name,
      vars: {
        ansible_host: j.addr!,
        ansible_user: 'root',
        ansible_ssh_private_key_file: o.key,
        ansible_ssh_common_args: `-F ${o.sshConfig}${jump ? ` -J root@${jump}` : ''}`,
        ansible_python_interpreter: o.python,
      },
    });
    if (j.network) add(groupName(j.network), j.name);
    const family = familyOf(j.name);
    if (family && groupName(family) !== groupName(j.network ?? '')) add(groupName(family), j.name);
  }
  return { hosts, groups };
}

/** The inventory as INI (hosts with their variables under [all], then a section per group). */
export function inventoryIni(inv: Inventory): string {
  const q = (v: string) => (/\s/.test(v) ? `'${v}'` : v);
  const lines = ['# Ansible inventory: written by vessel inventory', '[all]'];
  for (const h of inv.hosts)
    lines.push(
      `${h.name} ${Object.entries(h.vars)
        .map(([k, v]) => `${k}=${q(v)}`)
        .join(' ')}`,
    );
  for (const [g, members] of [...inv.groups].sort(([a], [b]) => a.localeCompare(b))) lines.push('', `[${g}]`, ...members);
  return `${lines.join('\n')}\n`;
}

/** The inventory as YAML (all.hosts with their variables, all.children per group). */
export function inventoryYaml(inv: Inventory): string {
  const children: Record<string, { hosts: Record<string, null> }> = {};
  for (const [g, members] of [...inv.groups].sort(([a], [b]) => a.localeCompare(b))) children[g] = { hosts: Object.fromEntries(members.map((m) => [m, null])) };
  return `# Ansible inventory: written by vessel inventory\n${stringify({ all: { hosts: Object.fromEntries(inv.hosts.map((h) => [h.name, h.vars])), children } })}`;
}
