// What jails get beyond their network, the same on every backend: their services, sshd, and a place behind their
// router's exposed ports. Started after the jails, all or nothing; followed when jails go.
import type { JailSpec } from './jails.js';
import type { JailRow } from './model.js';

/** A backend's part: how it starts each extra, and how it removes jails. */
export interface JailExtras {
  jail(name: string): JailRow;
  /** Starts a jail's service (a backend whose jail steps do not start it already). */
  startService?(j: JailRow): Promise<void>;
  /** Starts a jail's sshd, leaving the lab's known_hosts to `refreshKnownHosts`. */
  startSshd(j: JailRow): Promise<void>;
  refreshKnownHosts(): Promise<void>;
  /** Brings a network's router to what its jails expose. */
  refreshExposed(network: string): Promise<void>;
  hasRouter(network: string): boolean;
  destroyJails(names: string[]): Promise<void>;
}

/** Starts the extras of new jails; if one fails, the jails go again (the router forgets them) and the error stands. */
export async function finishJails(x: JailExtras, spec: JailSpec, rows: JailRow[]): Promise<JailRow[]> {
  try {
    if (x.startService) for (const j of rows) if (j.command) await x.startService(x.jail(j.name));
    if (spec.ssh) {
      for (const j of rows) await x.startSshd(x.jail(j.name));
      // known_hosts once for the batch, not once per jail.
      await x.refreshKnownHosts();
    }
    if (spec.expose?.length) await x.refreshExposed(spec.network);
  } catch (e) {
    await destroyJailsWithExtras(
      x,
      rows.map((j) => j.name),
    );
    throw e;
  }
  return rows.map((j) => x.jail(j.name));
}

/** Removes jails; what they exposed leaves their routers (unless the router went too), their host keys leave known_hosts. */
export async function destroyJailsWithExtras(x: JailExtras, names: string[]): Promise<void> {
  const gone = names.map((n) => x.jail(n));
  const exposing = [...new Set(gone.flatMap((j) => (j.expose && j.network ? [j.network] : [])))];
  await x.destroyJails(names);
  for (const net of exposing) if (x.hasRouter(net)) await x.refreshExposed(net);
  if (gone.some((j) => j.ssh)) await x.refreshKnownHosts();
}
