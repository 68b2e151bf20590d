// The `vessel` engine CLI: labs, networks and jails on this host, in the shape of the vessel design notes.
// Each subcommand lives in its own file under vessel/.
import { Command, CommanderError } from 'commander';
import { hostBackend, openBackend } from '../backends/registry.js';
import { VesselError, usage } from '../util/errors.js';
import { runRootless, wantsRootless } from '../backends/registry.js';
import { oneLine } from '../util/oneline.js';
import { VERSION } from './version.js';
import { addCleanup } from './vessel/cleanup.js';
import { EXIT_HELP, insideJail, withLabOf, type Opener, type VesselCli } from './vessel/common.js';
import { addDestroy } from './vessel/destroy.js';
import { addDoctor } from './vessel/doctor.js';
import { addExec } from './vessel/exec.js';
import { addSsh } from './vessel/ssh.js';
import { addInventory } from './vessel/inventory.js';
import { addHeal } from './vessel/heal.js';
import { addInit } from './vessel/init.js';
import { addList } from './vessel/list.js';
import { addLogs } from './vessel/logs.js';
import { addNetwork } from './vessel/network.js';
import { addPartition } from './vessel/partition.js';
import { addRun } from './vessel/run.js';
import { addRunNetwork } from './vessel/run-network.js';
import { addLimits } from './vessel/limits.js';
import { addSnapshots } from './vessel/snapshot.js';
import { addStart } from './vessel/start.js';
import { addStop } from './vessel/stop.js';
import { addSupervise } from './vessel/supervise.js';

export type { Opener } from './vessel/common.js';

/** Opens this machine's backend with this invocation's logging ($VESSEL_ENGINE may only name it). */
const openHere: Opener = async (g, noReconcile = false) => {
  if (insideJail()) throw usage('vessel runs on the lab host, not inside a jail: leave the jail (or drop jail= from the step) and run it there');
  const remote = g.host ?? process.env.VESSEL_HOST;
  const wanted = process.env.VESSEL_ENGINE ?? (remote ? 'freebsd' : hostBackend());
  // An ordinary user's engine runs in their rootless lab host: this same command, again, in there.
  if (wanted === 'linux' && !remote && wantsRootless()) process.exit(await runRootless((l) => void process.stderr.write(`vessel: ${l}\n`)));
  return openBackend(
    wanted,
    {
      noReconcile,
      ...(g.verbose ? { verbose: true } : {}),
      ...(process.env.VESSEL_COMMAND_LOG ? { logFile: process.env.VESSEL_COMMAND_LOG } : {}),
      ...(remote ? { remote } : {}),
    },
    'VESSEL_ENGINE',
  );
};

/** Builds the vessel program (`open` picks the backend; plan mode passes a recording one). */
export function buildVessel(
  open: Opener = openHere,
  out: (s: string) => void = (s) => void process.stdout.write(s),
  embedded?: VesselCli['embedded'],
): Command {
  const p = new Command('vessel')
    .description('Create labs, networks and jails on this host (the built-in engine of vessel-cookbook).')
    .version(VERSION, '-V, --version')
    .option('-v, --verbose', 'print every action the engine takes on the host (commands, files, service starts)')
    .option('--lab <id>', 'act on this lab (default: $VESSEL_LAB, else "default")')
    .option('--host <spec>', 'manage another machine over SSH: ssh://[USER@]HOST[:PORT], or freebsd-vm (default: $VESSEL_HOST, else this one)')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Example:
  vessel network --create --name=lan --subnet=192.168.1.0/24
  vessel run --name=web --count=3 --network=lan
  vessel exec web-1 -- ip -brief addr
${EXIT_HELP}`,
    );
  const cli: VesselCli = { open, out, withLab: withLabOf(open), ...(embedded ? { embedded } : {}) };
  for (const add of [
    addInit,
    addNetwork,
    addSupervise,
    addPartition,
    addHeal,
    addRunNetwork,
    addRun,
    addExec,
    addSsh,
    addInventory,
    addList,
    addStop,
    addStart,
    addDestroy,
    addSnapshots,
    addLimits,
    addLogs,
    addCleanup,
    addDoctor,
  ])
    add(p, cli);
  return p;
}

/** Runs the vessel CLI on argv (node, script, args...); returns the exit status. */
export async function main(argv: string[], open: Opener = openHere, io: { out?: (s: string) => void; err?: (s: string) => void } = {}): Promise<number> {
  const err = io.err ?? ((s: string) => void process.stderr.write(s));
  const program = buildVessel(open, io.out, io.out && io.err ? { err } : undefined);
  program.exitOverride();
  if (io.err) program.configureOutput({ writeErr: err, writeOut: io.out ?? err });
  for (const c of program.commands) {
    c.exitOverride();
    if (io.err) c.configureOutput({ writeErr: err, writeOut: io.out ?? err });
  }
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code) ? 0 : 2;
    if (e instanceof VesselError) {
      err(`vessel: ${oneLine(e.message)}\n`);
      return e.status;
    }
    const x = e as Error;
    err(`vessel: internal error: ${oneLine(x.message)}${process.env.VESSEL_DEBUG ? `\n${x.stack}` : ''}\n`);
    return 1;
  }
}
