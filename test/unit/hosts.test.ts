// The hosts: the local one keeps the original error as `cause`; the recording one answers as a plan assumes.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../src/host/local.js';
import { FIRST_PLAN_PID, RecordingHost } from '../../src/host/recording.js';
import { VesselError } from '../../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'vessel-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local host', () => {
  it("throws one line with code failed, keeping execa's error as the cause", async () => {
    const h = new LocalHost();
    const e = await h.run(['sh', '-c', 'echo first >&2; echo why it failed >&2; exit 3']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(VesselError);
    expect((e as VesselError).code).toBe('failed');
    expect((e as VesselError).status).toBe(1);
    expect((e as VesselError).message).toBe('sh -c echo first >&2; echo why it failed >&2; exit 3 failed (exit 3): why it failed');
    expect(((e as VesselError).cause as { exitCode: number }).exitCode).toBe(3);
    expect((await h.run(['sh', '-c', 'exit 4'], { allowFail: true })).code).toBe(4);
    const missing = await h.run(['/nonexistent/program']).catch((x: unknown) => x);
    expect((missing as VesselError).cause).toBeDefined();
  });

  it('logs every action to the command log, and makes parents only when missing', async () => {
    const log = join(dir, 'commands.log');
    const h = new LocalHost({ logFile: log });
    await h.writeFile(join(dir, 'a/b/c.txt'), 'x\n', 0o600);
    expect(statSync(join(dir, 'a/b/c.txt')).mode & 0o777).toBe(0o600);
    await h.appendFile(join(dir, 'a/b/c.txt'), 'y\n');
    expect(await h.readFile(join(dir, 'a/b/c.txt'))).toBe('x\ny\n');
    const pid = await h.start(['sleep', '30'], { name: 'sleep', log: join(dir, 'sleep.log'), env: { PATH: '/usr/bin:/bin' } });
    expect((await h.process(pid))?.name).toBe('sleep');
    expect(await h.signal(pid, 'SIGKILL')).toBe(true);
    await h.remove(join(dir, 'a'));
    expect(await h.exists(join(dir, 'a'))).toBe(false);
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual([
      `write ${dir}/a/b/c.txt (mode 0600)`,
      `append ${dir}/a/b/c.txt`,
      `sleep 30 >>${dir}/sleep.log 2>&1 &`,
      `kill -KILL ${pid}`,
      `rm -rf ${dir}/a`,
    ]);
  });
});

describe('recording host', () => {
  it('records every action, answers with what the backend says, and forgets what it removed', async () => {
    const h = new RecordingHost();
    expect(await h.run(['ifconfig', 'bridge', 'create'], { simulated: 'bridge0\n' })).toEqual({ code: 0, stdout: 'bridge0\n', stderr: '' });
    const pid = await h.start(['dnsmasq'], { name: 'dnsmasq', log: '/l', env: {}, simulated: (p) => ({ '/run/x/dnsmasq.pid': `${p}\n` }) });
    expect(pid).toBe(FIRST_PLAN_PID);
    expect(await h.readFile('/run/x/dnsmasq.pid')).toBe(`${pid}\n`);
    expect((await h.process(pid))?.name).toBe('dnsmasq');
    // A path never seen is assumed to be there (the managed host's own); one removed is not.
    expect(await h.exists('/sys/class/net/eth9')).toBe(true);
    await h.remove('/run/x');
    expect(await h.exists('/run/x/dnsmasq.pid')).toBe(false);
    expect(await h.readFile('/run/x/dnsmasq.pid')).toBeUndefined();
    await h.mkdir('/run/x/y');
    expect(await h.exists('/run/x')).toBe(true);
    expect(await h.signal(pid, 'SIGHUP')).toBe(true);
    expect(await h.process(pid)).toBeDefined();
    expect(await h.signal(pid, 'SIGTERM')).toBe(true);
    expect(await h.process(pid)).toBeUndefined();
    expect(await h.signal(pid, 'SIGTERM')).toBe(false);
    expect(h.steps.map((s) => s.op)).toEqual(['run', 'start', 'remove', 'mkdir', 'signal', 'signal', 'signal']);
  });
});
