// `vessel start`: start a stopped jail's DHCP client and service again.
import type { Command } from 'commander';
import { EXIT_HELP, jailName, type VesselCli } from './common.js';

/** Adds `vessel start` to the program. */
export function addStart(p: Command, { out, withLab }: VesselCli): void {
  p.command('start')
    .description("start a stopped jail's service again")
    .argument('<names...>', 'jails (names or UUID prefixes of 8+ characters)')
    .addHelpText('after', `\nExample:\n  vessel start web-1\n${EXIT_HELP}`)
    .action(async (names: string[], _o: unknown, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        for (const ref of names) {
          const n = jailName(e, lab, ref);
          await e.start(lab, n);
          out(`${n} started\n`);
        }
      });
    });
}
