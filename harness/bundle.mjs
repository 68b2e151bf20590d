// Bundles each bin's compiled entry (dist/cli/*.js) into one file in dist/bin/, which bin/ loads: Node then reads
// one file instead of about 200 modules, and a `vessel` command starts in about half the time (bench/startup.mjs).
// better-sqlite3 stays outside: it is a native addon that finds its own compiled file.
import { build } from 'esbuild';

await build({
  entryPoints: { vessel: 'dist/cli/vessel-bin.js', 'vessel-cookbook': 'dist/cli/vessel-cookbook.js' },
  outdir: 'dist/bin',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
  banner: { js: "import { createRequire as vesselRequire } from 'node:module'; const require = vesselRequire(import.meta.url);" },
  logLevel: 'warning',
});
