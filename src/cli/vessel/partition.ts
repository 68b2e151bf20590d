// `vessel partition`: cut all traffic between two groups of jails.
import type { Command } from 'commander';
import { usage } from '../../util/errors.js';
import { resolveJailRef } from '../../core/jail-ref.js';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel partition` to the program. */
export function addPartition(p: Command, { out, withLab }: VesselCli): void {
  p.command('partition')
    .description('cut all traffic between two groups of jails (replaces any earlier partition); `vessel heal` undoes it')
    .argument('<groups...>', 'A,B -- C,D,E')
    .addHelpText('after', `\nExample:\n  vessel partition node-1,node-2 -- node-3,node-4,node-5\n${EXIT_HELP}`)
    .action(async (groups: string[], _o: unknown, cmd: Command) => {
      // Commander drops the "--"; the two groups arrive as two comma lists.
      if (groups.length !== 2) throw usage('partition: give two groups, e.g. vessel partition a,b -- c,d,e');
      const [a, b] = groups.map((g) =>
        g
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ) as [string[], string[]];
      await withLab(cmd, async (e, lab) => {
        const name = (ref: string) => {
          const r = resolveJailRef(e.jails(lab), ref, lab);
          if ('error' in r) throw usage(`partition: ${r.error}`);
          return r.name;
        };
        const [ra, rb] = [a.map(name), b.map(name)];
        await e.partition(lab, ra, rb);
        out(`partitioned: ${a.join(', ')} | ${b.join(', ')}\n`);
      });
    });
}
