// `vessel run-network`: a network that lives while this command runs (the seed's foreground form).
import type { Command } from 'commander';
import { EXIT_HELP, networkOptions, type VesselCli } from './common.js';

/** Adds `vessel run-network` to the program. */
export function addRunNetwork(p: Command, { out, withLab }: VesselCli): void {
  p.command('run-network')
    .description("create a network, keep it while this runs, and remove it on Ctrl-C or SIGTERM (the seed's foreground form)")
    .requiredOption('--name <name>', 'network name')
    .requiredOption('--subnet <cidr>', 'IPv4 subnet')
    .option('--domain <domain>', 'DNS domain (default NAME.test)')
    .option('--dhcp-range <first-last>', 'DHCP range inside the subnet')
    .option('--no-nat', 'router without NAT')
    .addHelpText('after', `\nExample:\n  vessel run-network --name=lan --subnet=192.168.1.0/24\n${EXIT_HELP}`)
    .action(async (o: { name: string; subnet: string; domain?: string; dhcpRange?: string; nat?: boolean }, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        const n = await e.createNetwork(lab, o.name, o.subnet, networkOptions(o));
        out(`network ${n.name} is up in lab ${lab} (router ${n.name}-router, domain ${n.domain}); Ctrl-C removes it\n`);
        // Signal listeners alone do not keep Node running: hold the loop open until one arrives.
        const keepAlive = setInterval(() => undefined, 1 << 30);
        const sig = await new Promise<NodeJS.Signals>((resolve) => {
          process.once('SIGINT', () => resolve('SIGINT'));
          process.once('SIGTERM', () => resolve('SIGTERM'));
        });
        clearInterval(keepAlive);
        await e.destroyNetwork(lab, n.name, true);
        out(`${sig}: network ${n.name} removed\n`);
      });
    });
}
