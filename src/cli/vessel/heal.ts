// `vessel heal`: remove the partition.
import type { Command } from 'commander';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel heal` to the program. */
export function addHeal(p: Command, { out, withLab }: VesselCli): void {
  p.command('heal')
    .description('remove the partition; a notice (exit 0) when there is none')
    .addHelpText('after', `\nExample:\n  vessel heal\n${EXIT_HELP}`)
    .action(async (_o: unknown, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        const n = await e.heal(lab);
        out(n === 0 ? `no partition in lab ${lab}; nothing to heal\n` : `healed (${n} jail(s) had partition rules)\n`);
      });
    });
}
