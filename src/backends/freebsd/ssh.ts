// SSH on FreeBSD (plans; unverified here): the lab's key pair on the host, sshd in a jail from files in its own /etc,
// the lab's known_hosts, and a copy of the client side in `_www` (the outside) for ssh through the router.
import { knownHostEntries, labInventory, sshArgvFor, type SshBackend } from '../../core/ssh-lab.js';
import { waitListening } from '../../core/listen.js';
import { knownHostsText, labSshPaths, sshClientConfig, sshdConfig } from '../../core/ssh.js';
import type { JailRow } from '../../core/model.js';
import { UPSTREAM } from '../../core/upstream.js';
import { getJail } from '../../state/jails.js';
import { getLab } from '../../state/labs.js';
import type { Inventory } from '../../core/inventory.js';
import { failed } from '../../util/errors.js';
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

/** The FreeBSD side of SSH over the lab's state: the host, or `_www` with its own copy of the client files. */
function fbSshBackend(ctx: FbContext, lab: string): SshBackend {
  const host = fbSshPaths(ctx.runDir, lab);
  return {
    enter: (outside) => (outside ? ['jexec', fbJailName(lab, WWW_JAIL)] : []),
    files: (outside) => (outside ? { config: `${OUTSIDE_DIR}/ssh_config`, key: `${OUTSIDE_DIR}/id_ed25519` } : { config: host.config, key: host.key }),
    // A router's outside address, from its outside leg.
    routerOutside: async (r) =>
      parseInet(
        (
          await ctx.host.run(jexec(lab, r.name, ['ifconfig', uplinkLegNames(tagOf(ctx, lab), r.seq).jail, 'inet']), {
            allowFail: true,
            simulated: inetLine(UPSTREAM.dhcpFirst, 24),
          })
        ).stdout,
      )?.ip,
    python: '/usr/local/bin/python3',
  };
}

/** Rewrites the lab's known_hosts (and the outside's copy of the client side) from the jails that run sshd. */
export async function refreshFbKnownHosts(ctx: FbContext, lab: string): Promise<void> {
  const p = fbSshPaths(ctx.runDir, lab);
  if (!(await ctx.host.readFile(p.authorized))) return;
  const entries = await knownHostEntries(ctx, lab, {
    ...fbSshBackend(ctx, lab),
    hostKeyPub: (j) => ctx.host.readFile(`${fbJailPaths(ctx.runDir, lab, j.name).root}${IN_JAIL.hostKey}.pub`),
  });
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

/** The ssh command into a jail, from the host or from the outside (`_www`) through the router (see sshArgvFor). */
export function fbSshArgv(ctx: FbContext, lab: string, name: string, command: string[], from: 'host' | 'upstream'): Promise<string[]> {
  return sshArgvFor(ctx, lab, name, command, from, fbSshBackend(ctx, lab));
}

/** The lab's Ansible inventory (see labInventory). */
export function fbInventory(ctx: FbContext, lab: string, network: string | undefined, from: 'host' | 'upstream'): Promise<Inventory> {
  return labInventory(ctx, lab, network, from, fbSshBackend(ctx, lab));
}
