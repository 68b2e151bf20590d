// What every `vessel` subcommand shares: the lab it acts on, opening the backend, output, and small formatters.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { VesselBackend } from '../../core/backend.js';
import { resolveJailRef } from '../../core/jail-ref.js';
import { labIdProblem } from '../../core/names.js';
import type { NetworkOptions } from '../../core/networks.js';
import { execa } from 'execa';
import { RUN_MARKER } from '../../exec/spawn.js';
import { failed, usage } from '../../util/errors.js';

/** The help text's closing lines: exit statuses and how the lab is chosen. */
export const EXIT_HELP = `
Exit status: 0 ok, 1 the operation failed, 2 bad usage or input, 3 environment (not root, a missing tool).
The lab is $VESSEL_LAB (set by vessel-cookbook run), else --lab, else "default" (created on first use).`;

/** The global options. */
export interface Globals {
  verbose?: boolean;
  /** The machine the backend manages (`--host`, else $VESSEL_HOST): ssh://... or freebsd-vm; this one when unset. */
  host?: string;
  lab?: string;
}

/** Opens an engine backend for one invocation. */
export type Opener = (g: Globals, noReconcile?: boolean) => Promise<VesselBackend>;

/** What a subcommand gets: the opener, output, and `withLab`. */
export interface VesselCli {
  open: Opener;
  out: (s: string) => void;
  /** Where errors go; set, with `out`, when vessel runs inside another program (plan, the VM tier), which has no terminal to lend. */
  embedded?: { err: (s: string) => void };
  /** Runs `fn` with an engine and the lab, creating a by-hand lab on first use (with `inetNic`), unless `readOnly`. */
  withLab<T>(cmd: Command, fn: (e: VesselBackend, lab: string) => Promise<T>, inetNic?: string, readOnly?: boolean): Promise<T>;
}

/** The lab this invocation acts on. */
export function labId(g: Globals): string {
  const id = g.lab ?? process.env.VESSEL_LAB ?? 'default';
  const p = labIdProblem(id);
  if (p) throw usage(p);
  return id;
}

/** True inside a Linux jail: the engine hides its state folder there under a tmpfs of this name. */
export function insideJail(): boolean {
  try {
    // Every jail's /dev is the engine's tmpfs (mounts.ts): no host namespace has one at /dev.
    return readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .some((l) => l.split(' ')[4] === '/dev' && l.split(' - ')[1]?.split(' ')[1] === 'vessel-dev');
  } catch {
    return false;
  }
}

/** `withLab` over an opener. */
export function withLabOf(open: Opener): VesselCli['withLab'] {
  return async (cmd, fn, inetNic, readOnly = false) => {
    const g = cmd.optsWithGlobals() as Globals;
    const e = await open(g);
    try {
      const lab = labId(g);
      // A command that only reads never makes a lab: a missing lab simply has nothing in it.
      if (readOnly && !e.getLab(lab)) return await fn(e, lab);
      // Inside a run, the run made the lab: if it is gone, the run is over, and nothing may make it again.
      if (process.env[RUN_MARKER] && lab === process.env.VESSEL_LAB && !e.getLab(lab))
        throw failed(`the lab ${lab} of this run is gone (its run has ended); nothing was done`);
      await e.ensureLab(lab, inetNic);
      return await fn(e, lab);
    } finally {
      e.close();
    }
  };
}

/** The name of the jail `ref` names in `lab`: its name, or a unique UUID prefix of 8 or more characters. */
export function jailName(e: VesselBackend, lab: string, ref: string): string {
  const r = resolveJailRef(e.jails(lab), ref, lab);
  if ('error' in r) throw usage(r.error);
  return r.name;
}

/** Says how a VLAN's tag is carried, never claiming tagging that did not happen. */
export function vlanModeText(mode: string | null): string {
  return mode === 'tagged' ? 'tagged 802.1Q on the trunk' : 'per-VLAN bridge: this kernel has no 802.1Q, so no tag is carried';
}

/** The network options given on a command line (`--domain`, `--dhcp-range`, `--no-nat`). */
export function networkOptions(o: { domain?: string; dhcpRange?: string; nat?: boolean; ssh?: boolean; ipv6?: boolean; subnet6?: string }): NetworkOptions {
  return {
    ...(o.ipv6 ? { ipv6: true } : {}),
    ...(o.subnet6 !== undefined ? { subnet6: o.subnet6 } : {}),
    ...(o.domain !== undefined ? { domain: o.domain } : {}),
    ...(o.dhcpRange !== undefined ? { dhcpRange: o.dhcpRange } : {}),
    nat: o.nat !== false,
    ...(o.ssh ? { ssh: true } : {}),
  };
}

/** Rows as aligned columns. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/**
 * Runs a command that talks to the user (exec, ssh): with this terminal, or, embedded, with no input and its output
 * handed to `out` and `err` (an inherited stdin would hang a caller that never closes it). Returns the exit status.
 */
export async function passThrough(cli: Pick<VesselCli, 'out' | 'embedded'>, argv: string[]): Promise<number> {
  if (!cli.embedded) return (await execa(argv[0]!, argv.slice(1), { stdio: 'inherit', reject: false })).exitCode ?? 1;
  const r = await execa(argv[0]!, argv.slice(1), { stdin: 'ignore', reject: false, stripFinalNewline: false });
  if (r.stdout) cli.out(String(r.stdout));
  if (r.stderr) cli.embedded.err(String(r.stderr));
  return r.exitCode ?? 1;
}
