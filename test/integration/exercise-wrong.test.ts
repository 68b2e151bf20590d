// Every exercise's check fails for the wrong answers a learner is likely to try: each is put in the solution's
// place (the recipe cut after the check), and the run must fail at the check, with the wrong solution itself passing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Each wrong answer's recipe copy: the solution's body replaced, everything after the check's closing fence cut. */
const copies = await Promise.all(
  WRONG.map(async (w, n) => {
    const { recipe } = await loadRecipe(join(ROOT, 'cookbook', w.recipe));
    const solution = recipe!.steps.find((s) => s.options.solution === w.id)!;
    const check = recipe!.steps.find((s) => s.options.exercise === w.id)!;
    const lines = readFileSync(join(ROOT, 'cookbook', w.recipe), 'utf8').split('\n');
    const wrongLines = w.body.replace(/\n$/, '').split('\n');
    const file = join(dir, `${n}-${w.recipe}`);
    writeFileSync(file, `${[...lines.slice(0, solution.line), ...wrongLines, ...lines.slice(solution.endLine - 1, check.endLine)].join('\n')}\n`);
    return {
      ...w,
      file,
      json: join(dir, `${n}-${w.recipe.replace(/\.md$/, '')}.json`),
      solutionLine: solution.line,
      checkLine: check.line + wrongLines.length - (solution.endLine - solution.line - 1),
    };
  }),
);

describe('exercise checks refuse wrong answers', () => {
  // All at once, each in its own lab: most of the time is a failing check retrying until its time is up.
  let run: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    run = await cli(['run', '--jobs', '3', '--reporter', 'pretty', '--reporter', 'json', '--out', dir, ...copies.map((c) => c.file)], { timeoutMs: 540_000 });
  }, 600_000);

  for (const c of copies) {
    it(`cookbook/${c.recipe}, exercise ${c.id}: ${c.what}`, () => {
      expect(run.code, run.stdout).toBe(1);
      const json = JSON.parse(readFileSync(c.json, 'utf8'));
      const sol = json.steps.find((s: { line: number }) => s.line === c.solutionLine);
      const chk = json.steps.find((s: { line: number }) => s.line === c.checkLine);
      expect(sol && chk, `no result for the solution (line ${c.solutionLine}) or the check (line ${c.checkLine}):\n${run.stdout}`).toBeTruthy();
      // When an earlier step failed (the solution then never ran), say which, and why.
      const failed = json.steps
        .filter((s: { status: string }) => s.status === 'fail')
        .map((s: { line: number; failure?: { message?: string } }) => `L${s.line}: ${s.failure?.message ?? ''}`)
        .join('\n');
      expect(sol.status, `the wrong solution itself ran: ${sol.failure?.message ?? ''}\n${sol.output}\nfailed steps:\n${failed}`).toBe('pass');
      expect(chk.status, `the check of exercise ${c.id} passed a wrong answer:\n${run.stdout}`).toBe('fail');
    });
  }
});
