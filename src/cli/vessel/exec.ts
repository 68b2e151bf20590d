// `vessel exec`: run a command inside a jail, stdio and exit status passed through.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { formatSize, type Limits } from '../../core/limits.js';
import { EXIT_HELP, jailName, passThrough, type VesselCli } from './common.js';

/** Adds `vessel exec` to the program. */
export function addExec(p: Command, cli: VesselCli): void {
  const { withLab } = cli;
  p.command('exec')
    .description('run a command inside a jail; stdio and exit status pass through')
    .argument('<name>', 'jail (name or UUID prefix)')
    .argument('<command...>', 'command, after --')
    .addHelpText('after', `\nExample:\n  vessel exec web-1 -- hostname\n${EXIT_HELP}`)
    .action(async (ref: string, command: string[], _o: unknown, cmd: Command) => {
      const code = await withLab(cmd, async (e, lab) => {
        const name = jailName(e, lab, ref);
        // This folder, where the jail can see it; a machine over SSH has no such folder: its root.
        const wd = !e.ctx.host.interactiveArgv && existsSync(process.cwd()) ? process.cwd() : '/';
        const argv = [...e.enterArgv(lab, name, wd), ...command];
        // A recording backend (plan mode) only notes the command.
        if (!e.ctx.host.live) return (await e.ctx.host.run(argv)).code;
        const kills = await e.memoryKills(lab, name);
        // On a machine over SSH, through SSH, with this terminal.
        const code = await passThrough(cli, e.ctx.host.interactiveArgv?.(argv) ?? argv);
        // Killed by the kernel for the jail's memory limit: say so, since the command itself cannot.
        if (kills !== undefined && ((await e.memoryKills(lab, name)) ?? 0) > kills) {
          const limit = (JSON.parse(e.jail(lab, name).limits ?? '{}') as Limits).memory;
          (cli.embedded?.err ?? ((s: string) => void process.stderr.write(s)))(
            `vessel: jail ${name} went over its memory limit (${limit ? formatSize(limit) : '?'}): the kernel killed a process of it\n`,
          );
        }
        return code;
      });
      process.exitCode = code;
    });
}
