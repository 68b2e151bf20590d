// `vessel init`: set up the state database and the lab, with its uplink NIC.
import type { Command } from 'commander';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel init` to the program. */
export function addInit(p: Command, { out, withLab }: VesselCli): void {
  p.command('init')
    .description('set up the state database and the lab; idempotent')
    .option('--inet-nic <nic>', 'interface that leads outside (never chosen for you)')
    .addHelpText('after', `\nExample:\n  vessel init\n${EXIT_HELP}`)
    .action(async (o: { inetNic?: string }, cmd: Command) => {
      await withLab(
        cmd,
        async (e, lab) => {
          const uplink = await e.setInetNic(lab, o.inetNic);
          const l = e.getLab(lab)!;
          out(`lab ${lab} ready (${l.kind === 'run' ? 'created by vessel-cookbook run' : 'by hand'}; uplink: ${uplink})\n`);
        },
        o.inetNic,
      );
    });
}
