// `vessel exec`: run a command inside a jail, stdio and exit status passed through.
import type { Command } from 'commander';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel exec` to the program. */
export function addExec(p: Command, { withLab }: VesselCli): void {
  p.command('exec')
    .description('run a command inside a jail; stdio and exit status pass through')
    .argument('<name>', 'jail')
    .argument('<command...>', 'command, after --')
    .addHelpText('after', `\nExample:\n  vessel exec web-1 -- hostname\n${EXIT_HELP}`)
    .action(async (name: string, command: string[], _o: unknown, cmd: Command) => {
      const code = await withLab(cmd, async (e, lab) => {
        e.jail(lab, name);
        const wd = existsSync(process.cwd()) ? process.cwd() : '/';
        const argv = [...e.enterArgv(lab, name, wd), ...command];
        // A recording backend (plan mode) only notes the command.
        if (!e.ctx.host.live) return (await e.ctx.host.run(argv)).code;
        const r = await execa(argv[0]!, argv.slice(1), { stdio: 'inherit', reject: false });
        return r.exitCode ?? 1;
      });
      process.exitCode = code;
    });
}
