// `vessel-cookbook graph FILE|--lab ID`: a lab's topology as mermaid text (GitHub renders it) or, with --svg, as SVG.
import { usage, envError, VesselError } from '../../util/errors.js';
import type { VesselBackend } from '../../core/backend.js';
import { hostBackend, openBackend } from '../../backends/registry.js';
import { DEFAULT_SEED, planRecipe } from '../plan-recipe.js';
import { topologyMermaid, topologyOf, type Topology } from '../../report/topology.js';
import { topologySvg } from '../../exec/graphviz.js';
import { EXIT, loadAll, printErrors } from '../common.js';

/** The topology of a recipe (from its vessel commands, in plan mode) or of a live or kept lab. */
async function topologyFor(file: string | undefined, lab: string | undefined): Promise<Topology | number> {
  if (lab !== undefined) {
    let e: VesselBackend;
    try {
      e = await openBackend(hostBackend(), { noReconcile: true });
    } catch (x) {
      if (x instanceof VesselError) throw new VesselError(x.code, `graph --lab: ${x.message}`, { cause: x });
      throw x;
    }
    try {
      if (!e.getLab(lab)) throw usage(`graph --lab ${lab}: no such lab (see \`vessel cleanup\` for the labs left)`);
      return topologyOf(e, lab, e.backend);
    } finally {
      e.close();
    }
  }
  const { recipes, errors } = await loadAll([file!]);
  if (printErrors(errors) > 0) return EXIT.usage;
  const p = await planRecipe(recipes[0]!, DEFAULT_SEED, 'linux');
  // How a VLAN tag is carried and which lease a DHCP jail gets are only known in a real run: left out.
  return {
    ...p.topology,
    engine: 'linux (planned from the recipe)',
    networks: p.topology.networks.map((n) => ({ ...n, vlanMode: null })),
    jails: p.topology.jails.map((j) => (j.dhcp && j.slot === null ? { ...j, addr: null } : j)),
  };
}

/** Prints the topology; exit 3 when --svg is asked and graphviz is missing. */
export async function graphCommand(file: string | undefined, o: { lab?: string; svg?: boolean }): Promise<number> {
  if ((file === undefined) === (o.lab === undefined)) throw usage('graph: give a recipe FILE or --lab ID (one of them)');
  const t = await topologyFor(file, o.lab);
  if (typeof t === 'number') return t;
  if (!o.svg) {
    process.stdout.write(topologyMermaid(t));
    return EXIT.ok;
  }
  const svg = await topologySvg(t);
  if ('error' in svg) throw envError(`graph --svg: ${svg.error}`);
  process.stdout.write(svg.svg.trimEnd() + '\n');
  return EXIT.ok;
}
