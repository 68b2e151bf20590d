// The capabilities a jail's processes keep: what a vnet jail uses on its own network, and what daemons need to drop
// to their own users. Everything else (mounting, modules, namespaces, raw I/O, ptrace, mknod, time, chroot escapes of
// mounts...) leaves the bounding set, so not even a root process in the jail can get it back.

/** Capabilities kept in a jail (setpriv(1) names), as FreeBSD's jail root keeps its network and user rights. */
export const JAIL_CAPS = [
  'chown',
  'dac_override',
  'fowner',
  'fsetid',
  'kill',
  'setgid',
  'setuid',
  'setpcap',
  'net_bind_service',
  'net_broadcast',
  'net_admin',
  'net_raw',
  // sshd's privilege separation chroots into /run/sshd (an empty directory): a jail's root has nothing above it to reach.
  'sys_chroot',
  'audit_write',
] as const;

/** Notable capabilities that leave the bounding set (for messages and docs): what a jail's root cannot do. */
export const DROPPED_NOTABLE = ['sys_admin', 'sys_module', 'sys_rawio', 'sys_ptrace', 'mknod', 'sys_time', 'dac_read_search', 'setfcap', 'bpf'] as const;

/** setpriv's --bounding-set argument for jail processes. */
export function boundingSet(): string {
  return ['-all', ...JAIL_CAPS.map((c) => `+${c}`)].join(',');
}
