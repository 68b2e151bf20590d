// The `vessel` engine CLI. Its commands are declared here; the built-in engine behind them comes next.
import { Command, CommanderError } from 'commander';
import { VERSION } from './version.js';

const NOT_YET = 3;

function notYet(what: string): never {
  process.stderr.write(`vessel ${what}: the built-in engine is not part of this version yet\n`);
  process.exit(NOT_YET);
}

/** Builds the vessel program with every command of the seed design. */
export function buildVessel(): Command {
  const p = new Command('vessel').description('Create labs, networks and jails (the built-in engine of vessel-cookbook).').version(VERSION, '-V, --version');
  p.addHelpText('after', `
Example:
  vessel network --create --name=lan --subnet=192.168.1.0/24
  vessel run --name=web --network=lan --addr=dhcp`);
  p.command('init').description('prepare the lab and its uplink').option('--inet-nic <nic>', 'interface that leads outside')
    .addHelpText('after', '\nExample:\n  vessel init --inet-nic=vc-uplink').action(() => notYet('init'));
  p.command('network').description('create, list or destroy networks')
    .option('--create', 'create a network').option('--destroy', 'destroy a network').option('--list', 'list networks')
    .option('--name <name>', 'network name').option('--subnet <cidr>', 'IPv4 subnet')
    .addHelpText('after', '\nExample:\n  vessel network --create --name=lan --subnet=192.168.1.0/24').action(() => notYet('network'));
  p.command('run').description('create and start a jail').option('--name <name>', 'jail name').option('--network <net>', 'network to join')
    .option('--addr <addr>', 'IP address, auto or dhcp').option('--count <n>', 'create NAME-1..NAME-n')
    .addHelpText('after', '\nExample:\n  vessel run --name=web --network=lan --addr=dhcp').action(() => notYet('run'));
  p.command('cleanup').description('remove everything left by runs that are gone')
    .addHelpText('after', '\nExample:\n  vessel cleanup').action(() => notYet('cleanup'));
  p.command('destroy').description('remove a lab').option('--lab <id>', 'lab id')
    .addHelpText('after', '\nExample:\n  vessel destroy --lab abc123').action(() => notYet('destroy'));
  return p;
}

const program = buildVessel();
program.exitOverride();
for (const c of program.commands) c.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code) ? 0 : 2;
  else {
    process.stderr.write(`vessel: internal error: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
