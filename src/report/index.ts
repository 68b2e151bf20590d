// Builds the reporters a run asked for, enforcing the contract's Reporters rules.
import { usage } from '../util/errors.js';
import { didYouMean } from '../util/suggest.js';
import { DocumentReporter, ReportNames, type FileFormat } from './files.js';
import { GithubReporter } from './github-reporter.js';
import { PrettyReporter } from './pretty.js';
import { HtmlReporter, type SvgDrawer } from './html-reporter.js';
import { ParallelPrettyReporter } from './parallel.js';
import type { Reporter } from './reporter.js';

/** Every reporter name in the contract. */
export const REPORTER_NAMES = ['pretty', 'tap', 'junit', 'json', 'html', 'github'] as const;

/** The reporters for `names` (default pretty) writing to `outDir` or stdout. */
export function makeReporters(
  names: string[],
  outDir: string | undefined,
  stdout: NodeJS.WriteStream,
  color: boolean,
  showCommands = false,
  live = true,
  jobs = 1,
  drawSvg?: SvgDrawer,
  githubSummary?: string,
): Reporter[] {
  const wanted = names.length === 0 ? ['pretty'] : [...new Set(names)];
  for (const n of wanted) {
    if (!(REPORTER_NAMES as readonly string[]).includes(n)) {
      throw usage(`unknown reporter "${n}"${didYouMean(n, REPORTER_NAMES)}; known: ${REPORTER_NAMES.join(', ')}`);
    }
    if ((n === 'junit' || n === 'html') && !outDir) throw usage(`--reporter ${n} writes files and needs --out DIR`);
  }
  const toStdout = wanted.filter((n) => n === 'tap' || n === 'json');
  if (!outDir && toStdout.length > 1) throw usage(`--reporter ${toStdout.join(' and ')} would both write to stdout; give --out DIR`);
  const reporters: Reporter[] = [];
  const names2 = new ReportNames();
  const prettyOn = outDir !== undefined || toStdout.length === 0;
  if (prettyOn)
    reporters.push(
      jobs > 1
        ? new ParallelPrettyReporter(stdout, color, showCommands, jobs)
        : new PrettyReporter({ stream: stdout, live: live && Boolean(stdout.isTTY), color, showCommands }),
    );
  for (const n of wanted) {
    if (n === 'html') reporters.push(new HtmlReporter(outDir!, names2, drawSvg));
    // github prints workflow commands next to pretty (and writes the job summary when GitHub gives a file for it).
    if (n === 'github') reporters.push(new GithubReporter(stdout, githubSummary));
    if (n === 'pretty' || n === 'html' || n === 'github') continue;
    reporters.push(new DocumentReporter(n as FileFormat, outDir ? { dir: outDir, names: names2 } : { stream: stdout }));
  }
  return reporters;
}
