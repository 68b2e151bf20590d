// `vessel-cookbook doctor`: the engine's host checks plus the recipes' needs, and installing what is missing.
import { backendNamed, hostBackend } from '../../backends/registry.js';
import { installNeeds } from '../../harness/install.js';
import { defaultDir, EXIT, loadAll, printErrors } from '../common.js';
import { packagesFor } from '../../recipe/needs.js';

/** Checks (and with --install-deps installs) what the given recipes need. */
export async function doctorCommand(paths: string[], opts: { installDeps?: boolean; packages?: string }): Promise<number> {
  const { recipes, errors } = await loadAll(paths.length ? paths : [await defaultDir()]);
  if (printErrors(errors) > 0) return EXIT.usage;
  // --packages=OS: the packages that OS installs for the recipes that run on it (one table: recipe/needs.ts).
  if (opts.packages !== undefined) {
    const os = opts.packages;
    if (os !== 'debian' && os !== 'freebsd') {
      process.stderr.write(`vessel-cookbook: --packages=${os}: expected debian or freebsd\n`);
      return EXIT.usage;
    }
    const engine = os === 'freebsd' ? 'freebsd' : 'linux';
    const needs = ['bash', ...recipes.filter((r) => r.meta.engines.includes(engine)).flatMap((r) => r.meta.needs)];
    for (const p of packagesFor(os, needs)) process.stdout.write(`${p}\n`);
    return EXIT.ok;
  }
  const needs = [...new Set(['bash', ...recipes.flatMap((r) => r.meta.needs)])].sort();
  if (opts.installDeps) {
    const r = await installNeeds(needs);
    if (r.problem) {
      process.stderr.write(`${r.problem}\n`);
      return EXIT.cannotRun;
    }
  }
  const report = await backendNamed(hostBackend()).doctor(needs);
  process.stdout.write(report.text);
  if (!report.ok) {
    const missing = report.text
      .split('\n')
      .filter((l) => l.startsWith('missing'))
      .map((l) => l.replace(/^missing\s+/, '').split(' ')[0]);
    process.stderr.write(
      `missing: ${missing.join(', ')}; run \`vessel-cookbook doctor --install-deps\`${report.missingPackages.length ? ` (${report.system} packages: ${report.missingPackages.join(' ')})` : ''}\n`,
    );
    return EXIT.cannotRun;
  }
  return EXIT.ok;
}
