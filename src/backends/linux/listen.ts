// How the Linux backend checks that a service listens: a connect from inside the service's network namespace.

/** The argv that connects to addr:port from inside a Linux network namespace (bash's /dev/tcp: no extra tool). */
export function bashConnect(netnsPath: string, addr: string, port: number): string[] {
  return ['nsenter', `--net=${netnsPath}`, '--', 'bash', '-c', 'exec 3<>"/dev/tcp/$1/$2"', 'vessel-wait', addr, String(port)];
}
