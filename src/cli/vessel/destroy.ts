// `vessel destroy`: destroy jails, every jail of the lab, or a whole lab.
import type { Command } from 'commander';
import { usage } from '../../util/errors.js';
import { EXIT_HELP, type Globals, jailName, type VesselCli } from './common.js';

/** Adds `vessel destroy` to the program. */
export function addDestroy(p: Command, { open, out, withLab }: VesselCli): void {
  p.command('destroy')
    .description('destroy jails, every jail of the lab (--all), or a whole lab (--lab ID, also a kept one)')
    .argument('[names...]', 'jails')
    .option('--all', 'every jail of the lab')
    .addHelpText('after', `\nExamples:\n  vessel destroy web-1\n  vessel destroy --all\n  vessel --lab abc123 destroy --lab abc123\n${EXIT_HELP}`)
    .action(async (names: string[], o: { all?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as Globals & { all?: boolean };
      if (names.length === 0 && !o.all && !g.lab) throw usage('destroy: name jails, or give --all or --lab ID');
      if (names.length === 0 && !o.all && g.lab) {
        const e = await open(g);
        try {
          if (!e.getLab(g.lab)) throw usage(`no lab ${g.lab}`);
          await e.destroyLab(g.lab);
          out(`lab ${g.lab} destroyed\n`);
        } finally {
          e.close();
        }
        return;
      }
      await withLab(cmd, async (e, lab) => {
        const targets = o.all ? e.jails(lab).map((j) => j.name) : names.map((r) => jailName(e, lab, r));
        await e.destroy(lab, targets);
        out(`destroyed ${targets.length} jail(s)\n`);
      });
    });
}
