// A rootless lab's /etc/shadow for its jails. The machine's is root's and unreadable in a rootless lab host, and sshd
// then takes every account for locked ("User root not allowed because account is locked", seen here). The jails get
// one line per account of /etc/passwd with the password field `*`: no password login, not locked. (pure)

/** The shadow text for a passwd text. */
export function jailShadow(passwd: string): string {
  return passwd
    .split('\n')
    .map((l) => l.split(':')[0] ?? '')
    .filter((name) => /^[a-z_][a-z0-9_.-]*\$?$/i.test(name))
    .map((name) => `${name}:*:19000:0:99999:7:::\n`)
    .join('');
}
