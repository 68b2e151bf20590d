// @ts-nocheck
// The `vessel` engine CLI: labs, networks and jails on this host, in the shape of the vessel design notes.
import { readFileSync, existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { execa } from 'execa';
import { Engine } from '../engine/engine.js';
import { EngineError, failed, usage } from '../engine/errors.js';
import { RUN_MARKER } from '../exec/spawn.js';
import { cleanup } from '../engine/cleanup.js';
import { listLabs } from '../engine/labs.js';
import { doctorReport } from '../engine/doctor.js';
import { labIdProblem } from '../engine/ifnames.js';
import { parseAlias } from '../engine/alias.js';
import type { VesselBackend } from '../engine/api.js';
import { FreebsdEngine } from '../freebsd/engine.js';
import { LiveHost } from '../freebsd/host.js';
import { ExecaRunner } from '../exec/runner.js';
import type { NetworkOptions } from '../engine/networks.js';
import { VERSION } from './version.js';
import { parseSupervisor } from '../supervisor/model.js';
import { readTextFile } from '../recipe/textfile.js';
import { oneLine } from '../util/oneline.js';
import { superviseDown, superviseUp } from '../engine/supervise.js';

const EXIT_HELP = `
Exit status: 0 ok, 1 the operation failed, 2 bad usage or input, 3 environment (not root, a missing tool).
The lab is $VESSEL_LAB (set by vessel-cookbook run), else --lab, else "default" (created on first use).`;

interface Globals {
  verbose?: boolean;
  lab?: string;
}

/** The lab this invocation acts on. */
function labId(g: Globals): string {
  const id = g.lab ?? process.env.VESSEL_LAB ?? 'default';
  const p = labIdProblem(id);
  if (p) throw usage(p);
  return id;
}

/** True inside a Linux jail: the engine hides its state folder there under a tmpfs of this name. */
function insideJail(): boolean {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((l) => l.split(' - ')[1]?.split(' ')[1] === 'vessel-state-hidden');
  } catch {
    return false;
  }
}

/** Opens an engine backend for one invocation. */
export type Opener = (g: Globals, noReconcile?: boolean) => Promise<VesselBackend>;

/** Opens this machine's backend with this invocation's logging: freebsd on FreeBSD, linux elsewhere. */
const openHere: Opener = async (g, noReconcile = false) => {
  if (insideJail()) throw usage('vessel runs on the lab host, not inside a jail: leave the jail (or drop jail= from the step) and run it there');
  const wanted = process.env.VESSEL_ENGINE ?? (process.platform === 'freebsd' ? 'freebsd' : 'linux');
  if (wanted === 'freebsd') {
    if (process.platform !== 'freebsd') throw usage('VESSEL_ENGINE=freebsd: the freebsd backend runs only on FreeBSD; see its plans with `vessel-cookbook plan --engine=freebsd FILE`');
    const runner = new ExecaRunner({ ...(g.verbose ? { verbose: true } : {}), ...(process.env.VESSEL_COMMAND_LOG ? { logFile: process.env.VESSEL_COMMAND_LOG } : {}) });
    return FreebsdEngine.open({ host: new LiveHost(runner) });
  }
  if (wanted !== 'linux') throw usage(`VESSEL_ENGINE=${wanted}: the backends are linux and freebsd`);
  return Engine.open({ noReconcile, ...(g.verbose ? { verbose: true } : {}), ...(process.env.VESSEL_COMMAND_LOG ? { logFile: process.env.VESSEL_COMMAND_LOG } : {}) });
};


/** Says how a VLAN's tag is carried, never claiming tagging that did not happen. */
function vlanModeText(mode: string | null): string {
  return mode === 'tagged' ? 'tagged 802.1Q on the trunk' : 'per-VLAN bridge: this kernel has no 802.1Q, so no tag is carried';
}

/** The network options given on a command line (`--domain`, `--dhcp-range`, `--no-nat`). */
function networkOptions(o: { domain?: string; dhcpRange?: string; nat?: boolean }): NetworkOptions {
  return { ...(o.domain !== undefined ? { domain: o.domain } : {}), ...(o.dhcpRange !== undefined ? { dhcpRange: o.dhcpRange } : {}), nat: o.nat !== false };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n') + '\n';
}

/** Builds the vessel program (`open` picks the backend; plan mode passes a recording one). */
export function buildVessel(open: Opener = openHere, out: (s: string) => void = (s) => void process.stdout.write(s)): Command {
  /** Runs `fn` with an engine and the lab, creating a by-hand lab on first use. */
  async function withLab<T>(cmd: Command, fn: (e: VesselBackend, lab: string) => Promise<T>, inetNic?: string, readOnly = false): Promise<T> {
    const g = cmd.optsWithGlobals() as Globals;
    const e = await open(g);
    try {
      const lab = labId(g);
      // A command that only reads never makes a lab: a missing lab simply has nothing in it.
      if (readOnly && !e.getLab(lab)) return await fn(e, lab);
      // Inside a run, the run made the lab: if it is gone, the run is over, and nothing may make it again.
      if (process.env[RUN_MARKER] && lab === process.env.VESSEL_LAB && !e.getLab(lab)) throw failed(`the lab ${lab} of this run is gone (its run has ended); nothing was done`);
      if (e instanceof FreebsdEngine && inetNic && !e.getLab(lab)) await e.createLab(lab, { kind: 'manual', inetNic });
      await e.ensureLab(lab);
      return await fn(e, lab);
    } finally {
      e.close();
    }
  }
  const p = new Command('vessel')
    .description('Create labs, networks and jails on this host (the built-in engine of vessel-cookbook).')
    .version(VERSION, '-V, --version')
    .option('-v, --verbose', 'print every command the engine runs')
    .option('--lab <id>', 'act on this lab (default: $VESSEL_LAB, else "default")')
    .showSuggestionAfterError(true)
    .addHelpText('after', `
Example:
  vessel network --create --name=lan --subnet=192.168.1.0/24
  vessel run --name=web --count=3 --network=lan
  vessel exec web-1 -- ip -brief addr
${EXIT_HELP}`);

  p.command('init')
    .description('set up the state database and the lab; idempotent')
    .option('--inet-nic <nic>', 'interface that leads outside (never chosen for you)')
    .addHelpText('after', `\nExample:\n  vessel init\n${EXIT_HELP}`)
    .action(async (o: { inetNic?: string }, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        const uplink = e.setInetNic(lab, o.inetNic);
        const l = e.getLab(lab)!;
        out(`lab ${lab} ready (${l.kind === 'run' ? 'created by vessel-cookbook run' : 'by hand'}; uplink: ${uplink})\n`);
      }, o.inetNic);
    });

  p.command('network')
    .description('create, list or destroy networks: a bridge with the lab host on it, and a router jail (DHCP, DNS, NAT)')
    .option('--create', 'create a network (needs --name and --subnet)')
    .option('--list', 'list networks with their members')
    .option('--destroy', 'destroy a network (needs --name)')
    .option('--name <name>', 'network name (at most 15 characters)')
    .option('--subnet <cidr>', 'IPv4 subnet, e.g. 192.168.1.0/24')
    .option('--domain <domain>', 'DNS domain of the network (default NAME.test)')
    .option('--dhcp-range <first-last>', 'DHCP range inside the subnet (default: upper half minus the host address)')
    .option('--no-nat', 'router without NAT: jails reach nothing outside')
    .option('--vlan <id>', 'carry the network as VLAN ID (1-4094) on a trunk')
    .option('--trunk <name>', 'the trunk of --vlan (default trunk0; made on first use)')
    .option('--route-to <net>', 'route to another network (with --create, or with --route --name=N)')
    .option('--route', 'route an existing network (--name) to another (--route-to)')
    .option('--force', 'with --destroy: also destroy attached jails')
    .option('--json', 'with --list: print JSON')
    .addHelpText('after', `\nExamples:\n  vessel network --create --name=lan --subnet=192.168.1.0/24\n  vessel network --list\n  vessel network --destroy --name=lan --force\n${EXIT_HELP}`)
    .action(async (o: { create?: boolean; list?: boolean; destroy?: boolean; route?: boolean; name?: string; subnet?: string; force?: boolean; json?: boolean; domain?: string; dhcpRange?: string; nat?: boolean; vlan?: string; trunk?: string; routeTo?: string }, cmd: Command) => {
      const modes = [o.create, o.list, o.destroy, o.route].filter(Boolean).length;
      if (modes !== 1) throw usage('network: give exactly one of --create, --list, --destroy or --route');
      await withLab(cmd, async (e, lab) => {
        if (o.route) {
          if (!o.name || !o.routeTo) throw usage('network --route needs --name=NAME and --route-to=OTHER');
          await e.route(lab, o.name, o.routeTo);
          out(`network ${o.name} is routed to ${o.routeTo} (both ways, through the lab host)\n`);
          return;
        }
        if (o.create) {
          if (o.vlan !== undefined && !/^\d+$/.test(o.vlan)) throw usage(`--vlan=${o.vlan}: a VLAN id is from 1 to 4094`);
          if (!o.name || !o.subnet) throw usage('network --create needs --name=NAME and --subnet=CIDR');
          const n = await e.createNetwork(lab, o.name, o.subnet, { ...networkOptions(o), ...(o.vlan !== undefined ? { vlan: Number(o.vlan) } : {}), ...(o.trunk !== undefined ? { trunk: o.trunk } : {}), ...(o.routeTo !== undefined ? { routeTo: o.routeTo } : {}) });
          const hasUplink = e.getLab(lab)!.uplink !== null;
          if (n.vlan !== null) out(`network ${n.name}: VLAN ${n.vlan} on trunk ${n.trunk}, ${vlanModeText(n.vlan_mode)}\n`);
          out(`network ${n.name}: bridge ${n.bridge}, subnet ${n.subnet}, host ${n.host_addr}, router ${n.name}-router, domain ${n.domain}, DHCP ${n.dhcp_first}-${n.dhcp_last}, ${n.nat ? 'NAT out through the uplink' : hasUplink ? 'no NAT (--no-nat)' : 'no NAT: the lab has no uplink'}\n`);
        } else if (o.destroy) {
          if (!o.name) throw usage('network --destroy needs --name=NAME');
          await e.destroyNetwork(lab, o.name, Boolean(o.force));
          out(`network ${o.name} destroyed\n`);
        } else {
          const nets = e.networks(lab);
          const leases = new Map(await Promise.all(nets.map(async (n) => [n.name, await e.leases(lab, n.name)] as const)));
          const leaseOf = (n: (typeof nets)[number], j: (typeof nets)[number]['members'][number]) => {
            const slot = j.slot !== null ? `slot ${j.slot}, ` : '';
            if (!j.dhcp) return j.role === 'router' ? 'router' : `${slot}static`;
            const l = leases.get(n.name)?.find((x) => x.mac === j.mac);
            return `${slot}${l ? `dhcp until ${new Date(l.expiry * 1000).toISOString().replace(/\.000Z$/, 'Z')}` : 'dhcp (no lease)'}`;
          };
          if (o.json) {
            out(JSON.stringify(nets.map((n) => ({
              name: n.name, bridge: n.bridge, subnet: n.subnet, host: n.host_addr, domain: n.domain, dhcpRange: `${n.dhcp_first}-${n.dhcp_last}`, nat: Boolean(n.nat),
              members: n.members.map((j) => ({ jail: j.name, role: j.role, interface: `${j.host_if}/eth0`, mac: j.mac, ip: j.addr, state: j.state, lease: leaseOf(n, j) })),
            })), null, 2) + '\n');
            return;
          }
          if (nets.length === 0) out(`no networks in lab ${lab}\n`);
          for (const n of nets) {
            out(`${n.name}  bridge ${n.bridge}  subnet ${n.subnet}  host ${n.host_addr}  domain ${n.domain}  dhcp ${n.dhcp_first}-${n.dhcp_last}  ${n.nat ? 'nat' : 'no-nat'}${n.vlan !== null ? `  vlan ${n.vlan} on ${n.trunk} (${vlanModeText(n.vlan_mode)})` : ''}${n.route_to ? `  routed to ${n.route_to}` : ''}\n`);
            out(table([['  JAIL', 'INTERFACE', 'MAC', 'IP', 'STATE', 'ADDRESS'], ...n.members.map((j) => [`  ${j.name}`, `${j.host_if}/eth0`, j.mac ?? '', j.addr ?? '', j.state, leaseOf(n, j)])]));
          }
        }
      }, undefined, Boolean(o.list));
    });

  p.command('supervise')
    .description('bring the lab to what one supervisor INI file describes; --down removes it, --check only validates')
    .argument('<file>', 'supervisor file with [network:NAME] and [jail:NAME] sections')
    .option('--down', 'remove every network and jail the file made')
    .option('--check', 'only check the file (exit 2 with path:line errors)')
    .addHelpText('after', `\nExamples:\n  vessel supervise --check cluster.ini\n  vessel supervise cluster.ini          # idempotent: run it again to apply changes\n  vessel supervise --down cluster.ini\n${EXIT_HELP}`)
    .action(async (path: string, o: { down?: boolean; check?: boolean }, cmd: Command) => {
      const t = await readTextFile(path, 'a supervisor file');
      if ('line' in t) throw usage(`${path}${t.line > 0 ? `:${t.line}` : ''}: ${t.message}`);
      const { file, problems } = parseSupervisor(path, t.text);
      if (problems.length) {
        for (const pr of problems) process.stderr.write(`${pr.path}:${pr.line}: ${oneLine(pr.message)}\n`);
        process.exitCode = 2;
        return;
      }
      if (o.check) {
        out(`${path}: ok (${file.networks.length} network(s), ${file.jails.length} jail section(s), start order: ${file.jails.map((j) => j.name).join(', ')})\n`);
        return;
      }
      await withLab(cmd, async (e, lab) => {
        if (o.down) await superviseDown(e, lab, file, (l) => out(`${l}\n`));
        else await superviseUp(e, lab, file, (l) => out(`${l}\n`));
      });
    });

  p.command('partition')
    .description('cut all traffic between two groups of jails (replaces any earlier partition); `vessel heal` undoes it')
    .argument('<groups...>', 'A,B -- C,D,E')
    .addHelpText('after', `\nExample:\n  vessel partition node-1,node-2 -- node-3,node-4,node-5\n${EXIT_HELP}`)
    .action(async (groups: string[], _o: unknown, cmd: Command) => {
      // Commander drops the "--"; the two groups arrive as two comma lists.
      if (groups.length !== 2) throw usage('partition: give two groups, e.g. vessel partition a,b -- c,d,e');
      const [a, b] = groups.map((g) => g.split(',').map((x) => x.trim()).filter(Boolean)) as [string[], string[]];
      await withLab(cmd, async (e, lab) => {
        await e.partition(lab, a, b);
        out(`partitioned: ${a.join(', ')} | ${b.join(', ')}\n`);
      });
    });

  p.command('heal')
    .description('remove the partition; a notice (exit 0) when there is none')
    .addHelpText('after', `\nExample:\n  vessel heal\n${EXIT_HELP}`)
    .action(async (_o: unknown, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        const n = await e.heal(lab);
        out(n === 0 ? `no partition in lab ${lab}; nothing to heal\n` : `healed (${n} jail(s) had partition rules)\n`);
      });
    });

  p.command('run-network')
    .description('create a network, keep it while this runs, and remove it on Ctrl-C or SIGTERM (the seed\'s foreground form)')
    .requiredOption('--name <name>', 'network name')
    .requiredOption('--subnet <cidr>', 'IPv4 subnet')
    .option('--domain <domain>', 'DNS domain (default NAME.test)')
    .option('--dhcp-range <first-last>', 'DHCP range inside the subnet')
    .option('--no-nat', 'router without NAT')
    .addHelpText('after', `\nExample:\n  vessel run-network --name=lan --subnet=192.168.1.0/24\n${EXIT_HELP}`)
    .action(async (o: { name: string; subnet: string; domain?: string; dhcpRange?: string; nat?: boolean }, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        const n = await e.createNetwork(lab, o.name, o.subnet, networkOptions(o));
        out(`network ${n.name} is up in lab ${lab} (router ${n.name}-router, domain ${n.domain}); Ctrl-C removes it\n`);
        // Signal listeners alone do not keep Node running: hold the loop open until one arrives.
        const keepAlive = setInterval(() => undefined, 1 << 30);
        const sig = await new Promise<NodeJS.Signals>((resolve) => {
          process.once('SIGINT', () => resolve('SIGINT'));
          process.once('SIGTERM', () => resolve('SIGTERM'));
        });
        clearInterval(keepAlive);
        await e.destroyNetwork(lab, n.name, true);
        out(`${sig}: network ${n.name} removed\n`);
      });
    });

  p.command('run')
    .description('create and start jails on a network; a command after -- runs as the service')
    .requiredOption('--name <name>', 'jail name (with --count: the prefix of NAME-1..NAME-K)')
    .option('--network <net>', 'network to join (not with --addr=alias:...)')
    .option('--addr <addr>', 'IPv4 address in the lower half of the subnet, auto, dhcp, or alias:NIC:IP (an extra address on a NIC of the lab host, no network)', 'auto')
    .option('--count <k>', 'create NAME-1 .. NAME-K')
    .option('--slot <k>', "the subnet's K-th address and MAC 52:00:<its 4 bytes> (with --count: slots K, K+1, ...)")
    .argument('[command...]', 'service command, after --')
    .addHelpText('after', `\nExamples:\n  vessel run --name=web --network=lan\n  vessel run --name=node --count=5 --network=lan -- sleep infinity\n${EXIT_HELP}`)
    .action(async (command: string[], o: { name: string; network?: string; addr: string; count?: string; slot?: string }, cmd: Command) => {
      const alias = parseAlias(o.addr);
      if (typeof alias === 'string') throw usage(alias);
      if (alias) {
        if (o.network) throw usage('--addr=alias:NIC:IP puts the jail on the NIC itself; leave out --network');
        if (o.count || o.slot) throw usage('--addr=alias:NIC:IP gives one address to one jail; leave out --count and --slot');
        await withLab(cmd, async (e, lab) => {
          const j = await e.runAlias(lab, o.name, alias.nic, alias.ip, command);
          out(`${j.name}  ${j.addr} on ${alias.nic}  ${j.state}\n`);
        });
        return;
      }
      if (!o.network) throw usage("required option '--network <net>' not specified (or use --addr=alias:NIC:IP)");
      const network = o.network;
      let count: number | undefined;
      if (o.count !== undefined) {
        if (!/^\d+$/.test(o.count)) throw usage(`--count=${o.count} must be a whole number from 1`);
        count = Number(o.count);
      }
      let slot: number | undefined;
      if (o.slot !== undefined) {
        if (!/^\d+$/.test(o.slot)) throw usage(`--slot=${o.slot} must be a whole number`);
        slot = Number(o.slot);
      }
      await withLab(cmd, async (e, lab) => {
        const rows = await e.run(lab, { name: o.name, network, addr: o.addr, ...(count !== undefined ? { count } : {}), ...(slot !== undefined ? { slot } : {}), ...(command.length ? { command } : {}) });
        for (const j of rows) out(`${j.name}  ${j.addr}  ${j.state}\n`);
      });
    });

  p.command('exec')
    .description('run a command inside a jail; stdio and exit status pass through')
    .argument('<name>', 'jail')
    .argument('<command...>', 'command, after --')
    .addHelpText('after', `\nExample:\n  vessel exec web-1 -- hostname\n${EXIT_HELP}`)
    .action(async (name: string, command: string[], _o: unknown, cmd: Command) => {
      const code = await withLab(cmd, async (e, lab) => {
        e.jail(lab, name);
        const wd = existsSync(process.cwd()) ? process.cwd() : '/';
        const argv = [...e.enterArgv(lab, name, wd), ...command];
        // A recording backend (plan mode) only notes the command.
        if (e instanceof FreebsdEngine && !e.ctx.host.live) return (await e.ctx.host.run(argv)).code;
        const r = await execa(argv[0]!, argv.slice(1), { stdio: 'inherit', reject: false });
        return r.exitCode ?? 1;
      });
      process.exitCode = code;
    });

  p.command('list')
    .description('list the jails of the lab')
    .option('--json', 'print JSON')
    .addHelpText('after', `\nExample:\n  vessel list\n${EXIT_HELP}`)
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        const js = e.jails(lab);
        if (o.json) out(JSON.stringify(js.map((j) => ({ name: j.name, uuid: j.uuid, network: j.network, addr: j.addr, mac: j.mac, slot: j.slot, state: j.state, command: j.command ? JSON.parse(j.command) : null })), null, 2) + '\n');
        else if (js.length === 0) out(e.getLab(lab) ? `no jails in lab ${lab}\n` : `no lab ${lab} yet, so no jails\n`);
        else out(table([['NAME', 'NETWORK', 'ADDR', 'STATE', 'UUID'], ...js.map((j) => [j.name, j.network ?? `alias:${j.host_if}`, j.addr ?? '-', j.state, j.uuid])]));
      }, undefined, true);
    });

  for (const [verb, desc] of [['stop', 'kill every process in a jail; its namespaces and address stay'], ['start', "start a stopped jail's service again"]] as const) {
    p.command(verb)
      .description(desc)
      .argument('<names...>', 'jails')
      .addHelpText('after', `\nExample:\n  vessel ${verb} web-1\n${EXIT_HELP}`)
      .action(async (names: string[], _o: unknown, cmd: Command) => {
        await withLab(cmd, async (e, lab) => {
          for (const n of names) {
            if (verb === 'stop') await e.stop(lab, n);
            else await e.start(lab, n);
            out(`${n} ${verb === 'stop' ? 'stopped' : 'started'}\n`);
          }
        });
      });
  }

  p.command('destroy')
    .description('destroy jails, every jail of the lab (--all), or a whole lab (--lab ID, also a kept one)')
    .argument('[names...]', 'jails')
    .option('--all', 'every jail of the lab')
    .addHelpText('after', `\nExamples:\n  vessel destroy web-1\n  vessel destroy --all\n  vessel --lab abc123 destroy --lab abc123\n${EXIT_HELP}`)
    .action(async (names: string[], o: { all?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as Globals & { all?: boolean };
      if (names.length === 0 && !o.all && !g.lab) throw usage('destroy: name jails, or give --all or --lab ID');
      if (names.length === 0 && !o.all && g.lab) {
        const e = await open(g);
        try {
          if (!e.getLab(g.lab)) throw usage(`no lab ${g.lab}`);
          await e.destroyLab(g.lab);
          out(`lab ${g.lab} destroyed\n`);
        } finally {
          e.close();
        }
        return;
      }
      await withLab(cmd, async (e, lab) => {
        const targets = o.all ? e.jails(lab).map((j) => j.name) : names;
        await e.destroy(lab, targets);
        out(`destroyed ${targets.length} jail(s)\n`);
      });
    });

  p.command('logs')
    .description("print a jail's service log")
    .argument('<name>', 'jail')
    .addHelpText('after', `\nExample:\n  vessel logs web-1\n${EXIT_HELP}`)
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        e.jail(lab, name);
        out(await e.log(lab, name));
      }, undefined, true);
    });

  p.command('cleanup')
    .description('reconcile state with the kernel; remove what belongs to dead labs (kept labs stay)')
    .addHelpText('after', `\nExample:\n  vessel cleanup      # after a SIGKILLed vessel-cookbook run\n${EXIT_HELP}`)
    .action(async (_o: unknown, cmd: Command) => {
      const e = await open(cmd.optsWithGlobals() as Globals, true);
      try {
        if (e instanceof FreebsdEngine) {
          const labs = await e.cleanup();
          out(`removed ${labs.length} stale lab(s)${labs.length ? `: ${labs.join(', ')}` : ''}\n`);
          return;
        }
        const r = await cleanup((e as Engine).ctx);
        const left = listLabs((e as Engine).ctx).map((l) => `${l.id}${l.kept ? ' (kept)' : ''}${l.kind === 'manual' ? ' (by hand)' : ''}`);
        out(`removed ${r.labs.length} stale lab(s)${r.labs.length ? `: ${r.labs.join(', ')}` : ''}; ${r.stale.length} stale network(s)/jail(s)${r.stale.length ? `: ${r.stale.join(', ')}` : ''}; ${r.orphans.length} orphan(s)${r.orphans.length ? `: ${r.orphans.join(', ')}` : ''}; ${r.workdirs.length} work dir(s)\n`);
        out(`labs left: ${left.length ? left.join(', ') : 'none'}\n`);
      } finally {
        e.close();
      }
    });

  p.command('doctor')
    .description('check root, iproute2, nft, cgroup v2 and probe tools; print install commands')
    .addHelpText('after', `\nExample:\n  vessel doctor\n${EXIT_HELP}`)
    .action(async () => {
      const r = await doctorReport([]);
      out(r.text);
      process.exitCode = r.ok ? 0 : 3;
    });
  return p;
}

/** Runs the vessel CLI on argv (node, script, args...); returns the exit status. */
export async function main(argv: string[], open: Opener = openHere, io: { out?: (s: string) => void; err?: (s: string) => void } = {}): Promise<number> {
  const err = io.err ?? ((s: string) => void process.stderr.write(s));
  const program = buildVessel(open, io.out);
  program.exitOverride();
  if (io.err) program.configureOutput({ writeErr: err, writeOut: io.out ?? err });
  for (const c of program.commands) {
    c.exitOverride();
    if (io.err) c.configureOutput({ writeErr: err, writeOut: io.out ?? err });
  }
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code) ? 0 : 2;
    if (e instanceof EngineError) {
      err(`vessel: ${oneLine(e.message)}\n`);
      return e.status;
    }
    const x = e as Error;
    err(`vessel: internal error: ${oneLine(x.message)}${process.env.VESSEL_DEBUG ? `\n${x.stack}` : ''}\n`);
    return 1;
  }
}
