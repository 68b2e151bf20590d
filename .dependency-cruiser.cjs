// The layering of vessel-cookbook, checked by dependency-cruiser (npm run lint:layers; test/unit/layers.test.ts).
/** Node's process and database modules, and the packages that run programs. */
const PROCESS = '^(node:)?(child_process|fs|fs/promises|net|os)$|(^|node_modules/)(execa|better-sqlite3|zx)(/|$)';

/**
 * The folders as layers, each with the folders it may import: a DAG by construction, so no cycle between folders
 * (which file-level cycle detection cannot see) can form. Anything not allowed here is an error (`not-in-allowed`).
 */
const LAYERS = {
  util: [],
  assert: ['util'],
  recipe: ['assert', 'util'],
  match: ['recipe', 'util'],
  report: ['recipe', 'util'],
  plan: ['recipe', 'util'],
  state: ['util'],
  core: ['state', 'recipe', 'assert', 'util'],
  host: ['core', 'recipe', 'util'],
  exec: ['report', 'util'],
  'backends/linux': ['core', 'host', 'exec', 'state', 'assert', 'util'],
  'backends/freebsd': ['core', 'host', 'state', 'assert', 'util'],
  'backends/registry': ['backends/linux', 'backends/freebsd', 'core', 'host', 'util'],
  harness: ['backends/registry', 'core', 'host', 'exec', 'match', 'recipe', 'report', 'assert', 'util'],
  cli: ['backends/registry', 'harness', 'core', 'host', 'exec', 'state', 'plan', 'match', 'recipe', 'report', 'assert', 'util'],
};
const folder = (f) => (f === 'backends/registry' ? '^src/backends/registry[.]ts$' : `^src/${f}/`);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  allowed: [
    { from: { path: '^src/' }, to: { pathNot: '^src/' } },
    ...Object.entries(LAYERS).map(([f, may]) => ({
      from: { path: folder(f) },
      to: { path: [f, ...may].map(folder).join('|') },
    })),
  ],
  allowedSeverity: 'error',
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycle, between files or between folders.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'recipe-parser-is-pure',
      severity: 'error',
      comment: 'The recipe parser imports no process, file or database code, and nothing above it (load.ts and textfile.ts read files).',
      from: { path: '^src/recipe/', pathNot: '^src/recipe/(load|textfile)[.]ts$' },
      to: { pathNot: '^src/(recipe|util)/|^src/assert/(grammar|model)[.]ts$|^node:path$|^(node:)?path$|node_modules/(yaml|zod|markdown-it|ipaddr[.]js|fastest-levenshtein|re2js)/' },
    },
    {
      name: 'reporters-import-no-engine',
      severity: 'error',
      comment: 'Reporters import no engine, no backend, no host, state or harness code.',
      from: { path: '^src/report/' },
      to: { path: '^src/(core|backends|host|exec|state|harness|cli|plan|supervisor)/' },
    },
    {
      name: 'reporters-run-no-programs',
      severity: 'error',
      comment: 'Reporters start no process and open no database (they may write their own files).',
      from: { path: '^src/report/' },
      to: { path: '^(node:)?(child_process|net)$|(^|node_modules/)(execa|better-sqlite3|zx)(/|$)' },
    },
    {
      name: 'core-imports-no-backend',
      severity: 'error',
      comment: 'The core knows labs, networks, jails, IPAM and the backend interface; it imports no backend and nothing that runs it.',
      from: { path: '^src/core/' },
      to: { path: '^src/(backends|harness|cli|plan|report|host|exec)/' },
    },
    {
      name: 'core-touches-no-host',
      severity: 'error',
      comment: 'The core acts on a host only through the Host interface.',
      from: { path: '^src/core/' },
      to: { path: PROCESS },
    },
    {
      name: 'backends-import-no-harness-or-reporter',
      severity: 'error',
      comment: 'Backends import no harness, no reporter, no CLI.',
      from: { path: '^src/backends/' },
      to: { path: '^src/(harness|report|cli|plan)/' },
    },
    {
      name: 'backends-are-independent',
      severity: 'error',
      comment: 'One backend never imports another; only the registry knows them all.',
      from: { path: '^src/backends/(linux|freebsd)/' },
      to: { path: '^src/backends/', pathNot: '^src/backends/$1/' },
    },
    {
      name: 'only-the-registry-opens-backends',
      severity: 'error',
      comment: 'Nothing outside the registry imports a backend folder.',
      from: { path: '^src/', pathNot: '^src/backends/' },
      to: { path: '^src/backends/(linux|freebsd)/' },
    },
    {
      name: 'state-is-below-everything',
      severity: 'error',
      comment: 'The state folder holds the SQL; it imports no engine, backend or harness code.',
      from: { path: '^src/state/' },
      to: { path: '^src/(core|backends|host|exec|harness|cli|plan|report)/' },
    },
    {
      name: 'util-is-a-leaf',
      severity: 'error',
      comment: 'util/ holds leaf helpers (errors, IPv4, text): it imports nothing of the project but util.',
      from: { path: '^src/util/' },
      to: { path: '^src/', pathNot: '^src/util/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
    moduleSystems: ['es6'],
  },
};
