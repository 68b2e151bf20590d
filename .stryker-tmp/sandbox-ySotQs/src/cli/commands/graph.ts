// @ts-nocheck
// `vessel-cookbook graph FILE|--lab ID`: a lab's topology as mermaid text (GitHub renders it) or, with --svg, as SVG.
import { Engine } from '../../engine/engine.js';
import { EngineError } from '../../engine/errors.js';
import { DEFAULT_SEED, planRecipe } from '../../plan/plan.js';
import { topologyMermaid, topologyOf, type Topology } from '../../report/topology.js';
import { topologySvg } from '../../report/svg.js';
import { CliError, EXIT, loadAll, printErrors } from '../common.js';

/** The topology of a recipe (from its vessel commands, in plan mode) or of a live or kept lab. */
async function topologyFor(file: string | undefined, lab: string | undefined): Promise<Topology | number> {
  if (lab !== undefined) {
    let e: Engine;
    try {
      e = await Engine.open({ noReconcile: true });
    } catch (x) {
      if (x instanceof EngineError) throw new CliError(`graph --lab: ${x.message}`, x.status);
      throw x;
    }
    try {
      if (!e.getLab(lab)) throw new CliError(`graph --lab ${lab}: no such lab (see \`vessel cleanup\` for the labs left)`, EXIT.usage);
      return topologyOf(e, lab, 'linux');
    } finally {
      e.close();
    }
  }
  const { recipes, errors } = await loadAll([file!]);
  if (printErrors(errors) > 0) return EXIT.usage;
  const p = await planRecipe(recipes[0]!, DEFAULT_SEED);
  // Plan mode allocates names and addresses with the code both backends share; a linux run's lab has the simulated outside.
  // How a VLAN tag is carried and which lease a DHCP jail gets are only known in a real run: left out.
  return {
    ...p.topology, engine: 'linux (planned from the recipe)', uplink: 'simulated', inetNic: null,
    networks: p.topology.networks.map((n) => ({ ...n, vlanMode: null })),
    jails: p.topology.jails.map((j) => (j.dhcp && j.slot === null ? { ...j, addr: null } : j)),
  };
}

/** Prints the topology; exit 3 when --svg is asked and graphviz is missing. */
export async function graphCommand(file: string | undefined, o: { lab?: string; svg?: boolean }): Promise<number> {
  if ((file === undefined) === (o.lab === undefined)) throw new CliError('graph: give a recipe FILE or --lab ID (one of them)', EXIT.usage);
  const t = await topologyFor(file, o.lab);
  if (typeof t === 'number') return t;
  if (!o.svg) {
    process.stdout.write(topologyMermaid(t));
    return EXIT.ok;
  }
  const svg = await topologySvg(t);
  if ('error' in svg) throw new CliError(`graph --svg: ${svg.error}`, EXIT.cannotRun);
  process.stdout.write(svg.svg.trimEnd() + '\n');
  return EXIT.ok;
}
