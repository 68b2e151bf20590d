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
