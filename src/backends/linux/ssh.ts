// SSH on Linux: the lab's key pair and client config, sshd in a jail's namespaces with its own host key, the lab's
// known_hosts, and the ssh command line from the lab host or, through the router as a jump host, from the outside.
import { knownHostEntries, labInventory, sshArgvFor, type SshBackend } from '../../core/ssh-lab.js';
import { waitListening } from '../../core/listen.js';
import { bashConnect } from './listen.js';
import { join } from 'node:path';
import { knownHostsText, labSshPaths, sshClientConfig, sshdConfig } from '../../core/ssh.js';
import type { JailRow } from '../../core/model.js';
import { getJail, recordProcess } from '../../state/jails.js';
import type { Inventory } from '../../core/inventory.js';
import { envError, failed } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { parseLeaseFile } from './confgen.js';
import { routerPaths } from './dhcp.js';
import { jailArgv } from './enter.js';
import { cgroupDir } from './facts.js';
import { alive } from './kill.js';
import { hostNetns, jailNetns, wwwNetns } from './names.js';
import { jailPaths, labPaths } from './paths.js';
import { cleanEnv } from './services.js';

/** The packaged sshd, and the privilege separation directory it refuses to start without. */
const SSHD = '/usr/sbin/sshd';
const PRIVSEP_DIR = '/run/sshd';

/** The lab's SSH client files. */
export function sshPaths(runDir: string, lab: string) {
  return labSshPaths(labPaths(runDir, lab).root);
}

/** A jail's sshd files, in the jail's own directory. */
export function jailSshPaths(runDir: string, lab: string, jail: string) {
  const dir = join(jailPaths(runDir, lab, jail).dir, 'ssh');
  return {
    dir,
    hostKey: join(dir, 'ssh_host_ed25519_key'),
    hostPub: join(dir, 'ssh_host_ed25519_key.pub'),
    config: join(dir, 'sshd_config'),
    pid: join(dir, 'sshd.pid'),
    log: join(dir, 'sshd.log'),
    /** A copy of the lab's authorized_keys: a thin root shows the jail's own directory, not the lab's. */
    authorized: join(dir, 'authorized_keys'),
  };
}

/** The lab's key pair (made for this lab, mode 0600, gone with the lab's directory), authorized_keys and ssh_config. */
async function ensureLabKey(ctx: LinuxContext, lab: string): Promise<string> {
  const p = sshPaths(ctx.runDir, lab);
  // authorized_keys is written last: with it, the pair is complete (a recording host cannot read what ssh-keygen made).
  const have = await ctx.host.readFile(p.authorized);
  if (have) return p.authorized;
  await ctx.host.mkdir(p.dir, 0o700);
  await ctx.host.run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `vessel-${lab}`, '-f', p.key]);
  const pub = (await ctx.host.readFile(p.pub)) ?? `ssh-ed25519 (the lab's public key) vessel-${lab}\n`;
  await ctx.host.writeFile(p.authorized, pub, 0o600);
  await ctx.host.writeFile(p.config, sshClientConfig(p), 0o600);
  await ctx.host.writeFile(p.knownHosts, '', 0o600);
  return p.authorized;
}

/** Starts sshd in a jail (a router's allows TCP forwarding: it is the network's jump host), and waits until it listens. */
export async function startSshd(ctx: LinuxContext, lab: string, j: JailRow, jump: boolean, knownHosts = true): Promise<void> {
  if (!(await ctx.host.exists(SSHD))) throw envError(`--ssh needs sshd (${SSHD}); install it with: apt-get install openssh-server`);
  const labKeys = await ensureLabKey(ctx, lab);
  if (!(await ctx.host.exists(PRIVSEP_DIR))) await ctx.host.mkdir(PRIVSEP_DIR, 0o755);
  const p = jailSshPaths(ctx.runDir, lab, j.name);
  await ctx.host.mkdir(p.dir, 0o700);
  const authorizedKeys = p.authorized;
  await ctx.host.writeFile(authorizedKeys, (await ctx.host.readFile(labKeys)) ?? `ssh-ed25519 (the lab's public key) vessel-${lab}\n`, 0o600);
  // Each jail gets a host key of its own, made here: none is shared with another jail or with the machine.
  if (!(await ctx.host.readFile(p.hostPub))) await ctx.host.run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', j.name, '-f', p.hostKey]);
  await ctx.host.writeFile(
    p.config,
    sshdConfig({ hostKey: p.hostKey, pidFile: p.pid, authorizedKeys, jump, ...(ctx.rootless ? { rootless: true } : {}) }),
    0o600,
  );
  const pid = await ctx.host.start(
    jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab, name: j.name, wd: '/' }, [SSHD, '-D', '-e', '-f', p.config]),
    {
      name: 'sshd',
      cgroup: cgroupDir(ctx.cgroupRoot, lab, j.name),
      log: p.log,
      env: cleanEnv(),
    },
  );
  recordProcess(ctx.db, lab, j.name, pid, (await ctx.host.process(pid))?.start ?? null, 'service');
  const addr = getJail(ctx.db, lab, j.name)?.addr ?? j.addr;
  if (
    !(await waitListening(ctx.host, bashConnect(`/run/netns/${jailNetns(lab, j.name)}`, addr ?? '127.0.0.1', 22), async () => !(await alive(ctx.host, pid))))
  ) {
    const tail = ((await ctx.host.readFile(p.log)) ?? '').trim().split('\n').slice(-2).join(' | ');
    throw failed(`sshd did not start in ${j.name}${tail ? `: ${tail}` : ''} (see ${p.log})`);
  }
  if (knownHosts) await refreshKnownHosts(ctx, lab);
}

/** Rewrites the lab's known_hosts from its jails that run sshd: each address (a router's outside one too) with its host key. */
export async function refreshKnownHosts(ctx: LinuxContext, lab: string): Promise<void> {
  const p = sshPaths(ctx.runDir, lab);
  if (!(await ctx.host.readFile(p.authorized))) return;
  const entries = await knownHostEntries(ctx, lab, {
    ...sshBackend(ctx, lab),
    hostKeyPub: (j) => ctx.host.readFile(jailSshPaths(ctx.runDir, lab, j.name).hostPub),
  });
  await ctx.host.writeFile(p.knownHosts, knownHostsText(entries), 0o600);
}

/** The Linux side of SSH over the lab's state: the lab host's and the outside's namespaces, one set of client files. */
function sshBackend(ctx: LinuxContext, lab: string): SshBackend {
  const p = sshPaths(ctx.runDir, lab);
  return {
    enter: (outside) => ['nsenter', `--net=/run/netns/${outside ? wwwNetns(lab) : hostNetns(lab)}`, '--'],
    files: () => ({ config: p.config, key: p.key }),
    // A router's outside address is its uplink lease.
    routerOutside: async (r) => parseLeaseFile((await ctx.host.readFile(routerPaths(ctx.runDir, lab, r.name).uplinkLease)) ?? '').ip,
    python: '/usr/bin/python3',
  };
}

/** The ssh command into a jail, from the lab host or from the outside through the router (see sshArgvFor). */
export function sshArgv(ctx: LinuxContext, lab: string, name: string, command: string[], from: 'host' | 'upstream'): Promise<string[]> {
  return sshArgvFor(ctx, lab, name, command, from, sshBackend(ctx, lab));
}

/** The lab's Ansible inventory (see labInventory). */
export function linuxInventory(ctx: LinuxContext, lab: string, network: string | undefined, from: 'host' | 'upstream'): Promise<Inventory> {
  return labInventory(ctx, lab, network, from, sshBackend(ctx, lab));
}
