// `vessel ssh`: log in to a jail that runs sshd, with the lab's key and known_hosts, through the router from outside.
import type { Command } from 'commander';
import { usage } from '../../util/errors.js';
import { EXIT_HELP, jailName, passThrough, type VesselCli } from './common.js';

/** Adds `vessel ssh` to the program. */
export function addSsh(p: Command, cli: VesselCli): void {
  const { out, withLab } = cli;
  p.command('ssh')
    .description("ssh into a jail made with --ssh: the lab's key, root, its checked host key; --from=upstream goes through the router (ssh -J)")
    .argument('<name>', 'jail')
    .argument('[command...]', 'command to run, after --')
    .option('--from <where>', 'host (the lab host, default) or upstream (the outside, through the network router as a jump host)', 'host')
    .option('--print', 'print the ssh command line instead of running it')
    .addHelpText('after', `\nExamples:\n  vessel ssh web-1 -- hostname\n  vessel ssh --from=upstream web-1 -- hostname\n${EXIT_HELP}`)
    .action(async (name: string, command: string[], o: { from: string; print?: boolean }, cmd: Command) => {
      if (o.from !== 'host' && o.from !== 'upstream') throw usage(`--from=${o.from}: expected host or upstream`);
      const from = o.from;
      const code = await withLab(cmd, async (e, lab) => {
        const argv = await e.sshArgv(lab, jailName(e, lab, name), command, from);
        if (o.print) {
          out(`${argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')}\n`);
          return 0;
        }
        // A recording backend (plan mode) only notes the command.
        if (!e.ctx.host.live) return (await e.ctx.host.run(argv)).code;
        // On a machine over SSH, through SSH, with this terminal.
        return passThrough(cli, e.ctx.host.interactiveArgv?.(argv) ?? argv);
      });
      process.exitCode = code;
    });
}
