// The vessel-cookbook command line: argv → command handlers, one-line errors, contract exit statuses.
import { finishInside } from '../backends/registry.js';
import { BACKEND_NAMES } from '../backends/registry.js';
import { Command, CommanderError, Option } from 'commander';
import { checkCommand } from './commands/check.js';
import { listCommand } from './commands/list.js';
import { showCommand } from './commands/show.js';
import { runCommand } from './commands/run.js';
import { updateCommand } from './commands/update.js';
import { doctorCommand } from './commands/doctor.js';
import { planCommand } from './commands/plan.js';
import { reportCommand } from './commands/report.js';
import { graphCommand } from './commands/graph.js';
import { EXIT } from './common.js';
import { VesselError } from '../util/errors.js';
import { oneLine } from '../util/oneline.js';
import { VERSION } from './version.js';

const collect = (v: string, prev: string[]) => [...prev, v];

/** Builds the program; each action stores its exit status in `status.code`. */
export function buildProgram(status: { code: number }): Command {
  const program = new Command('vessel-cookbook')
    .description('Run executable Markdown recipes for jail networks as tests.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  vessel-cookbook check cookbook/
  vessel-cookbook run cookbook/getting-started.md
  vessel-cookbook run --reporter junit --out reports/ cookbook/

Exit status: 0 passed, 1 a step failed, 2 invalid recipe or usage, 3 the host cannot run it, 130/143 interrupted.`,
    );

  program
    .command('check')
    .description('check recipes against the recipe format; report every error as path:line: message')
    .argument('<files...>', 'recipe files or directories')
    .option('-q, --quiet', 'print nothing for files without errors')
    .addHelpText('after', '\nExample:\n  vessel-cookbook check cookbook/*.md   # exit 2 if any file has an error')
    .action(async (files: string[], o) => {
      status.code = await checkCommand(files, o);
    });

  program
    .command('list')
    .description('list recipes: path, title, summary, step count, engines and tags')
    .argument('[dir]', 'folder of recipes (default: ./cookbook, else .)')
    .option('--tag <tag>', 'only recipes with this tag (repeat for any of several)', collect, [])
    .option('--shard <i/n>', 'only shard i of n (numbered from 1)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  vessel-cookbook list cookbook --tag dns --shard 1/2')
    .action(async (dir: string | undefined, o) => {
      status.code = await listCommand(dir, o);
    });

  program
    .command('show')
    .description('show the steps of a recipe as the runner sees them, with line numbers')
    .argument('<files...>', 'recipe files')
    .addHelpText('after', '\nExample:\n  vessel-cookbook show cookbook/getting-started.md')
    .action(async (files: string[]) => {
      status.code = await showCommand(files);
    });

  program
    .command('run')
    .description('run recipes as tests: every file is checked first, teardown always runs')
    .argument('<files...>', 'recipe files or directories')
    .option(
      '-r, --reporter <name>',
      'pretty (default), tap, junit, json, html, github (repeatable; github: workflow commands next to pretty, and a job summary in $GITHUB_STEP_SUMMARY)',
      collect,
      [],
    )
    .option('-o, --out <dir>', 'write one report file per recipe and reporter into DIR')
    .option('--only <ids>', 'run only these steps (comma-separated name= ids or L<line>)')
    .option('--tag <tag>', 'only recipes with this tag (repeat for any of several)', collect, [])
    .option('--shard <i/n>', 'only shard i of n (numbered from 1)')
    .option('--bail', 'stop after the first failing recipe')
    .option('-j, --jobs <n>', 'run N recipes at once, each in its own lab (default 1)')
    .option('--keep', 'keep the work directory (and, with the engine, the lab) for inspection')
    .addOption(new Option('--engine <name>', 'backend to run on').choices(['linux', 'freebsd']))
    .option('--host <spec>', 'run the lab on a FreeBSD machine over SSH: ssh://[USER@]HOST[:PORT], or freebsd-vm (default: $VESSEL_HOST)')
    .option('--show-commands', 'show the engine commands (ip, nsenter, fping...) behind each step')
    .option('--step', 'learning mode, in a terminal: show the prose and the block before each step; Enter runs it, s skips, q quits, i opens a shell there')
    .option('--from <line>', 'with --step: run the steps before this recipe line without stopping, then step from there (42 or L42)')
    .option('--install-deps', "install the recipes' needs with apt-get (or pkg) before running")
    .option('--no-color', 'plain output without colours')
    .addHelpText(
      'after',
      `
Examples:
  vessel-cookbook run cookbook/getting-started.md
  vessel-cookbook run --reporter junit --out reports/ --shard 1/2 cookbook/
  vessel-cookbook run --only setup,L42 cookbook/getting-started.md
  vessel-cookbook run --step cookbook/getting-started.md     # learning mode
  vessel-cookbook run --step --from L108 cookbook/getting-started.md   # come back where you left off
  vessel-cookbook run --jobs 4 cookbook/`,
    )
    .action(async (files: string[], o) => {
      status.code = await runCommand(files, { ...o, color: o.color === false ? false : undefined });
    });

  program
    .command('update')
    .description('run recipes, then rewrite the expected output of every console command that did not match (the diff first)')
    .argument('<files...>', 'recipe files or directories')
    .option('--yes', 'write without asking')
    .option('--check', 'write nothing; exit 1 when a recipe would change (the CI job that catches documentation drift)')
    .addOption(new Option('--engine <name>', 'backend to run on').choices(['linux', 'freebsd']))
    .addHelpText(
      'after',
      `
Lines that still match stay exactly as written ((re), (glob) and ... too); a failing line is replaced, and a
non-zero exit gets [N]. A recipe that fails for another reason is reported, and nothing of it is written.

Examples:
  vessel-cookbook update cookbook/slots.md
  vessel-cookbook update --check cookbook/`,
    )
    .action(async (files: string[], o: { yes?: boolean; check?: boolean; engine?: string }) => {
      status.code = await updateCommand(files, o);
    });

  program
    .command('graph')
    .description("print a lab's topology as mermaid text (or SVG): a recipe's, from its vessel commands in plan mode, or a live or kept lab's")
    .argument('[file]', 'recipe file')
    .option('--lab <id>', 'a live or kept lab instead of a recipe')
    .option('--svg', 'print SVG (Graphviz dot) instead of mermaid')
    .addHelpText('after', '\nExamples:\n  vessel-cookbook graph cookbook/vlan.md\n  vessel-cookbook graph --svg --lab abc123 > lab.svg')
    .action(async (file: string | undefined, o) => {
      status.code = await graphCommand(file, o);
    });

  program
    .command('report')
    .description('write DIR/index.html: a table of the recipes reported in DIR (by --reporter html), linking to each report')
    .argument('<dir>', 'the --out DIR of a run with --reporter html')
    .addHelpText('after', '\nExample:\n  vessel-cookbook run --reporter html --out reports/ cookbook/ && vessel-cookbook report reports/')
    .action(async (dir: string) => {
      status.code = await reportCommand(dir);
    });

  program
    .command('plan')
    .description("print a backend's plan for recipes: every command, file and service start their vessel commands turn into (nothing runs, no root needed)")
    .argument('<files...>', 'recipe files or directories')
    .addOption(new Option('--engine <name>', 'backend to plan for').choices(BACKEND_NAMES).default('freebsd'))
    .option('--seed <seed>', 'seed for the lab id, UUIDs and MACs (plans are deterministic)')
    .option('-o, --out <dir>', 'write NAME.ENGINE.plan files into DIR instead of printing')
    .addHelpText(
      'after',
      '\nExamples:\n  vessel-cookbook plan --engine=freebsd cookbook/getting-started.md\n  vessel-cookbook plan --engine=linux cookbook/getting-started.md',
    )
    .action(async (files: string[], o) => {
      status.code = await planCommand(files, o);
    });

  program
    .command('doctor')
    .description('check that this host has what recipes need (front matter `needs:`), and optionally install it')
    .argument('[files...]', 'recipe files or directories (default: ./cookbook)')
    .option('--install-deps', 'install what is missing with apt-get (Debian) or pkg (FreeBSD)')
    .option('--packages <os>', 'print the packages (debian or freebsd) the recipes that run there need, one a line, and check nothing')
    .addHelpText(
      'after',
      '\nExamples:\n  vessel-cookbook doctor --install-deps cookbook/\n  pkg install -y $(vessel-cookbook doctor --packages=freebsd cookbook/)',
    )
    .action(async (files: string[], o) => {
      status.code = await doctorCommand(files, o);
    });
  return program;
}

/** Runs the CLI and exits with the command's status. */
export async function main(argv: string[]): Promise<void> {
  // A closed pipe (e.g. `| head`) ends output quietly instead of crashing.
  for (const s of [process.stdout, process.stderr]) {
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const status = { code: EXIT.ok as number };
  const program = buildProgram(status);
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') status.code = EXIT.ok;
      else status.code = EXIT.usage;
    } else if (e instanceof VesselError) {
      process.stderr.write(`vessel-cookbook: ${oneLine(e.message)}\n`);
      status.code = e.status;
    } else {
      const err = e as Error;
      process.stderr.write(
        `vessel-cookbook: internal error: ${err.message}${process.env.VESSEL_DEBUG ? `\n${err.stack}` : ' (set VESSEL_DEBUG=1 for details)'}\n`,
      );
      status.code = EXIT.failed;
    }
  }
  process.exitCode = status.code;
  await finishInside();
}

await main(process.argv);
