// What the bench scripts share: the built engine, a root check, seconds, and "evaluate until every assertion passes".
import { path } from 'zx';

/** The repository root. */
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Imports a module of the built dist/. */
export const dist = (mod) => import(path.join(root, 'dist', mod));

/** Exits 3 unless root: every bench makes namespaces. */
export function requireRoot(name) {
  if (process.getuid() !== 0) {
    console.error(`${name} needs root`);
    process.exit(3);
  }
}

/** Milliseconds as seconds with two decimals. */
export const secs = (ms) => (ms / 1000).toFixed(2);

const { evaluate } = await dist('assert/evaluate.js');
const { LinuxProber } = await dist('backends/linux/probes.js');
const { parseAssertions } = await dist('assert/grammar.js');
const { facts } = await dist('backends/linux/run-lab.js');
const { view } = await dist('harness/lab-view.js');
const { UPSTREAM } = await dist('core/upstream.js');

/** Evaluates assertion lines (16 at a time) until all pass or `ms` runs out. */
export async function assertUntil(engine, lab, lines, ms = 30_000) {
  const prober = new LinuxProber(engine.ctx.host, { lab, runDir: engine.ctx.runDir, cgroupRoot: engine.ctx.cgroupRoot }, facts(engine, lab));
  const as = parseAssertions(lines.join('\n'), 1).assertions;
  const end = Date.now() + ms;
  for (;;) {
    const v = view(engine, lab, engine.getLab(lab)?.uplink === 'simulated' ? UPSTREAM.www : undefined);
    const failed = [];
    for (let i = 0; i < as.length; i += 16) {
      const outs = await Promise.all(as.slice(i, i + 16).map((a) => evaluate(a, v, prober)));
      failed.push(...outs.filter((o) => !o.ok));
    }
    if (failed.length === 0) return { ok: true, n: as.length };
    if (Date.now() > end) return { ok: false, n: as.length, failed: failed.length, first: failed[0].details[0] };
  }
}
