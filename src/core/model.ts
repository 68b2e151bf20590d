// The engine's model, the same for every backend: what an operation needs, and the rows of labs, networks and jails.
import type { Db } from '../state/db.js';
import type { Host } from './host.js';

export type { JailRow, LabRow, NetworkRow } from '../state/rows.js';

/** What every engine operation needs, on any backend. */
export interface EngineContext {
  db: Db;
  /** The machine the backend manages: every action on it goes through here. */
  host: Host;
  /** Per-lab file tree root on that machine (/run/vessel, /var/run/vessel). */
  runDir: string;
  /** Makes jail UUIDs (plan mode passes a seeded one so plans are deterministic). */
  uuid?: () => string;
  /** A jail's network leg: host side and jail side (default `vh<seq>` and `eth0`, the Linux names). */
  legOf?: (lab: string, seq: number) => { host: string; jail: string };
}
