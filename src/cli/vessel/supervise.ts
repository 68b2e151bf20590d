// `vessel supervise`: bring the lab to what a supervisor file describes, or take it down.
import type { Command } from 'commander';
import { superviseDown, superviseUp } from '../../core/supervise.js';
import { readTextFile } from '../../recipe/textfile.js';
import { parseSupervisor } from '../../core/supervisor/model.js';
import { usage } from '../../util/errors.js';
import { oneLine } from '../../util/oneline.js';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel supervise` to the program. */
export function addSupervise(p: Command, { out, withLab }: VesselCli): void {
  p.command('supervise')
    .description('bring the lab to what one supervisor INI file describes; --down removes it, --check only validates')
    .argument('<file>', 'supervisor file with [network:NAME] and [jail:NAME] sections')
    .option('--down', 'remove every network and jail the file made')
    .option('--check', 'only check the file (exit 2 with path:line errors)')
    .addHelpText(
      'after',
      `\nExamples:\n  vessel supervise --check cluster.ini\n  vessel supervise cluster.ini          # idempotent: run it again to apply changes\n  vessel supervise --down cluster.ini\n${EXIT_HELP}`,
    )
    .action(async (path: string, o: { down?: boolean; check?: boolean }, cmd: Command) => {
      const t = await readTextFile(path, 'a supervisor file');
      if ('line' in t) throw usage(`${path}${t.line > 0 ? `:${t.line}` : ''}: ${t.message}`);
      const { file, problems } = parseSupervisor(path, t.text);
      if (problems.length) {
        for (const pr of problems) process.stderr.write(`${pr.path}:${pr.line}: ${oneLine(pr.message)}\n`);
        process.exitCode = 2;
        return;
      }
      if (o.check) {
        out(
          `${path}: ok (${file.networks.length} network(s), ${file.jails.length} jail section(s), start order: ${file.jails.map((j) => j.name).join(', ')})\n`,
        );
        return;
      }
      await withLab(cmd, async (e, lab) => {
        if (o.down) await superviseDown(e, lab, file, (l) => out(`${l}\n`));
        else await superviseUp(e, lab, file, (l) => out(`${l}\n`));
      });
    });
}
