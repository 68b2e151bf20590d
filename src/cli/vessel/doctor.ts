// `vessel doctor`: check root, the engine's tools and cgroup v2; print install commands.
import type { Command } from 'commander';
import { backendNamed, hostBackend } from '../../backends/registry.js';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel doctor` to the program. */
export function addDoctor(p: Command, { out }: VesselCli): void {
  p.command('doctor')
    .description('check root, iproute2, nft, cgroup v2 and probe tools; print install commands')
    .addHelpText('after', `\nExample:\n  vessel doctor\n${EXIT_HELP}`)
    .action(async () => {
      const r = await backendNamed(hostBackend()).doctor([]);
      out(r.text);
      process.exitCode = r.ok ? 0 : 3;
    });
}
