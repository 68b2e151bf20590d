// The state database: migrations and the ledger's write-before-create rows in teardown order.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from '../../../src/state/db.js';
import { forget, labsInLedger, objectsOf, record } from '../../../src/state/ledger.js';

function db() {
  const d = new Database(':memory:');
  migrate(d);
  return d;
}

describe('state database', () => {
  it('migrates once and is idempotent', () => {
    const d = db();
    expect(d.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    migrate(d);
    expect(d.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const cols = (d.prepare("SELECT name FROM pragma_table_info('jails')").all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['uuid', 'dhcp', 'role', 'owner', 'spec', 'env', 'wd']));
    const tables = (d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['labs', 'networks', 'jails', 'processes', 'objects']));
  });

  it("returns a lab's objects in teardown order and forgets removed ones", () => {
    const d = db();
    record(d, 'lab1', [
      { kind: 'netns-host', name: 'vc-lab1-host' },
      { kind: 'cgroup', name: '/cg/vessel/lab1' },
      { kind: 'dir', name: '/run/vessel/lab1' },
      { kind: 'mount', name: '/run/vessel/lab1/ns' },
    ]);
    record(d, 'lab1', [
      { kind: 'netns-jail', name: 'vc-lab1-a', owner: 'a' },
      { kind: 'nsfile', name: '/run/vessel/lab1/ns/a.mnt', owner: 'a' },
      { kind: 'link', name: 'vc-lab1-host/vh1', owner: 'a' },
      { kind: 'cgroup', name: '/cg/vessel/lab1/a', owner: 'a' },
    ]);
    record(d, 'lab1', [{ kind: 'netns-jail', name: 'vc-lab1-a', owner: 'a' }]);
    record(d, 'lab2', [{ kind: 'netns-host', name: 'vc-lab2-host' }]);
    const all = objectsOf(d, 'lab1');
    expect(all.map((o) => o.kind)).toEqual(['nsfile', 'link', 'netns-jail', 'netns-host', 'mount', 'dir', 'cgroup', 'cgroup']);
    expect(all.filter((o) => o.kind === 'cgroup').map((o) => o.name)).toEqual(['/cg/vessel/lab1/a', '/cg/vessel/lab1']);
    expect(objectsOf(d, 'lab1', 'a')).toHaveLength(4);
    expect(labsInLedger(d).sort()).toEqual(['lab1', 'lab2']);
    forget(
      d,
      objectsOf(d, 'lab1', 'a').map((o) => o.id),
    );
    expect(objectsOf(d, 'lab1')).toHaveLength(4);
  });
});
