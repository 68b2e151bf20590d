// The layering, checked by dependency-cruiser with the project's own rules (.dependency-cruiser.cjs): the tree has
// no violation, and a fixture tree that breaks every rule is caught rule by rule (so the check can fail).
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const BIN = join(ROOT, 'node_modules/.bin/depcruise');

/** The rule names dependency-cruiser reports for `dir`'s src/. */
async function violations(dir: string): Promise<{ rule: string; from: string; to: string }[]> {
  const r = await execa(BIN, ['src', '--config', CONFIG, '--output-type', 'json'], { cwd: dir, reject: false });
  const out = JSON.parse(String(r.stdout)) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return out.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('layers', () => {
  it('the tree breaks no layering rule and has no import cycle', async () => {
    expect(await violations(ROOT)).toEqual([]);
  }, 60_000);

  it('a tree that breaks each rule is caught by each rule', async () => {
    const found = await violations(join(ROOT, 'test/fixtures/layers'));
    // A cycle between folders (assert -> recipe while recipe -> assert) with no cycle between files is caught by the layers.
    expect(found).toContainEqual({ rule: 'not-in-allowed', from: 'src/assert/q.ts', to: 'src/recipe/r2.ts' });
    expect(found.filter((v) => v.rule === 'no-cycles' && /src\/(assert|recipe)\//.test(v.from))).toEqual([]);
    const rules = [...new Set(found.map((v) => v.rule))].sort();
    expect(rules).toEqual([
      'backends-are-independent',
      'backends-import-no-harness-or-reporter',
      'core-imports-no-backend',
      'core-touches-no-host',
      'no-cycles',
      'not-in-allowed',
      'only-the-registry-opens-backends',
      'recipe-parser-is-pure',
      'reporters-import-no-engine',
      'reporters-run-no-programs',
      'state-is-below-everything',
      'util-is-a-leaf',
    ]);
  }, 60_000);
});

describe("backends' tools stay in their backends", () => {
  const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  // The layers above the backends (and the reporters) name no backend's tool in their code: how to enter a jail, wait
  // for a listener or label an entry is the backend's to say (core/run-lab.ts, core/listen.ts take it as data).
  const LAYERS = ['src/core', 'src/report', 'src/harness', 'src/assert', 'src/match', 'src/recipe', 'src/plan'];
  const TOOLS = /['"`][^'"`\n]*(\bnsenter\b|\bjexec\b|enter\.sh|\/run\/netns)/;
  const files = (d: string): string[] =>
    readdirSync(join(ROOT, d), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
    );

  it('no string in the core, the harness or the reporters names nsenter, jexec, enter.sh or /run/netns', () => {
    const found: string[] = [];
    for (const f of LAYERS.flatMap(files)) {
      for (const [i, line] of readFileSync(join(ROOT, f), 'utf8').split('\n').entries()) {
        const code = line.replace(/^\s*(\/\/|\*|\/\*\*?).*$/, '');
        if (TOOLS.test(code)) found.push(`${f}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('catches a new instance', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and source text, not a template
    expect(TOOLS.test("  return ['nsenter', `--net=${p}`];")).toBe(true);
    expect(TOOLS.test("  if (args[1]?.endsWith('/lib/enter.sh')) {")).toBe(true);
    expect(TOOLS.test("  const argv = ['jexec', name, ...cmd];")).toBe(true);
  });
});
