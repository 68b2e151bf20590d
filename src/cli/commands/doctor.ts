// `vessel-cookbook doctor`: which logical needs of the recipes this host lacks, and installing them.
import { execa } from 'execa';
import { missingNeeds } from '../../harness/needs.js';
import { NEEDS } from '../../recipe/needs.js';
import { defaultDir, EXIT, loadAll, printErrors } from '../common.js';

/** Checks (and with --install-deps installs) the needs of the given recipes. */
export async function doctorCommand(paths: string[], opts: { installDeps?: boolean }): Promise<number> {
  const { recipes, errors } = await loadAll(paths.length ? paths : [await defaultDir()]);
  if (printErrors(errors) > 0) return EXIT.usage;
  const needs = [...new Set(['bash', ...recipes.flatMap((r) => r.meta.needs)])].sort();
  let missing = await missingNeeds(needs);
  for (const n of needs) process.stdout.write(`${missing.includes(n) ? 'missing' : 'ok     '}  ${n}\n`);
  if (missing.length === 0) return EXIT.ok;
  const freebsd = process.platform === 'freebsd';
  const pkgs = [...new Set(missing.flatMap((n) => (freebsd ? NEEDS[n]!.freebsd : NEEDS[n]!.debian)))];
  if (!opts.installDeps) {
    process.stderr.write(`missing: ${missing.join(', ')}; run \`vessel-cookbook doctor --install-deps\` (packages: ${pkgs.join(' ')})\n`);
    return EXIT.cannotRun;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write(`installing ${pkgs.join(' ')} needs root; run this again as root\n`);
    return EXIT.cannotRun;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = async (file: string, args: string[]) => (await execa(file, args, { stdio: 'inherit', reject: false, env })).exitCode ?? 1;
  if (freebsd) await run('pkg', ['install', '-y', ...pkgs]);
  else if ((await run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs])) !== 0) {
    await run('apt-get', ['update']);
    await run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs]);
  }
  missing = await missingNeeds(needs);
  if (missing.length > 0) {
    process.stderr.write(`still missing after installing: ${missing.join(', ')}\n`);
    return EXIT.cannotRun;
  }
  process.stdout.write('all needs are installed\n');
  return EXIT.ok;
}
