// SSH on FreeBSD (plans; unverified here): the lab's key pair on the host, sshd in a jail from files in its own /etc,
// the lab's known_hosts, and a copy of the client side in `_www` (the outside) for ssh through the router.
import { waitListening } from '../../core/listen.js';
import { knownHostsText, labSshPaths, sshClientConfig, sshCommand, sshdConfig } from '../../core/ssh.js';
import type { JailRow } from '../../core/model.js';
import { isUplink } from '../../core/outside.js';
import { UPSTREAM } from '../../core/upstream.js';
import { getJail, listJails, routerOf } from '../../state/jails.js';
import { getLab } from '../../state/labs.js';
import { getNetwork } from '../../state/networks.js';
import { buildInventory, type Inventory } from '../../core/inventory.js';
import { failed, usage } from '../../util/errors.js';
import { inetLine, jexec, jexecIn, parseInet, tagOf, type FbContext } from './jails.js';
import { fbJailName, fbJailPaths, uplinkLegNames, WWW_JAIL } from './names.js';

/** Inside a jail's root: sshd's files (its /etc is its own copy). */
const IN_JAIL = {
  hostKey: '/etc/ssh/vessel_host_ed25519_key',
  config: '/etc/ssh/vessel_sshd_config',
  authorized: '/etc/ssh/vessel_authorized_keys',
  pid: '/var/run/vessel-sshd.pid',
} as const;
/** Inside `_www`: the client side of the lab, for ssh from the outside. */
const OUTSIDE_DIR = '/var/db/vessel-ssh';

/** The lab's SSH client files on the host. */
export function fbSshPaths(runDir: string, lab: string) {
  return labSshPaths(`${runDir}/${lab}`);
}

/** The lab's key pair (made for this lab, gone with the lab's directory), authorized_keys and ssh_config. */
async function ensureLabKey(ctx: FbContext, lab: string): Promise<string> {
  const p = fbSshPaths(ctx.runDir, lab);
  // authorized_keys is written last: with it, the pair is complete (a recording host cannot read what ssh-keygen made).
  const have = await ctx.host.readFile(p.authorized);
  if (have) return have;
  await ctx.host.run(['mkdir', '-m', '700', '-p', p.dir]);
  await ctx.host.run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `vessel-${lab}`, '-f', p.key]);
  const pub = (await ctx.host.readFile(p.pub)) ?? `ssh-ed25519 (the lab's public key) vessel-${lab}\n`;
  await ctx.host.writeFile(p.authorized, pub, 0o600);
  await ctx.host.writeFile(p.config, sshClientConfig(p), 0o600);
  return pub;
}

/** Starts sshd in a jail (a router's allows TCP forwarding: it is the network's jump host), and waits until it listens. */
export async function startFbSshd(ctx: FbContext, lab: string, j: JailRow, jump: boolean, knownHosts = true): Promise<void> {
  const pub = await ensureLabKey(ctx, lab);
  const root = fbJailPaths(ctx.runDir, lab, j.name).root;
  // Each jail gets a host key of its own, made here: none is shared with another jail or with the host.
  if (!(await ctx.host.readFile(`${root}${IN_JAIL.hostKey}.pub`)))
    await ctx.host.run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', j.name, '-f', `${root}${IN_JAIL.hostKey}`]);
  await ctx.host.writeFile(`${root}${IN_JAIL.authorized}`, pub, 0o600);
  await ctx.host.writeFile(
    `${root}${IN_JAIL.config}`,
    sshdConfig({ hostKey: IN_JAIL.hostKey, pidFile: IN_JAIL.pid, authorizedKeys: IN_JAIL.authorized, jump }),
    0o600,
  );
  // sshd(8) forks into the background once it listens; its privilege separation directory is the root's /var/empty.
  await ctx.host.run(jexecIn(ctx, lab, j.name, ['/usr/sbin/sshd', '-f', IN_JAIL.config]));
  const addr = getJail(ctx.db, lab, j.name)?.addr ?? '127.0.0.1';
  if (!(await waitListening(ctx.host, jexecIn(ctx, lab, j.name, ['nc', '-z', '-w', '1', addr, '22']))))
    throw failed(`sshd did not start in ${j.name} (see its /var/log/auth.log)`);
  if (knownHosts) await refreshFbKnownHosts(ctx, lab);
}

/** A router's outside address, from its outside leg. */
async function routerOutside(ctx: FbContext, lab: string, r: JailRow): Promise<string | undefined> {
  const ext = uplinkLegNames(tagOf(ctx, lab), r.seq).jail;
  return parseInet((await ctx.host.run(jexec(lab, r.name, ['ifconfig', ext, 'inet']), { allowFail: true, simulated: inetLine(UPSTREAM.dhcpFirst, 24) })).stdout)
    ?.ip;
}

/** Rewrites the lab's known_hosts (and the outside's copy of the client side) from the jails that run sshd. */
export async function refreshFbKnownHosts(ctx: FbContext, lab: string): Promise<void> {
  const p = fbSshPaths(ctx.runDir, lab);
  if (!(await ctx.host.readFile(p.authorized))) return;
  const entries: { addrs: string[]; hostKeyPub: string }[] = [];
  for (const j of listJails(ctx.db, lab).filter((x) => x.ssh && x.addr)) {
    const root = fbJailPaths(ctx.runDir, lab, j.name).root;
    const hostPub = (await ctx.host.readFile(`${root}${IN_JAIL.hostKey}.pub`)) ?? `ssh-ed25519 (${j.name}'s host key)`;
    const outside = j.role === 'router' ? await routerOutside(ctx, lab, j) : undefined;
    entries.push({ addrs: [j.addr!, ...(outside ? [outside] : [])], hostKeyPub: hostPub });
  }
  const known = knownHostsText(entries);
  await ctx.host.writeFile(p.knownHosts, known, 0o600);
  // The outside (`_www`) holds a copy of the client side, as the person logging in from outside would.
  const www = `${fbJailPaths(ctx.runDir, lab, WWW_JAIL).root}${OUTSIDE_DIR}`;
  if (getLab(ctx.db, lab)?.uplink !== 'simulated') return;
  await ctx.host.run(['mkdir', '-m', '700', '-p', www]);
  await ctx.host.run(['cp', '-p', p.key, `${www}/id_ed25519`]);
  await ctx.host.writeFile(`${www}/known_hosts`, known, 0o600);
  await ctx.host.writeFile(`${www}/ssh_config`, sshClientConfig({ key: `${OUTSIDE_DIR}/id_ed25519`, knownHosts: `${OUTSIDE_DIR}/known_hosts` }), 0o600);
}

/**
 * The ssh command into a jail: from the host, which has a leg on every network's bridge; or from the outside (`_www`),
 * through the network's router as a jump host. A jail on the outside network is reached from the outside, directly.
 */
export async function fbSshArgv(ctx: FbContext, lab: string, name: string, command: string[], from: 'host' | 'upstream'): Promise<string[]> {
  const j = getJail(ctx.db, lab, name);
  if (!j) throw usage(`no jail named ${name} in lab ${lab}`);
  if (!j.ssh) throw usage(`jail ${name} runs no sshd: create it with vessel run --ssh (or ssh = yes in a supervisor file)`);
  if (!j.addr) throw usage(`jail ${name} has no address yet`);
  const outsideConfig = `${OUTSIDE_DIR}/ssh_config`;
  const fromOutside = (argv: string[]) => ['jexec', fbJailName(lab, WWW_JAIL), ...argv];
  if (isUplink(j.network)) return fromOutside(sshCommand({ config: outsideConfig, addr: j.addr, command }));
  if (from === 'host') return sshCommand({ config: fbSshPaths(ctx.runDir, lab).config, addr: j.addr, command });
  const router = j.role === 'router' ? j : j.network ? routerOf(ctx.db, lab, j.network) : undefined;
  if (!router?.ssh) throw usage(`network ${j.network}'s router is not a jump host: create the network with vessel network --create --ssh`);
  const outside = await routerOutside(ctx, lab, router);
  if (!outside) throw usage(`router ${router.name} has no outside address`);
  return fromOutside(
    j.role === 'router'
      ? sshCommand({ config: outsideConfig, addr: outside, command })
      : sshCommand({ config: outsideConfig, addr: j.addr, jump: outside, command }),
  );
}

/** The lab's Ansible inventory: from the host straight to each jail, or from the outside (`_www`) through each router. */
export async function fbInventory(ctx: FbContext, lab: string, network: string | undefined, from: 'host' | 'upstream'): Promise<Inventory> {
  if (network !== undefined && !getNetwork(ctx.db, lab, network)) throw usage(`inventory: no network named ${network} in lab ${lab}`);
  const jails = listJails(ctx.db, lab).filter((j) => network === undefined || j.network === network);
  const jumps = new Map<string, string | undefined>();
  if (from === 'upstream')
    for (const n of new Set(jails.flatMap((j) => (j.ssh && j.network && !isUplink(j.network) ? [j.network] : [])))) {
      const r = routerOf(ctx.db, lab, n);
      if (!r?.ssh) throw usage(`inventory --from=upstream: network ${n}'s router is not a jump host (create it with vessel network --create --ssh)`);
      jumps.set(n, await routerOutside(ctx, lab, r));
    }
  const p = from === 'upstream' ? { config: `${OUTSIDE_DIR}/ssh_config`, key: `${OUTSIDE_DIR}/id_ed25519` } : fbSshPaths(ctx.runDir, lab);
  return buildInventory(jails, { sshConfig: p.config, key: p.key, jumpOf: (n) => jumps.get(n), python: '/usr/local/bin/python3' });
}
