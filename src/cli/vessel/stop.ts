// `vessel stop`: kill every process in a jail; its namespaces and address stay.
import type { Command } from 'commander';
import { EXIT_HELP, jailName, type VesselCli } from './common.js';

/** Adds `vessel stop` to the program. */
export function addStop(p: Command, { out, withLab }: VesselCli): void {
  p.command('stop')
    .description('kill every process in a jail; its namespaces and address stay')
    .argument('<names...>', 'jails (names or UUID prefixes of 8+ characters)')
    .addHelpText('after', `\nExample:\n  vessel stop web-1\n${EXIT_HELP}`)
    .action(async (names: string[], _o: unknown, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        for (const ref of names) {
          const n = jailName(e, lab, ref);
          await e.stop(lab, n);
          out(`${n} stopped\n`);
        }
      });
    });
}
