// `vessel inventory`: an Ansible inventory of the lab's jails that run sshd, in INI or YAML.
import type { Command } from 'commander';
import { inventoryIni, inventoryYaml } from '../../core/inventory.js';
import { usage } from '../../util/errors.js';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel inventory` to the program. */
export function addInventory(p: Command, { out, withLab }: VesselCli): void {
  p.command('inventory')
    .description('print an Ansible inventory of the jails made with --ssh: a group per network and per counted family (web for web-1..3)')
    .option('--network <net>', 'only the jails of this network')
    .option('--format <format>', 'ini or yaml', 'ini')
    .option('--from <where>', 'host (ansible runs on the lab host, default) or upstream (from the outside, through each router)', 'host')
    .addHelpText(
      'after',
      `\nExamples:\n  vessel inventory > hosts.ini && ansible-inventory -i hosts.ini --list\n  vessel inventory --network=lan --format=yaml\n${EXIT_HELP}`,
    )
    .action(async (o: { network?: string; format: string; from: string }, cmd: Command) => {
      if (o.format !== 'ini' && o.format !== 'yaml') throw usage(`--format=${o.format}: expected ini or yaml`);
      if (o.from !== 'host' && o.from !== 'upstream') throw usage(`--from=${o.from}: expected host or upstream`);
      const from = o.from;
      await withLab(cmd, async (e, lab) => {
        const inv = await e.inventory(lab, o.network, from);
        out(o.format === 'ini' ? inventoryIni(inv) : inventoryYaml(inv));
      });
    });
}
