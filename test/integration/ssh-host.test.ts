// The SSH host against a real sshd on this machine's loopback (a throwaway sshd with its own keys, ended by PID):
// every Host method, argument quoting, and the rule that the host follows no link at a path's last component.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultPromise } from 'execa';
import { dir as tmpDir, type DirectoryResult } from 'tmp-promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshHost } from '../../src/host/ssh.js';
import { useCensus } from './census.js';
import { startSshd } from './sshd.js';

useCensus();

describe('SshHost (sshd on 127.0.0.1)', () => {
  let dir: DirectoryResult;
  let sshd: ResultPromise;
  let h: SshHost;
  let work: string;
  beforeAll(async () => {
    dir = await tmpDir({ prefix: 'vessel-ssh-host-', unsafeCleanup: true });
    const d = dir.path;
    ({ sshd, host: h } = await startSshd(d));
    work = join(d, 'work');
    mkdirSync(work);
  }, 30_000);
  afterAll(async () => {
    await h?.close();
    sshd?.kill('SIGTERM');
    await sshd;
    await dir?.cleanup();
  });

  it('runs argv unchanged through the remote shell: quotes, $, ;, newlines and globs are data', async () => {
    const nasty = ["it's", '$(touch /tmp/vessel-pwned)', '; rm -rf /', 'a\nb', '*', '"', '\\', ''];
    const r = await h.run(['printf', '%s|', ...nasty]);
    expect(r.stdout).toBe(`${nasty.join('|')}|`);
    expect(existsSync('/tmp/vessel-pwned')).toBe(false);
    expect((await h.run(['cat'], { input: 'in\nput' })).stdout).toBe('in\nput');
    expect((await h.run(['sh', '-c', 'echo $LC_ALL'])).stdout).toBe('C\n');
  });

  it('reports exit statuses, and fails in one line unless allowFail', async () => {
    expect((await h.run(['sh', '-c', 'echo oops >&2; exit 3'], { allowFail: true })).code).toBe(3);
    await expect(h.run(['sh', '-c', 'echo first >&2; echo last words >&2; exit 4'])).rejects.toThrow(/^sh -c echo first.* failed \(exit 4\): last words$/);
  });

  it('writes, appends, reads, lists, and removes files', async () => {
    const f = join(work, 'a/b/file');
    await h.writeFile(f, 'one\n', 0o600);
    expect(readFileSync(f, 'utf8')).toBe('one\n');
    expect(lstatSync(f).mode & 0o777).toBe(0o600);
    await h.appendFile(f, 'two\n');
    expect(await h.readFile(f)).toBe('one\ntwo\n');
    expect(await h.readFile(join(work, 'missing'))).toBeUndefined();
    expect(await h.exists(f)).toBe(true);
    expect(await h.exists(join(work, 'missing'))).toBe(false);
    await h.mkdir(join(work, 'a/dir'));
    expect((await h.list(join(work, 'a'))).sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'b', dir: true },
      { name: 'dir', dir: true },
    ]);
    expect(await h.list(join(work, 'nowhere'))).toEqual([]);
    expect(await h.inode(f)).toBe(lstatSync(f).ino);
    expect(await h.rmdir(join(work, 'a/b'))).toBe(false);
    expect(await h.rmdir(join(work, 'a/dir'))).toBe(true);
    await h.remove(join(work, 'a'));
    expect(existsSync(join(work, 'a'))).toBe(false);
  });

  it('follows no link at the last component: a write replaces the link, an append and a read refuse it', async () => {
    const target = join(work, 'target');
    writeFileSync(target, 'host file\n');
    const link = join(work, 'link');
    symlinkSync(target, link);
    expect(await h.readlink(link)).toBe(target);
    expect(await h.readFile(link)).toBeUndefined();
    await expect(h.appendFile(link, 'x')).rejects.toThrow(/symbolic link/);
    await h.writeFile(link, 'new\n');
    expect(readFileSync(target, 'utf8')).toBe('host file\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(link, 'utf8')).toBe('new\n');
  });

  it('starts a detached service with its own environment and log, sees it, and signals it', async () => {
    const log = join(work, 'svc.log');
    const pid = await h.start(['sh', '-c', 'echo "started $GREETING"; exec sleep 60'], {
      log,
      env: { GREETING: 'hi there', PATH: '/usr/bin:/bin' },
      name: 'sleep',
    });
    for (let i = 0; i < 50 && !readFileSync(log, 'utf8').includes('started'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(log, 'utf8')).toBe('started hi there\n');
    expect(lstatSync(log).mode & 0o777).toBe(0o600);
    const info = await h.process(pid);
    expect(info?.name).toBe('sleep');
    expect(info?.zombie).toBe(false);
    expect(info?.start).toMatch(/^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4}$/);
    expect(await h.signal(pid, 'SIGTERM')).toBe(true);
    for (let i = 0; i < 50 && (await h.process(pid)) && !(await h.process(pid))?.zombie; i++) await new Promise((r) => setTimeout(r, 50));
    const after = await h.process(pid);
    expect(after === undefined || after.zombie).toBe(true);
    await expect(h.start(['true'], { log: join(work, 'link'), env: {}, name: 'true', cgroup: '/sys/fs/cgroup/x' })).rejects.toThrow(/cgroup/);
  });
});
