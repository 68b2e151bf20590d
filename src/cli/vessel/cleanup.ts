// `vessel cleanup`: reconcile the state with the host and remove what dead runs left.
import type { Command } from 'commander';
import { EXIT_HELP, type Globals, type VesselCli } from './common.js';

/** Adds `vessel cleanup` to the program. */
export function addCleanup(p: Command, { open, out }: VesselCli): void {
  p.command('cleanup')
    .description('reconcile state with the kernel; remove what belongs to dead labs (kept labs stay)')
    .addHelpText('after', `\nExample:\n  vessel cleanup      # after a SIGKILLed vessel-cookbook run\n${EXIT_HELP}`)
    .action(async (_o: unknown, cmd: Command) => {
      const e = await open(cmd.optsWithGlobals() as Globals, true);
      try {
        const r = await e.cleanup();
        for (const line of r.lines)
          out(`${line}
`);
        const left = r.left.map((l) => `${l.id}${l.kept ? ' (kept)' : ''}${l.kind === 'manual' ? ' (by hand)' : ''}`);
        out(`labs left: ${left.length ? left.join(', ') : 'none'}
`);
      } finally {
        e.close();
      }
    });
}
