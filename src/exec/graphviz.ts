// Renders a topology to inline SVG with Graphviz `dot` (Debian's graphviz); the SVG needs no network.
import { execa } from 'execa';
import { topologyDot, type Topology } from '../report/topology.js';

/** The SVG element for a topology, or an explanation of why there is none. */
export async function topologySvg(t: Topology): Promise<{ svg: string } | { error: string }> {
  try {
    const r = await execa('dot', ['-Tsvg'], { input: topologyDot(t), reject: false, timeout: 20_000 });
    if (r.exitCode !== 0) return { error: `dot failed (exit ${r.exitCode}): ${String(r.stderr).trim().split('\n')[0]}` };
    const out = String(r.stdout);
    const at = out.indexOf('<svg');
    return at < 0 ? { error: 'dot printed no SVG' } : { svg: out.slice(at).replace(/<!--[\s\S]*?-->/g, '') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'graphviz is not installed (apt-get install graphviz), so the diagram is left out' : (e as Error).message };
  }
}
