// A recipe run's remote side (run --host), against a throwaway sshd on the loopback that lives in a mount namespace
// of its own: there, a tmpfs covers the run's folder, so "the remote machine" sees the same path with other files,
// as a real remote does. The block helper, the file copies both ways, the forwarding vessel, and what a stopped or
// finished block leaves running (nothing).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { dir as tmpDir, type DirectoryResult } from 'tmp-promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunLab } from '../../src/core/run-lab.js';
import { remoteRunLab, type RemoteRun } from '../../src/harness/remote-run.js';
import { BIN_DIR } from '../../src/harness/recipe-run.js';
import { parseShimRequest } from '../../src/host/remote-step.js';
import type { SshHost } from '../../src/host/ssh.js';
import { VERSION } from '../../src/cli/version.js';
import { useCensus } from './census.js';
import { startSshd } from './sshd.js';

useCensus();

/** Processes whose command line is exactly `cmd`. */
async function running(cmd: string): Promise<string[]> {
  const r = await execa('pgrep', ['-fx', cmd], { reject: false });
  return r.stdout.split('\n').filter(Boolean);
}

describe('a run on a machine over SSH (sshd on 127.0.0.1, its own view of the run folder)', () => {
  let dir: DirectoryResult;
  let sshd: ResultPromise;
  let h: SshHost;
  let root: string;
  let remote: RemoteRun;
  /** Runs a bash script as a block: the helper, over SSH, in the work folder, with these VESSEL_* variables. */
  let block: (script: string, env?: Record<string, string>) => ResultPromise;

  beforeAll(async () => {
    dir = await tmpDir({ prefix: 'vessel-remote-run-', unsafeCleanup: true });
    const keys = join(dir.path, 'keys');
    root = join(dir.path, 'run');
    mkdirSync(keys);
    mkdirSync(join(root, 'work'), { recursive: true });
    mkdirSync(join(root, '.vessel'), { mode: 0o700 });
    // unshare, then sh, then sshd: one PID, ended by it.
    const wrap = [
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount -t tmpfs -o mode=0755 vessel-remote "$1" && shift && exec "$@"',
      'vessel-remote',
      root,
    ];
    let port: number;
    ({ sshd, host: h, port } = await startSshd(keys, wrap));
    const inner: RunLab = {
      id: 'rr',
      env: {},
      enter: (jail) => (jail ? `jail=${jail}: no jails here` : []),
      prober: undefined as never,
      entryOf: () => undefined,
      setCommandLog: () => undefined,
      teardown: async () => [],
    };
    remote = await remoteRunLab(inner, h, root, join(BIN_DIR, 'vessel'), `ssh://root@127.0.0.1:${port}`);
    block = (script, env = {}) => {
      const file = join(root, '.vessel', `b${Math.random().toString(36).slice(2)}.sh`);
      writeFileSync(file, script);
      const argv = remote.lab.enter(undefined, join(root, 'work')) as string[];
      return execa(argv[0]!, [...argv.slice(1), 'bash', '--noprofile', '--norc', file], {
        cwd: join(root, 'work'),
        env: { PATH: process.env.PATH!, ...env },
        extendEnv: false,
        all: true,
        reject: false,
      });
    };
  }, 60_000);

  afterAll(async () => {
    await remote?.close(false);
    await h?.close();
    sshd?.kill('SIGTERM');
    await sshd;
    await dir?.cleanup();
  });

  it("the remote side sees its own files at the run folder, not this machine's", async () => {
    writeFileSync(join(root, 'work', 'only-here'), 'x');
    expect((await h.run(['test', '-e', join(root, 'work', 'only-here')], { allowFail: true })).code).toBe(1);
  });

  it('runs a block there: output, exit status, the work folder, and only the VESSEL_* variables', async () => {
    const r = await block('echo "in $PWD lab=$VESSEL_LAB secret=$(printenv SECRET || echo unset)"; exit 7', { VESSEL_LAB: 'rr', SECRET: 'x' });
    expect(r.all).toBe(`in ${join(root, 'work')} lab=rr secret=unset`);
    expect(r.exitCode).toBe(7);
  });

  it("copies the run's files there before a block, and back after it: regular files only, never a link, a set-id file or an output capture", async () => {
    writeFileSync(join(root, 'work', 'input.txt'), 'from here\n');
    const r = await block(
      'cat input.txt; echo made there > made.txt; ln -s /etc/shadow evil; echo no > x.out; mkdir -p sub; echo deep > sub/f; cp /bin/true suid; chmod 4755 suid',
    );
    expect(r.all).toBe('from here');
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(root, 'work', 'made.txt'), 'utf8')).toBe('made there\n');
    expect(readFileSync(join(root, 'work', 'sub', 'f'), 'utf8')).toBe('deep\n');
    expect(existsSync(join(root, 'work', 'evil'))).toBe(false);
    expect(existsSync(join(root, 'work', 'x.out'))).toBe(false);
    // A set-id program made there comes back without its set-id bits, or not at all.
    const suid = join(root, 'work', 'suid');
    expect(existsSync(suid) ? statSync(suid).mode & 0o6000 : 0).toBe(0);
  });

  it("a block's vessel is this machine's vessel, through the forwarded socket, with its output and exit status", async () => {
    const r = await block('vessel --version; vessel frobnicate; echo "status $?"', { VESSEL_LAB: 'rr' });
    expect(r.all).toContain(VERSION);
    expect(r.all).toMatch(/unknown command 'frobnicate'[\s\S]*status 2$/);
  });

  it('ends what a finished block left running there, and what a stopped block was running', async () => {
    expect((await block('sleep 3131 & echo left')).all).toBe('left');
    await new Promise((r) => setTimeout(r, 300));
    expect(await running('sleep 3131')).toEqual([]);
    const b = block('echo started; sleep 3132');
    for (let i = 0; i < 50 && (await running('sleep 3132')).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await running('sleep 3132')).toHaveLength(1);
    b.kill('SIGTERM');
    const r = await b;
    expect(r.exitCode).toBe(143);
    await new Promise((r) => setTimeout(r, 300));
    expect(await running('sleep 3132')).toEqual([]);
  });

  it('takes only well-formed requests from the remote vessel', () => {
    const ok = parseShimRequest(Buffer.from('/w\0VESSEL_LAB=a\0VESSEL_COOKBOOK_RUN=b\0\0run\0--name=x\0'));
    expect(ok).toEqual({ cwd: '/w', env: { VESSEL_LAB: 'a', VESSEL_COOKBOOK_RUN: 'b' }, args: ['run', '--name=x'] });
    expect(parseShimRequest(Buffer.from('/w\0PATH=/evil\0\0run\0'))).toBeUndefined();
    expect(parseShimRequest(Buffer.from('/w\0VESSEL_LAB=a\0run'))).toBeUndefined();
    expect(parseShimRequest(Buffer.from(''))).toBeUndefined();
  });
});
