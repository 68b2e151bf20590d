// `vessel limits` and `vessel set`: a jail's limits next to what it uses, and changing them on a running jail.
import type { Command } from 'commander';
import { describeLimits, parseLimitPairs } from '../../core/limits.js';
import { usage } from '../../util/errors.js';
import { EXIT_HELP, jailName, type VesselCli } from './common.js';

/** Adds `vessel limits` and `vessel set` to the program. */
export function addLimits(p: Command, { out, withLab }: VesselCli): void {
  p.command('limits')
    .description("print a jail's limits and what it uses now: memory, CPU time, processes")
    .argument('<name>', 'jail (name or UUID prefix)')
    .addHelpText('after', `\nExample:\n  vessel limits web\n${EXIT_HELP}`)
    .action(async (v: string, _o: unknown, cmd: Command) => {
      await withLab(cmd, async (e, lab) => out(await e.limits(lab, jailName(e, lab, v))));
    });
  p.command('set')
    .description('change limits of a jail, running or not: memory=SIZE cpus=N pids=N')
    .argument('<name>', 'jail (name or UUID prefix)')
    .argument('<settings...>', 'KEY=VALUE: memory=256M, cpus=0.5, pids=100')
    .addHelpText('after', `\nExample:\n  vessel set web memory=256M pids=100\n${EXIT_HELP}`)
    .action(async (v: string, pairs: string[], _o: unknown, cmd: Command) => {
      const limits = parseLimitPairs(pairs);
      if (typeof limits === 'string') throw usage(limits);
      await withLab(cmd, async (e, lab) => {
        const name = jailName(e, lab, v);
        await e.setLimits(lab, name, limits);
        out(`${name}: ${describeLimits(limits)}\n`);
      });
    });
}
