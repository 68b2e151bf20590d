// `vessel logs`: a jail's service log.
import type { Command } from 'commander';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel logs` to the program. */
export function addLogs(p: Command, { out, withLab }: VesselCli): void {
  p.command('logs')
    .description("print a jail's service log")
    .argument('<name>', 'jail')
    .addHelpText('after', `\nExample:\n  vessel logs web-1\n${EXIT_HELP}`)
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withLab(
        cmd,
        async (e, lab) => {
          e.jail(lab, name);
          out(await e.log(lab, name));
        },
        undefined,
        true,
      );
    });
}
