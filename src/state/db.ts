// The SQLite state database: location, WAL, busy timeout and migrations.
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

/** An open state database. */
export type Db = Database.Database;

/** Where the state lives: $VESSEL_DB, else /var/db/vessel/vessel.db. */
export function dbPath(): string {
  return process.env.VESSEL_DB ?? '/var/db/vessel/vessel.db';
}

const MIGRATIONS: string[] = [
  `
  CREATE TABLE labs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('run', 'manual')),
    owner_pid INTEGER,
    owner_start TEXT,
    run_id TEXT,
    kept INTEGER NOT NULL DEFAULT 0,
    inet_nic TEXT,
    next_seq INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  );
  CREATE TABLE networks (
    lab TEXT NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    subnet TEXT NOT NULL,
    bridge TEXT NOT NULL,
    host_addr TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (lab, name)
  );
  CREATE TABLE jails (
    uuid TEXT PRIMARY KEY,
    lab TEXT NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    seq INTEGER NOT NULL,
    network TEXT,
    addr TEXT,
    mac TEXT,
    host_if TEXT,
    state TEXT NOT NULL,
    command TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (lab, name)
  );
  CREATE TABLE processes (
    lab TEXT NOT NULL,
    jail TEXT NOT NULL,
    pid INTEGER NOT NULL,
    start_time TEXT,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (lab, jail, pid)
  );
  -- The ledger: every kernel object, written before it is created.
  CREATE TABLE objects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lab TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    owner TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (lab, kind, name)
  );
  CREATE INDEX objects_lab ON objects (lab);
  `,
  `
  ALTER TABLE labs ADD COLUMN uplink TEXT;
  ALTER TABLE networks ADD COLUMN domain TEXT;
  ALTER TABLE networks ADD COLUMN dhcp_first TEXT;
  ALTER TABLE networks ADD COLUMN dhcp_last TEXT;
  ALTER TABLE networks ADD COLUMN nat INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jails ADD COLUMN dhcp INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jails ADD COLUMN role TEXT NOT NULL DEFAULT 'jail';
  `,
  `
  ALTER TABLE networks ADD COLUMN owner TEXT;
  ALTER TABLE networks ADD COLUMN spec TEXT;
  ALTER TABLE jails ADD COLUMN owner TEXT;
  ALTER TABLE jails ADD COLUMN spec TEXT;
  ALTER TABLE jails ADD COLUMN env TEXT;
  ALTER TABLE jails ADD COLUMN wd TEXT;
  `,
  `
  ALTER TABLE jails ADD COLUMN slot INTEGER;
  `,
  `
  ALTER TABLE networks ADD COLUMN vlan INTEGER;
  ALTER TABLE networks ADD COLUMN trunk TEXT;
  ALTER TABLE networks ADD COLUMN vlan_mode TEXT;
  ALTER TABLE networks ADD COLUMN route_to TEXT;
  `,
  `
  -- What a vessel process is making: a lab, network or jail stays here until it is complete. One whose maker died
  -- is half-made, and the next vessel call (or cleanup) removes it.
  CREATE TABLE builds (
    lab TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('lab', 'network', 'jail')),
    name TEXT NOT NULL,
    pid INTEGER NOT NULL,
    start_time TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (lab, kind, name)
  );
  `,
  `
  -- When a jail was last stopped (vessel stop): a background block that ends then ended with its jail.
  ALTER TABLE jails ADD COLUMN stopped_at TEXT;
  `,
  `
  -- A small number unique among the host's live labs: the freebsd backend puts it in the names of the interfaces it
  -- makes, since FreeBSD labs share one host network stack.
  ALTER TABLE labs ADD COLUMN tag INTEGER;
  `,
  `
  -- The ports a jail exposes through its network's router (JSON: [{port, jailPort, proto}]), or null.
  ALTER TABLE jails ADD COLUMN expose TEXT;
  `,
  `
  -- 1 when the jail runs sshd for the lab's key (vessel run --ssh; a router made with network --create --ssh).
  ALTER TABLE jails ADD COLUMN ssh INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- A jail's root (shared: the host's files; thin: an overlay of its own), its limits (JSON: {memory, cpus, pids}),
  -- and the run's work directory a thin root shows at the same path.
  ALTER TABLE jails ADD COLUMN root TEXT NOT NULL DEFAULT 'shared';
  ALTER TABLE jails ADD COLUMN limits TEXT;
  ALTER TABLE jails ADD COLUMN workdir TEXT;
  `,
  `
  -- IPv6: a network's /64 (null: IPv4 only); a jail's IPv6 address and how it gets it (slaac, dhcp or static).
  ALTER TABLE networks ADD COLUMN subnet6 TEXT;
  ALTER TABLE jails ADD COLUMN addr6 TEXT;
  ALTER TABLE jails ADD COLUMN addr6_mode TEXT;
  `,
];

/** The schema version after every migration. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema up to date (user_version counts applied migrations). */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** The state of a machine managed over SSH: a database of its own beside this machine's. */
export function remoteDbPath(t: { user: string; host: string; port: number }): string {
  return join(dirname(dbPath()), `ssh-${t.user}@${t.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${t.port}.db`);
}

/** Opens (creating if needed) the state database at `path`. */
export function openDb(path = dbPath()): Db {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  // The state is root's alone: other users can neither read nor write it (nor its WAL files, made with the same mode).
  if (path !== ':memory:') {
    try {
      chmodSync(path, 0o600);
    } catch {
      /* a read-only or foreign path keeps its mode */
    }
  }
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
