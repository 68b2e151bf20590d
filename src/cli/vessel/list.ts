// `vessel list`: the jails of the lab.
import type { Command } from 'commander';
import { shortUuid } from '../../core/jail-ref.js';
import { EXIT_HELP, table, type VesselCli } from './common.js';

/** Adds `vessel list` to the program. */
export function addList(p: Command, { out, withLab }: VesselCli): void {
  p.command('list')
    .description('list the jails of the lab')
    .option('--json', 'print JSON')
    .addHelpText('after', `\nExample:\n  vessel list\n${EXIT_HELP}`)
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withLab(
        cmd,
        async (e, lab) => {
          const js = e.jails(lab);
          if (o.json)
            out(
              JSON.stringify(
                js.map((j) => ({
                  name: j.name,
                  uuid: j.uuid,
                  network: j.network,
                  addr: j.addr,
                  mac: j.mac,
                  slot: j.slot,
                  state: j.state,
                  root: j.root,
                  limits: j.limits ? JSON.parse(j.limits) : null,
                  command: j.command ? JSON.parse(j.command) : null,
                })),
                null,
                2,
              ) + '\n',
            );
          else if (js.length === 0) out(e.getLab(lab) ? `no jails in lab ${lab}\n` : `no lab ${lab} yet, so no jails\n`);
          else
            out(
              table([
                ['NAME', 'NETWORK', 'ADDR', 'STATE', 'ROOT', 'UUID'],
                ...js.map((j) => [j.name, j.network ?? `alias:${j.host_if}`, j.addr ?? '-', j.state, j.root, shortUuid(j.uuid)]),
              ]),
            );
        },
        undefined,
        true,
      );
    });
}
