// SSH into jails (pure): the per-lab client config, a jail's sshd_config, known_hosts lines, and the ssh command line.

/** The port sshd listens on in jails and routers. */
export const SSH_PORT = 22;

/** Where a lab keeps its SSH client side: key pair, authorized_keys, known_hosts and an ssh_config that names them. */
export function labSshPaths(labDir: string) {
  const dir = `${labDir}/ssh`;
  return {
    dir,
    key: `${dir}/id_ed25519`,
    pub: `${dir}/id_ed25519.pub`,
    authorized: `${dir}/authorized_keys`,
    knownHosts: `${dir}/known_hosts`,
    config: `${dir}/ssh_config`,
  };
}

/** The lab's ssh_config: root with the lab's key only, host keys checked strictly against the lab's known_hosts. */
export function sshClientConfig(p: { key: string; knownHosts: string }): string {
  return [
    '# ssh_config: written by vessel for this lab (ssh -F FILE)',
    'Host *',
    '  User root',
    `  IdentityFile ${p.key}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${p.knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  ConnectTimeout 5',
    '',
  ].join('\n');
}

/** A jail's sshd_config: key login for root only, its own host key, TCP forwarding only on a jump host (a router). */
export function sshdConfig(o: { hostKey: string; pidFile: string; authorizedKeys: string; jump: boolean; rootless?: boolean }): string {
  return [
    '# sshd_config: written by vessel for one jail',
    `Port ${SSH_PORT}`,
    `HostKey ${o.hostKey}`,
    `PidFile ${o.pidFile}`,
    `AuthorizedKeysFile ${o.authorizedKeys}`,
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    `AllowTcpForwarding ${o.jump ? 'yes' : 'no'}`,
    'X11Forwarding no',
    'PrintMotd no',
    // File transfer (scp and Ansible use sftp), served by sshd itself: no sftp-server path that differs per system.
    'Subsystem sftp internal-sftp',
    // Rootless, the machine's / and /run are owned by ids the lab host does not map (they show as nobody), so the
    // check of every folder up to / would refuse every key. The keys are the engine's, in a folder only it writes.
    ...(o.rootless ? ['StrictModes no'] : []),
    '',
  ].join('\n');
}

/** known_hosts lines: each address of each jail with its own host key. */
export function knownHostsText(entries: { addrs: string[]; hostKeyPub: string }[]): string {
  return entries.map((e) => `${e.addrs.join(',')} ${e.hostKeyPub.trim().split(/\s+/).slice(0, 2).join(' ')}\n`).join('');
}

/** The ssh command line into a jail, with the lab's config, through a jump host when given. */
export function sshCommand(o: { config: string; addr: string; jump?: string; command: string[] }): string[] {
  return ['ssh', '-F', o.config, ...(o.jump ? ['-J', `root@${o.jump}`] : []), `root@${o.addr}`, ...o.command];
}
