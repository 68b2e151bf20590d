// `vessel-cookbook graph`: a recipe's topology from its vessel commands (plan mode), and a live lab's, as mermaid or SVG.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const vessel = (args: string[], env: Record<string, string>) => execa(process.execPath, [join(ROOT, 'bin/vessel'), ...args], { reject: false, env });

describe('graph', () => {
  it("prints a recipe's topology as mermaid, without running anything", async () => {
    const r = await cli(['graph', 'cookbook/getting-started.md']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('flowchart TB');
    expect(r.stdout).toContain('subgraph net_blue["network blue 10.10.1.0/24"]');
    expect(r.stdout).toContain('j_blue_2["blue-2<br/>10.10.1.3<br/>static"]');
    expect(r.stdout).toContain('j_red_router -. NAT .- x_upstream');
  });

  it('prints SVG with --svg', async () => {
    const r = await cli(['graph', '--svg', 'cookbook/slots.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<svg /);
    expect(r.stdout).toContain('slot 10');
  });

  it('draws a live lab with --lab', async () => {
    const env = { VESSEL_LAB: 'vcgraph1' };
    try {
      expect((await vessel(['network', '--create', '--name=g', '--subnet=10.72.0.0/24'], env)).exitCode).toBe(0);
      expect((await vessel(['run', '--name=w', '--count=2', '--network=g'], env)).exitCode).toBe(0);
      const r = await cli(['graph', '--lab', 'vcgraph1']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('j_w_2["w-2<br/>10.72.0.3<br/>static"]');
      expect(r.stdout).not.toContain('x_upstream');
    } finally {
      await vessel(['destroy', '--lab', 'vcgraph1'], env);
    }
  }, 60_000);

  it('refuses a missing argument and an unknown lab', async () => {
    const a = await cli(['graph']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('graph: give a recipe FILE or --lab ID');
    const b = await cli(['graph', '--lab', 'nosuchlab']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('graph --lab nosuchlab: no such lab');
  });
});
