// `vessel start`: start a stopped jail's DHCP client and service again.
import type { Command } from 'commander';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel start` to the program. */
export function addStart(p: Command, { out, withLab }: VesselCli): void {
  p.command('start')
    .description("start a stopped jail's service again")
    .argument('<names...>', 'jails')
    .addHelpText('after', `\nExample:\n  vessel start web-1\n${EXIT_HELP}`)
    .action(async (names: string[], _o: unknown, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        for (const n of names) {
          await e.start(lab, n);
          out(`${n} started\n`);
        }
      });
    });
}
