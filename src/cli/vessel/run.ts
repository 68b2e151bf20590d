// `vessel run`: create and start jails on a network, or aliased on a NIC.
import type { Command } from 'commander';
import { parseAlias } from '../../core/alias.js';
import { parseExpose } from '../../core/expose.js';
import { parseLimit, type Limits } from '../../core/limits.js';
import { parseRoot, runFiles, type RootKind } from '../../core/root.js';
import { usage } from '../../util/errors.js';
import { EXIT_HELP, type VesselCli } from './common.js';

/** Adds `vessel run` to the program. */
export function addRun(p: Command, { out, withLab }: VesselCli): void {
  p.command('run')
    .description('create and start jails on a network; a command after -- runs as the service')
    .requiredOption('--name <name>', 'jail name (with --count: the prefix of NAME-1..NAME-K)')
    .option('--network <net>', "network to join (not with --addr=alias:...); without it, --addr=dhcp joins the lab's outside network")
    .option(
      '--addr <addr>',
      'IPv4 address in the lower half of the subnet, auto, dhcp, or alias:NIC:IP (an extra address on a NIC of the lab host, no network)',
      'auto',
    )
    .option('--count <k>', 'create NAME-1 .. NAME-K')
    .option(
      '--addr6 <addr6>',
      "on a network with IPv6: slaac (the default: from the router's advertisements), dhcp (DHCPv6), auto, or an address in ::2-::7fff of its /64",
    )
    .option('--slot <k>', "the subnet's K-th address and MAC 52:00:<its 4 bytes> (with --count: slots K, K+1, ...)")
    .option(
      '--expose <spec>',
      "PORT[:JAILPORT][/tcp|/udp]: the network's router forwards PORT on its outside address to the jail (round-robin over the jails that expose it); repeatable",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--ssh', "run sshd in each jail for the lab's key (log in with vessel ssh NAME)")
    .option('--root <kind>', "thin: a writable root of the jail's own (an overlay over the host's files); shared: the host's files (default)")
    .option('--memory <size>', 'memory limit (64M, 1G): above it the kernel kills the jail')
    .option('--cpus <n>', "CPU limit in CPUs' worth of time (0.5: half of one CPU)")
    .option('--pids <n>', 'limit on processes and threads at once')
    .argument('[command...]', 'service command, after --')
    .addHelpText(
      'after',
      `\nExamples:\n  vessel run --name=web --network=lan\n  vessel run --name=node --count=5 --network=lan -- sleep infinity\n  vessel run --name=web --count=3 --network=lan --expose=8080:80 -- python3 -m http.server 80\n${EXIT_HELP}`,
    )
    .action(
      async (
        command: string[],
        o: {
          name: string;
          network?: string;
          addr: string;
          addr6?: string;
          count?: string;
          slot?: string;
          expose: string[];
          ssh?: boolean;
          root?: string;
          memory?: string;
          cpus?: string;
          pids?: string;
        },
        cmd: Command,
      ) => {
        const alias = parseAlias(o.addr);
        if (typeof alias === 'string') throw usage(alias);
        const expose = o.expose.map((x) => {
          const e = parseExpose(x);
          if (typeof e === 'string') throw usage(e);
          return e;
        });
        let root: RootKind | undefined;
        if (o.root !== undefined) {
          const r = parseRoot(o.root);
          if (r !== 'thin' && r !== 'shared') throw usage(`--${r}`);
          root = r;
        }
        const limits: Limits = {};
        for (const k of ['memory', 'cpus', 'pids'] as const) {
          const v = o[k];
          if (v === undefined) continue;
          const n = parseLimit(k, v);
          if (typeof n === 'string') throw usage(`--${k}: ${n}`);
          limits[k] = n;
        }
        if (alias) {
          if (root || Object.keys(limits).length)
            throw usage('--root and limits are for jails on a network; an aliased jail (alias:NIC:IP) shares the lab host');
          if (expose.length) throw usage("--expose goes through a network's router; an aliased jail (alias:NIC:IP) has none");
          if (o.ssh) throw usage('--ssh is for jails on a network; an aliased jail (alias:NIC:IP) is reached on its NIC');
          if (o.network) throw usage('--addr=alias:NIC:IP puts the jail on the NIC itself; leave out --network');
          if (o.count || o.slot) throw usage('--addr=alias:NIC:IP gives one address to one jail; leave out --count and --slot');
          // An aliased jail takes the addresses it is given: an IPv6 one too, on the same NIC, but nothing made or leased.
          if (o.addr6 !== undefined && ['slaac', 'dhcp', 'auto'].includes(o.addr6))
            throw usage(`--addr6=${o.addr6} is for jails on a network; an aliased jail (alias:NIC:IP) takes an IPv6 address on its NIC (--addr6=ADDR)`);
          await withLab(cmd, async (e, lab) => {
            const j = await e.runAlias(lab, o.name, alias.nic, alias.ip, command, o.addr6);
            out(`${j.name}  ${j.addr}${j.addr6 ? ` ${j.addr6}` : ''} on ${alias.nic}  ${j.state}\n`);
          });
          return;
        }
        // Without --network, --addr=dhcp joins the lab's outside network (its uplink), where the upstream's DHCP answers.
        if (!o.network && o.addr !== 'dhcp')
          throw usage("required option '--network <net>' not specified (or --addr=dhcp to join the lab's outside network, or --addr=alias:NIC:IP)");
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
          const network = o.network ?? (await e.joinUplink(lab)).name;
          const rows = await e.run(lab, {
            name: o.name,
            network,
            addr: o.addr,
            ...(o.addr6 !== undefined ? { addr6: o.addr6 } : {}),
            ...(count !== undefined ? { count } : {}),
            ...(slot !== undefined ? { slot } : {}),
            ...(command.length ? { command } : {}),
            ...(expose.length ? { expose } : {}),
            ...(o.ssh ? { ssh: true } : {}),
            ...(root ? { root } : {}),
            ...(Object.keys(limits).length ? { limits } : {}),
            ...(runFiles() ? { workdir: runFiles()! } : {}),
          });
          for (const j of rows) out(`${j.name}  ${j.addr}${j.addr6_mode ? `  ${j.addr6 ?? '(no DHCPv6 lease)'}` : ''}  ${j.state}\n`);
        });
      },
    );
}
