// A jail stays in its jail (issue 25), for real (root). Each escape is tried as the jail's root, then the host is
// checked: a host file, another jail's and another lab's namespaces, the engine's own files of the jail. Each test
// leaves the machine as it found it (census).
import { existsSync, lstatSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';
import { useCensus } from './census.js';

const VESSEL = join(ROOT, 'bin/vessel');

/** Runs `vessel ARGS` in `lab` (never throws). */
async function vessel(lab: string, args: string[]) {
  const r = await execa(process.execPath, [VESSEL, '--lab', lab, ...args], { reject: false, env: { NO_COLOR: '1' } });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs a shell script as the root of jail `jail`. */
function inJail(lab: string, jail: string, script: string) {
  return vessel(lab, ['exec', jail, '--', 'sh', '-c', script]);
}

/** A by-hand lab, destroyed after each test. */
function lab(id: string): string {
  afterEach(async () => {
    await vessel(id, ['destroy', '--lab', id]);
  });
  return id;
}

/** The interfaces of a netns, by name. */
async function linksOf(netns: string): Promise<string[]> {
  const r = await execa('ip', ['-n', netns, '-o', 'link', 'show'], { reject: false });
  return String(r.stdout)
    .split('\n')
    .map((l) => l.split(':')[1]?.trim().split('@')[0] ?? '')
    .filter(Boolean);
}

useCensus();

describe('nothing a jail can write is trusted by the engine', () => {
  const L = lab('bdinit');

  it('a planted init in a thin root is root of its own namespaces only: no device node, no host disk, no host file', async () => {
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.74.0.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=t', '--network=n', '--root=thin'])).code).toBe(0);
    const marker = `/vc-escaped-${process.pid}`;
    const rootDev = statSync('/').dev;
    const [major, minor] = [Math.floor(rootDev / 256) & 0xfff, (rootDev & 0xff) | ((rootDev >> 12) & 0xfff00)];
    // The jail replaces the init its next process space starts with. The planted init runs with every capability the
    // entry gives it, before anything is dropped, and tries for the host disk and the host's files.
    const planted = [
      '#!/bin/sh',
      'exec > /root/planted.log 2>&1',
      'echo planted ran',
      `mknod /tmp/disk b ${major} ${minor} && echo mknod ok`,
      `mkdir -p /tmp/m && mount /tmp/disk /tmp/m && touch /tmp/m${marker} && echo disk written`,
      `mount -t ext4 /dev/vda /tmp/m 2>&1; mount -t tmpfs x /tmp/m && echo tmpfs ok`,
      `for f in /run/vessel /proc/1/root/run/vessel; do ls $f 2>&1; done`,
      'echo end',
      'exec /bin/true',
    ].join('\n');
    // (The running init's file is busy: the jail unlinks it first, as an attacker would.)
    const w = await inJail(L, 't', `rm -f /usr/bin/catatonit && cat > /usr/bin/catatonit <<'EOF'\n${planted}\nEOF\nchmod 755 /usr/bin/catatonit`);
    expect(w.code, w.stderr).toBe(0);
    // Its next process space starts the planted init; the entry lasts long enough for it to try everything.
    expect((await vessel(L, ['stop', 't'])).code).toBe(0);
    await inJail(L, 't', 'sleep 3');
    const log = readFileSync(`/run/vessel/${L}/private/t/layer/upper/root/planted.log`, 'utf8');
    expect(log).toContain('planted ran');
    expect(log).toContain('end');
    // A device node needs the host's CAP_MKNOD; a disk's file system cannot be mounted from a user namespace.
    expect(log).not.toContain('mknod ok');
    expect(log).not.toContain('disk written');
    expect(existsSync(marker)).toBe(false);
    // What it may do is mount a tmpfs in its own mount namespace: the root of its own namespaces, and nothing more.
    expect(log).toContain('tmpfs ok');
  }, 60_000);

  it("a thin root shows no engine folder; a shared root's view of the jail's private folder is an empty folder", async () => {
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.74.1.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=t', '--network=n', '--root=thin', '--pids=20'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=s', '--network=n'])).code).toBe(0);
    const priv = `/run/vessel/${L}/private`;
    // Thin: the lab's whole run folder is out of sight, so the lock, the pid file, the cgroups list, the layer and the
    // snapshots cannot be reached by any path.
    const t = await inJail(L, 't', `ls /run/vessel/${L} 2>&1; ls ${priv}/t 2>&1; ln -s /etc/passwd ${priv}/t/init.log 2>&1; echo ok`);
    expect(t.stdout).toMatch(/No such file or directory/);
    expect(t.stdout).not.toMatch(/init\.pid|cgroups|layer/);
    // Shared: the folder is the host's, but the jail sees an empty tmpfs over it; what it plants there is not the engine's.
    const s = await inJail(L, 's', `ls -A ${priv}; ln -s /etc/passwd ${priv}/init.log && echo planted; echo /tmp > ${priv}/s.cgroups; echo ok`);
    expect(s.stdout).toContain('planted');
    expect(existsSync(`${priv}/init.log`)).toBe(false);
    expect(lstatSync(`${priv}/s`).isDirectory()).toBe(true);
    // A lock the jail holds on what it takes for the entry lock is not the engine's: entries go on at once.
    expect(
      (await inJail(L, 's', `flock ${priv}/s.lock sleep 30 > /dev/null 2>&1 & flock /run/vessel/${L}/private/s/init.lock true 2>/dev/null & echo held`)).code,
    ).toBe(0);
    expect((await vessel(L, ['exec', 's', '--', 'true'])).code).toBe(0);
    // The engine's entries still work, and the pids limit still holds for the thin jail.
    const fork = await inJail(L, 't', 'i=0; while [ $i -lt 40 ]; do sleep 5 & i=$((i+1)); done 2>/dev/null; sleep 0.5; ps -e --no-headers | wc -l');
    expect(Number(fork.stdout.trim().split('\n').pop())).toBeLessThanOrEqual(20);
    // The cgroups list the engine joins is its own file, which the jail never saw.
    const cg = readFileSync(`${priv}/t/cgroups`, 'utf8');
    expect(cg).toContain(`vessel/${L}/t`);
  }, 60_000);

  it("an idle jail's entries leave its mount table as it was (no /proc or /dev per entry)", async () => {
    expect((await vessel(L, ['network', '--create', '--name=n', '--subnet=10.74.2.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=t', '--network=n', '--root=thin'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=s', '--network=n'])).code).toBe(0);
    for (const j of ['t', 's']) {
      const counts: number[] = [];
      for (let i = 0; i < 12; i++) counts.push(Number((await inJail(L, j, 'grep -c . /proc/self/mountinfo')).stdout.trim()));
      expect(new Set(counts).size, `${j}: ${counts.join(' ')}`).toBe(1);
    }
  }, 90_000);
});

describe('a jail cannot reach another namespace', () => {
  const L = lab('bdnet');
  const OTHER = 'bdnet2';
  afterEach(async () => {
    await vessel(OTHER, ['destroy', '--lab', OTHER]);
  });

  it('no interface made in, or moved into, another jail, the lab host or another lab, by any path or handle', async () => {
    expect((await vessel(L, ['network', '--create', '--name=red', '--subnet=10.75.1.0/24'])).code).toBe(0);
    expect((await vessel(L, ['network', '--create', '--name=blue', '--subnet=10.75.2.0/24'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=r', '--network=red'])).code).toBe(0);
    expect((await vessel(L, ['run', '--name=b', '--network=blue'])).code).toBe(0);
    expect((await vessel(OTHER, ['network', '--create', '--name=n', '--subnet=10.75.3.0/24'])).code).toBe(0);
    expect((await vessel(OTHER, ['run', '--name=o', '--network=n'])).code).toBe(0);
    const targets = [`vc-${L}-b`, `vc-${L}-host`, `vc-${OTHER}-o`, `vc-${OTHER}-host`];
    const before = await Promise.all(targets.map(linksOf));
    const reach = () => vessel(L, ['exec', 'r', '--', 'ping', '-c', '1', '-W', '1', '10.75.2.2']);
    expect((await reach()).code).not.toBe(0);

    // From inside (a shared root, the default): every path a jail could find.
    const tries = [...targets.flatMap((t) => [`/run/netns/${t}`, `/var/run/netns/${t}`]), '/proc/[0-9]*/ns/net', `/run/vessel/*/ns/*`];
    // A handle to the jail's own netns (its own processes') is no way out, so only a success elsewhere counts: the
    // veth's peer, or the moved link, would be missing from the jail afterwards.
    const script = [
      'i=0 own=$(readlink /proc/self/ns/net)',
      `for f in ${tries.join(' ')}; do`,
      '  i=$((i+1))',
      '  if ip link add x$i type veth peer name y$i netns "$f" 2>/dev/null; then ip link show y$i >/dev/null 2>&1 || echo "made through $f"; ip link del x$i; fi',
      '  ip link add z$i link eth0 type macvlan 2>/dev/null',
      '  if ip link set z$i netns "$f" 2>/dev/null; then ip link show z$i >/dev/null 2>&1 || echo "moved through $f"; fi; ip link del z$i 2>/dev/null',
      'done',
      // Every process the jail can see is in its own netns (one it may not inspect, its init, shows nothing).
      'for p in /proc/[0-9]*/ns/net; do n=$(readlink $p 2>/dev/null); [ -z "$n" ] || [ "$n" = "$own" ] || echo "foreign netns at $p"; done',
      'echo done',
    ].join('\n');
    const inside = await inJail(L, 'r', script);
    expect(inside.stdout).toContain('done');
    expect(inside.stdout).not.toMatch(/made through|moved through|foreign netns/);

    // With the jail's rights but the host's view of the paths (as if a handle had leaked): its CAP_NET_ADMIN is its
    // user namespace's, which owns no namespace but its own.
    for (const t of targets) {
      const r = await execa(
        'nsenter',
        [
          `--user=/run/vessel/${L}/ns/r.user`,
          `--net=/run/netns/vc-${L}-r`,
          '--',
          'ip',
          'link',
          'add',
          'e0',
          'type',
          'veth',
          'peer',
          'name',
          'e1',
          'netns',
          `/run/netns/${t}`,
        ],
        { reject: false },
      );
      expect(r.exitCode, `${t}: ${r.stderr}`).not.toBe(0);
      expect(String(r.stderr)).toMatch(/Operation not permitted/);
      const m = await execa(
        'nsenter',
        [`--user=/run/vessel/${L}/ns/r.user`, `--net=/run/netns/vc-${L}-r`, '--', 'ip', 'link', 'set', 'eth0', 'netns', `/run/netns/${t}`],
        {
          reject: false,
        },
      );
      expect(m.exitCode, `${t}: ${m.stderr}`).not.toBe(0);
    }
    // The host: nothing new anywhere, the jail keeps its eth0, and red still does not reach blue.
    expect(await Promise.all(targets.map(linksOf))).toEqual(before);
    expect(await linksOf(`vc-${L}-r`)).toContain('eth0');
    expect((await reach()).code).not.toBe(0);
  }, 90_000);
});

// Keeps the planted-init test's host check honest: the marker path is one the host could write.
afterEach(() => rmSync(`/vc-escaped-${process.pid}`, { force: true }));
