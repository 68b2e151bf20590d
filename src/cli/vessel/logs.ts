// `vessel logs`: a jail's service log.
import type { Command } from 'commander';
import { formatSize, type Limits } from '../../core/limits.js';
import { EXIT_HELP, jailName, type VesselCli } from './common.js';

/** Adds `vessel logs` to the program. */
export function addLogs(p: Command, { out, withLab }: VesselCli): void {
  p.command('logs')
    .description("print a jail's service log")
    .argument('<name>', 'jail (name or UUID prefix)')
    .addHelpText('after', `\nExample:\n  vessel logs web-1\n${EXIT_HELP}`)
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      await withLab(
        cmd,
        async (e, lab) => {
          const name = jailName(e, lab, ref);
          out(await e.log(lab, name));
          // A process the kernel killed for the memory limit wrote nothing about it: the engine says so.
          const kills = await e.memoryKills(lab, name);
          if (kills) {
            const limit = (JSON.parse(e.jail(lab, name).limits ?? '{}') as Limits).memory;
            process.stderr.write(
              `vessel: jail ${name} went over its memory limit (${limit ? formatSize(limit) : '?'}): the kernel killed ${kills} process(es) of it\n`,
            );
          }
        },
        undefined,
        true,
      );
    });
}
