// Rootless labs: the runner and vessel started by an ordinary user, made for this test with a subordinate id range
// and a delegated cgroup v2 folder (what systemd gives a user's session), run the whole cookbook, the hostile fixtures
// and the escapes; a second user without subordinate ids runs beside them. After each test nothing of either user's
// remains: no process, no lab host, no state row, no cgroup.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();

/** The test's users: one with subordinate ids, one without. */
const USERS = [
  { name: 'vessel-rl1', subids: '400000-465535' },
  { name: 'vessel-rl2', subids: undefined },
] as const;

/** The cgroup v2 mount point. */
function cgroup2(): string {
  for (const l of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const p = l.split(' ');
    const sep = p.indexOf('-');
    if (sep > 0 && p[sep + 1] === 'cgroup2') return p[4]!;
  }
  throw new Error('no cgroup v2 mount');
}

const isRoot = process.getuid?.() === 0;
const uidOf = (name: string) =>
  Number(
    readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`))!
      .split(':')[2],
  );
const homeOf = (name: string) => `/home/${name}`;
const cgDir = (name: string) => join(cgroup2(), `vessel-test-${name}`);

/** Runs argv as `user`: placed (as root) in the user's delegated cgroup, then a clean environment of the user's. */
function asUser(user: string, argv: string[], opts: { env?: Record<string, string>; timeoutMs?: number; detached?: boolean; noCgroup?: boolean } = {}) {
  const env = Object.entries({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: homeOf(user), USER: user, LOGNAME: user, NO_COLOR: '1', ...opts.env }).map(
    ([k, v]) => `${k}=${v}`,
  );
  return execa(
    'sh',
    [
      '-c',
      // noCgroup: left in the test's own cgroup, which is not the user's (no delegation).
      opts.noCgroup ? 'shift && exec "$@"' : 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"',
      'sh',
      cgDir(user),
      'setpriv',
      `--reuid=${user}`,
      `--regid=${user}`,
      '--init-groups',
      'env',
      '-i',
      ...env,
      ...argv,
    ],
    { cwd: ROOT, reject: false, timeout: opts.timeoutMs ?? 120_000, ...(opts.detached ? { detached: true } : {}) },
  );
}
const runner = (user: string, args: string[], opts: { env?: Record<string, string>; timeoutMs?: number; noCgroup?: boolean } = {}) =>
  asUser(user, [process.execPath, join(ROOT, 'bin/vessel-cookbook'), ...args], opts);
const vessel = (user: string, args: string[], opts: { env?: Record<string, string>; noCgroup?: boolean } = {}) =>
  asUser(user, [process.execPath, join(ROOT, 'bin/vessel'), ...args], opts);

/** What a user has that a run could leave: processes, the lab host's pid file, state rows, cgroups. */
function userCensus(user: string) {
  const uid = uidOf(user);
  const procs: string[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const status = readFileSync(`/proc/${e}/status`, 'utf8');
      const real = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      if (Number(real) === uid && !/^State:\s+Z/m.test(status)) procs.push(readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
    } catch {
      /* gone */
    }
  }
  const db = join(homeOf(user), '.local/state/vessel/vessel.db');
  const rows: Record<string, number> = {};
  if (existsSync(db)) {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    for (const t of ['labs', 'networks', 'jails', 'processes', 'objects']) rows[t] = (d.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    d.close();
  }
  const cgroups: string[] = [];
  const walk = (d: string) => {
    for (const x of readdirSync(d, { withFileTypes: true })) if (x.isDirectory()) cgroups.push(join(d, x.name)) && walk(join(d, x.name));
  };
  walk(cgDir(user));
  const pidFile = `/tmp/vessel-${uid}/holder.pid`;
  const holder = existsSync(pidFile) && existsSync(`/proc/${readFileSync(pidFile, 'utf8').split(' ')[0]}`);
  return { procs, holder, rows, cgroups: cgroups.filter((c) => !c.endsWith('/vessel')) };
}

const empty = { procs: [], holder: false, rows: { labs: 0, networks: 0, jails: 0, processes: 0, objects: 0 }, cgroups: [] };

describe.skipIf(!isRoot)('rootless labs', () => {
  beforeAll(async () => {
    for (const u of USERS) {
      if (!readFileSync('/etc/passwd', 'utf8').includes(`\n${u.name}:`)) await execa('useradd', ['-m', '-s', '/bin/sh', u.name]);
      if (u.subids && !readFileSync('/etc/subuid', 'utf8').includes(`${u.name}:`))
        await execa('usermod', ['--add-subuids', u.subids, '--add-subgids', u.subids, u.name]);
      // useradd may have given it a range of its own (login.defs SUB_UID_COUNT): the user without takes it off.
      if (!u.subids)
        for (const f of ['/etc/subuid', '/etc/subgid'])
          writeFileSync(
            f,
            readFileSync(f, 'utf8')
              .split('\n')
              .filter((l) => !l.startsWith(`${u.name}:`))
              .join('\n'),
          );
      mkdirSync(cgDir(u.name), { recursive: true });
      await execa('chown', ['-R', `${u.name}:${u.name}`, cgDir(u.name)]);
    }
  });
  afterAll(async () => {
    for (const u of USERS) {
      const d = cgDir(u.name);
      for (const sub of [join(d, 'vessel'), d]) if (existsSync(sub)) rmdirSync(sub);
    }
  });
  beforeEach(() => {
    // Every test starts from nothing of theirs (the database may be there, empty).
    for (const u of USERS) {
      const c = userCensus(u.name);
      expect(c.procs.length + c.cgroups.length + Number(c.holder)).toBe(0);
    }
  });
  afterEach(async () => {
    const found = USERS.map((u) => userCensus(u.name));
    // What a failed test left is removed before the check, so one failure does not fail the tests after it.
    for (const u of USERS) {
      await execa('pkill', ['-KILL', '-u', u.name], { reject: false });
      rmSync(`/tmp/vessel-${uidOf(u.name)}/holder.pid`, { force: true });
    }
    for (const c of found) expect({ ...c, rows: { ...empty.rows, ...c.rows } }).toEqual(empty);
  });

  it('runs the whole cookbook and the hostile fixtures, as an ordinary user', async () => {
    const recipes = readdirSync(join(ROOT, 'cookbook')).filter((f) => f.endsWith('.md') && f !== 'README.md').length;
    const fixtures = [...['router-inbound.md', 'host-access.md'].map((f) => `test/fixtures/engine/${f}`), 'test/fixtures/honest/escapes.md'];
    const r = await runner(USERS[0].name, ['run', 'cookbook', ...fixtures], { timeoutMs: 900_000 });
    expect(r.stdout).toMatch(new RegExp(`^recipes: ${recipes + fixtures.length} passed, 0 failed$`, 'm'));
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  }, 900_000);

  it('runs without a delegated cgroup, keeping track of processes by network namespace, and says so', async () => {
    const a = USERS[0].name;
    // escapes.md: step processes that leave their group, marker and namespace (no cgroup holds them here) end with
    // the lab host, which ends with the last lab: the census after the test finds none.
    const recipes = [
      ...['getting-started.md', 'vnet-nat-virtualbox.md', 'partition.md', 'elixir-cluster.md'].map((f) => `cookbook/${f}`),
      'test/fixtures/honest/escapes.md',
    ];
    const r = await runner(a, ['run', ...recipes], { timeoutMs: 600_000, noCgroup: true });
    expect(String(r.stderr)).toMatch(/^vessel-cookbook: no cgroup: .* so jails' processes are kept track of by their network namespaces/m);
    expect(r.stdout).toMatch(new RegExp(`^recipes: ${recipes.length} passed, 0 failed$`, 'm'));
    expect(r.exitCode, String(r.stdout)).toBe(0);
    try {
      expect((await vessel(a, ['network', '--create', '--name=l', '--subnet=10.95.0.0/24'], { noCgroup: true })).exitCode).toBe(0);
      const limits = await vessel(a, ['run', '--name=big', '--network=l', '--memory=64M'], { noCgroup: true });
      expect(limits.exitCode).toBe(3);
      expect(String(limits.stderr)).toMatch(
        /^vessel: --memory needs a cgroup v2 subtree delegated to you, and your cgroup \S+ is not delegated to you \(not writable\); the jail was left without it$/m,
      );
    } finally {
      await vessel(a, ['destroy', '--lab', 'default'], { noCgroup: true });
    }
  }, 600_000);

  it("keeps a jail's root to what the user may do: no write to root's file, no signal to the user's processes", async () => {
    const victim = join('/tmp', `vc-rootless-victim-${process.pid}`);
    writeFileSync(victim, 'victim\n');
    chmodSync(victim, 0o644);
    const sleeper = asUser(USERS[0].name, ['sleep', '300'], { timeoutMs: 300_000 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const r = await runner(USERS[0].name, ['run', 'test/fixtures/rootless/escape.md'], { env: { VICTIM_FILE: victim, VICTIM_PID: String(sleeper.pid) } });
      expect(r.stdout, r.stdout + r.stderr).toMatch(/^PASS .*escape\.md/m);
      expect(readFileSync(victim, 'utf8')).toBe('victim\n');
      // The sleep is the setpriv'd child of sh: its process is alive, not killed by the jail.
      expect(() => process.kill(sleeper.pid!, 0)).not.toThrow();
    } finally {
      sleeper.kill('SIGKILL');
      await sleeper;
      rmSync(victim, { force: true });
    }
  }, 180_000);

  it('never enters a lab host whose pid file names a process in a pid namespace of its own (what a jail could plant)', async () => {
    const a = USERS[0].name;
    const uid = uidOf(a);
    // The user's own process, marked like a lab host, in a user and pid namespace of its own: what a shared-root jail
    // (the same user) could start and name in the user's runtime folder.
    const fake = asUser(a, ['unshare', '--user', '--pid', '--fork', '--kill-child', 'sleep', '60'], {
      env: { VESSEL_ROOTLESS_HOLDER: String(uid) },
      timeoutMs: 60_000,
    });
    try {
      let pid = 0;
      for (let i = 0; i < 100 && !pid; i++) {
        await new Promise((r) => setTimeout(r, 50));
        pid = Number(
          readdirSync('/proc').find(
            (e) => /^\d+$/.test(e) && existsSync(`/proc/${e}/cmdline`) && readFileSync(`/proc/${e}/cmdline`, 'utf8') === 'sleep\u000060\u0000',
          ),
        );
      }
      expect(pid).toBeGreaterThan(0);
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      mkdirSync(`/tmp/vessel-${uid}`, { recursive: true, mode: 0o700 });
      await execa('chown', [`${a}:${a}`, `/tmp/vessel-${uid}`]);
      writeFileSync(`/tmp/vessel-${uid}/holder.pid`, `${pid} ${start} 0\n`);
      await execa('chown', [`${a}:${a}`, `/tmp/vessel-${uid}/holder.pid`]);
      const r = await vessel(a, ['list']);
      expect(r.exitCode, String(r.stderr)).toBe(0);
      expect(String(r.stderr)).toBe('');
      // A lab host of its own was made and ended: the planted file is gone with it.
      expect(existsSync(`/tmp/vessel-${uid}/holder.pid`)).toBe(false);
    } finally {
      fake.kill('SIGKILL');
      await fake;
    }
  }, 60_000);

  it("keeps two users' labs apart; without subordinate ids says what to add, and runs with one uid", async () => {
    const [a, b] = [USERS[0].name, USERS[1].name];
    try {
      expect((await vessel(a, ['network', '--create', '--name=n', '--subnet=10.94.0.0/24'])).exitCode).toBe(0);
      expect((await vessel(a, ['run', '--name=mine', '--network=n'])).exitCode).toBe(0);
      const bn = await vessel(b, ['network', '--create', '--name=n', '--subnet=10.94.0.0/24']);
      expect(bn.exitCode, bn.stderr).toBe(0);
      expect(bn.stderr).toMatch(
        /^vessel: rootless with one uid: vessel-rl2 has no range in \/etc\/subuid and \/etc\/subgid, .*usermod --add-subuids 100000-165535 --add-subgids 100000-165535 vessel-rl2$/m,
      );
      expect((await vessel(b, ['run', '--name=theirs', '--network=n'])).exitCode).toBe(0);
      const la = String((await vessel(a, ['list'])).stdout);
      const lb = String((await vessel(b, ['list'])).stdout);
      expect(la).toContain('mine');
      expect(la).not.toContain('theirs');
      expect(lb).toContain('theirs');
      expect(lb).not.toContain('mine');
      // Same subnet, same names, two labs: b's vessel knows no jail of a's, and b's jail has the address a's has.
      const other = await vessel(b, ['exec', 'mine', '--', 'true']);
      expect(other.exitCode).toBe(2);
      expect(String((await vessel(b, ['exec', 'theirs', '--', 'hostname'])).stdout).trim()).toBe('theirs');
      const id = await vessel(b, ['exec', 'theirs', '--', 'sh', '-c', 'cat /proc/self/uid_map']);
      expect(String(id.stdout).trim().split('\n')).toHaveLength(1);
    } finally {
      await vessel(a, ['destroy', '--lab', 'default']);
      await vessel(b, ['destroy', '--lab', 'default']);
    }
  }, 120_000);

  it('refuses limits it has no delegated controller for, and a machine NIC as uplink, with the reason (exit 3)', async () => {
    const a = USERS[0].name;
    try {
      // Not a real interface: the refusal comes before any lookup (and the machine's own NIC is never named in tests).
      const nic = await vessel(a, ['init', '--inet-nic=vcnone0']);
      expect(nic.exitCode).toBe(3);
      expect(String(nic.stderr)).toBe(
        "vessel: --inet-nic=vcnone0 needs root: a rootless lab host has no interface of the machine's (the simulated outside of a run needs none)",
      );
      await vessel(a, ['network', '--create', '--name=l', '--subnet=10.95.0.0/24']);
      const r = await vessel(a, ['run', '--name=big', '--network=l', '--memory=64M']);
      const controllers = readFileSync(join(cgDir(a), 'cgroup.controllers'), 'utf8');
      if (controllers.includes('memory')) expect(r.exitCode).toBe(0);
      else {
        expect(r.exitCode).toBe(3);
        expect(String(r.stderr)).toMatch(
          /^vessel: --memory needs the cgroup v2 memory controller delegated to you, and \S+ has only ".*" \(rootless: root's cgroup v1 hierarchies cannot be used\); the jail was left without it$/,
        );
      }
    } finally {
      await vessel(a, ['destroy', '--lab', 'default']);
    }
  }, 120_000);

  /** Starts killed.md as `a`, waits until it is ready, and returns the run, its outer process and the inner runner. */
  async function startKilled(a: string) {
    const ready = join('/tmp', `vc-rl-ready-${process.pid}-${Date.now()}`);
    const child = runner(a, ['run', 'test/fixtures/engine/killed.md'], { env: { READY_FILE: ready }, timeoutMs: 120_000 });
    const end = Date.now() + 60_000;
    while (Date.now() < end && !existsSync(ready)) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(ready)).toBe(true);
    rmSync(ready, { force: true });
    // The sh placing it in its cgroup execs setpriv, env and node: child.pid is the outer runner; the inner one is the
    // node in the lab host, marked VESSEL_ROOTLESS=1.
    const inner = readdirSync('/proc')
      .filter((e) => /^\d+$/.test(e))
      .find((e) => {
        try {
          return (
            readFileSync(`/proc/${e}/environ`, 'utf8').split('\0').includes('VESSEL_ROOTLESS=1') &&
            readFileSync(`/proc/${e}/cmdline`, 'utf8').includes('killed.md') &&
            readFileSync(`/proc/${e}/comm`, 'utf8').trim() === 'node'
          );
        } catch {
          return false;
        }
      });
    expect(inner).toBeDefined();
    return { child, outer: child.pid!, inner: Number(inner) };
  }

  it('tears the lab down when the runner the user started is SIGKILLed (the one in the lab host gets SIGTERM)', async () => {
    const { child, outer } = await startKilled(USERS[0].name);
    process.kill(outer, 'SIGKILL');
    await child;
    // The inner runner tears down and ends, then nothing is left (the lab host ends when its last process does).
    const end = Date.now() + 60_000;
    while (Date.now() < end && userCensus(USERS[0].name).procs.length > 0) await new Promise((r) => setTimeout(r, 200));
    expect(userCensus(USERS[0].name)).toMatchObject({ procs: [], holder: false, cgroups: [] });
    const c = await vessel(USERS[0].name, ['cleanup']);
    expect(c.exitCode, String(c.stderr)).toBe(0);
  }, 180_000);

  it('leaves nothing after SIGKILL of the runner in the lab host, once the user runs vessel cleanup', async () => {
    const { child, inner } = await startKilled(USERS[0].name);
    process.kill(inner, 'SIGKILL');
    const r = await child;
    expect(r.exitCode).toBe(137);
    const c = await vessel(USERS[0].name, ['cleanup']);
    expect(c.exitCode, String(c.stderr)).toBe(0);
  }, 180_000);
});
