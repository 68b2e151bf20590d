// Waiting for a service to listen, on any backend: a connect command run until it succeeds, the service dies, or time runs out.
import { waitFor } from '../util/sleep.js';
import type { Host } from './host.js';

/** True once `connect` exits 0; false when `gone` says the service died first, or after `ms`. */
export async function waitListening(host: Host, connect: string[], gone: () => Promise<boolean> = async () => false, ms = 3000): Promise<boolean> {
  let up = false;
  await waitFor(
    async () => {
      up = (await host.run(connect, { allowFail: true })).code === 0;
      return up || (await gone());
    },
    ms,
    30,
  );
  return up;
}

/** The argv that connects to addr:port from inside a Linux network namespace (bash's /dev/tcp: no extra tool). */
export function bashConnect(netnsPath: string, addr: string, port: number): string[] {
  return ['nsenter', `--net=${netnsPath}`, '--', 'bash', '-c', 'exec 3<>"/dev/tcp/$1/$2"', 'vessel-wait', addr, String(port)];
}
