// Every exercise's check fails for the wrong answers a learner is likely to try: each is put in the solution's
// place (the recipe cut after the check), and the run must fail at the check, with the wrong solution itself passing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/recipe/load.js';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const dir = mkdtempSync(join(tmpdir(), 'vc-wrong-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Plausible wrong answers, by recipe and exercise: what a learner tries, and the block that does it. */
const WRONG: { recipe: string; id: string; what: string; body: string }[] = [
  {
    recipe: 'vlan.md',
    id: 'route-vlans',
    what: "the routers' firewalls emptied (the jails then meet through the outside, and the outside reaches them)",
    body: 'vessel exec sales-router -- nft flush ruleset\nvessel exec eng-router -- nft flush ruleset\n',
  },
  { recipe: 'slots.md', id: 'db-slot', what: 'slot 20 with a static address, no DHCP', body: 'vessel run --name=db --slot=20 --network=lan\n' },
  { recipe: 'slots.md', id: 'db-slot', what: 'DHCP without the slot', body: 'vessel run --name=db --network=lan --addr=dhcp\n' },
  {
    recipe: 'vnet-nat-virtualbox.md',
    id: 'edge',
    what: 'a DHCP jail behind the router, not on the outside',
    body: 'vessel run --name=edge --network=lan --addr=dhcp\n',
  },
  {
    recipe: 'partition.md',
    id: 'heal',
    what: "the partition's rules removed in the small half only (the large half still rejects it)",
    body: 'vessel exec elixir-cluster-1 -- nft flush ruleset\nvessel exec elixir-cluster-2 -- nft flush ruleset\n',
  },
  {
    recipe: 'expose.md',
    id: 'api',
    what: 'the outside port forwarded to the same port inside (the server listens on 80)',
    body: 'vessel run --name=api --network=lan --expose=9090 -- python3 "$VESSEL_WORKDIR/hostname-server.py"\n',
  },
];

describe('exercise checks refuse wrong answers', () => {
  for (const [n, w] of WRONG.entries()) {
    it(`cookbook/${w.recipe}, exercise ${w.id}: ${w.what}`, async () => {
      const { recipe } = await loadRecipe(join(ROOT, 'cookbook', w.recipe));
      const solution = recipe!.steps.find((s) => s.options.solution === w.id)!;
      const check = recipe!.steps.find((s) => s.options.exercise === w.id)!;
      const lines = readFileSync(join(ROOT, 'cookbook', w.recipe), 'utf8').split('\n');
      // The solution's body (between its fences) replaced; everything after the check's closing fence cut.
      const wrongLines = w.body.replace(/\n$/, '').split('\n');
      const text = [...lines.slice(0, solution.line), ...wrongLines, ...lines.slice(solution.endLine - 1, check.endLine)].join('\n');
      const file = join(dir, `${n}-${w.recipe}`);
      writeFileSync(file, `${text}\n`);
      const r = await cli(['run', '--reporter', 'pretty', '--reporter', 'json', '--out', dir, file]);
      expect(r.code, r.stdout).toBe(1);
      const json = JSON.parse(readFileSync(join(dir, `${n}-${w.recipe.replace(/\.md$/, '')}.json`), 'utf8'));
      const sol = json.steps.find((s: { exercise?: { id: string }; line: number }) => s.line === solution.line);
      const chk = json.steps.find((s: { line: number }) => s.line === check.line + wrongLines.length - (solution.endLine - solution.line - 1));
      expect(sol.status, `the wrong solution itself ran: ${sol.failure?.message ?? ''}\n${sol.output}`).toBe('pass');
      expect(chk.status, r.stdout).toBe('fail');
    }, 180_000);
  }
});
