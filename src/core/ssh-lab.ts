// SSH over a lab's state, the same on every backend: who an ssh command reaches and how (straight from the lab host,
// or from the outside through the network's router), the lab's Ansible inventory, and its known_hosts entries.
import { getJail, listJails, routerOf } from '../state/jails.js';
import { getNetwork } from '../state/networks.js';
import { usage } from '../util/errors.js';
import { buildInventory, type Inventory } from './inventory.js';
import type { EngineContext, JailRow } from './model.js';
import { isUplink } from './outside.js';
import { sshCommand } from './ssh.js';

/** Where a backend keeps things: how to run a command from the lab host or the outside, and the files each side uses. */
export interface SshBackend {
  /** The argv prefix that runs a command on the lab host, or on the outside (the simulated upstream). */
  enter(outside: boolean): string[];
  /** The lab's ssh_config and private key, as seen from the lab host or the outside. */
  files(outside: boolean): { config: string; key: string };
  /** A router's outside address, if it has one. */
  routerOutside(r: JailRow): Promise<string | undefined>;
  /** The targets' python (Ansible). */
  python: string;
}

/** A router's outside address, or a usage error. */
async function outsideOf(b: SshBackend, r: JailRow): Promise<string> {
  const ip = await b.routerOutside(r);
  if (!ip) throw usage(`router ${r.name} has no outside address (its lab has no uplink)`);
  return ip;
}

/** The router a jail is reached through from the outside, or a usage error when it is not a jump host. */
function jumpHost(ctx: EngineContext, lab: string, j: JailRow, what: string): JailRow {
  const r = j.network ? routerOf(ctx.db, lab, j.network) : undefined;
  if (!r?.ssh) throw usage(`${what}network ${j.network}'s router is not a jump host: create the network with vessel network --create --ssh`);
  return r;
}

/**
 * The ssh command into a jail: from the lab host, which has a leg on every network; or from the outside, through the
 * network's router as a jump host (a router itself by its outside address). A jail on the outside network is reached
 * from the outside, directly.
 */
export async function sshArgvFor(
  ctx: EngineContext,
  lab: string,
  name: string,
  command: string[],
  from: 'host' | 'upstream',
  b: SshBackend,
): Promise<string[]> {
  const j = getJail(ctx.db, lab, name);
  if (!j) throw usage(`no jail named ${name} in lab ${lab}`);
  if (!j.ssh) throw usage(`jail ${name} runs no sshd: create it with vessel run --ssh (or ssh = yes in a supervisor file)`);
  if (!j.addr) throw usage(`jail ${name} has no address yet`);
  const outside = isUplink(j.network) || from === 'upstream';
  const config = b.files(outside).config;
  let target = { addr: j.addr } as { addr: string; jump?: string };
  if (!isUplink(j.network) && from === 'upstream')
    target = j.role === 'router' ? { addr: await outsideOf(b, j) } : { addr: j.addr, jump: await outsideOf(b, jumpHost(ctx, lab, j, '')) };
  return [...b.enter(outside), ...sshCommand({ config, ...target, command })];
}

/** The lab's Ansible inventory: from the lab host straight to each jail, or from the outside through each router. */
export async function labInventory(ctx: EngineContext, lab: string, network: string | undefined, from: 'host' | 'upstream', b: SshBackend): Promise<Inventory> {
  if (network !== undefined && !getNetwork(ctx.db, lab, network)) throw usage(`inventory: no network named ${network} in lab ${lab}`);
  const jails = listJails(ctx.db, lab).filter((j) => network === undefined || j.network === network);
  const jumps = new Map<string, string>();
  if (from === 'upstream')
    for (const j of jails)
      if (j.ssh && j.network && !isUplink(j.network) && j.role !== 'router' && !jumps.has(j.network))
        jumps.set(j.network, await outsideOf(b, jumpHost(ctx, lab, j, 'inventory --from=upstream: ')));
  const f = b.files(from === 'upstream');
  return buildInventory(jails, { sshConfig: f.config, key: f.key, jumpOf: (n) => jumps.get(n), python: b.python });
}

/** The lab's known_hosts entries: each jail that runs sshd, by its address (a router's outside one too), with its host key. */
export async function knownHostEntries(
  ctx: EngineContext,
  lab: string,
  b: Pick<SshBackend, 'routerOutside'> & { hostKeyPub(j: JailRow): Promise<string | undefined> },
): Promise<{ addrs: string[]; hostKeyPub: string }[]> {
  const entries: { addrs: string[]; hostKeyPub: string }[] = [];
  for (const j of listJails(ctx.db, lab).filter((x) => x.ssh && x.addr)) {
    const outside = j.role === 'router' ? await b.routerOutside(j) : undefined;
    entries.push({ addrs: [j.addr!, ...(outside ? [outside] : [])], hostKeyPub: (await b.hostKeyPub(j)) ?? `ssh-ed25519 (${j.name}'s host key)` });
  }
  return entries;
}
