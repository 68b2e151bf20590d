// The runner end to end through the CLI: statuses, transcripts, timeouts, retries, signals, teardown.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, processesMatching, ROOT, RUN_FIXTURES, startCli, waitForFile } from './cli.js';
import { useCensus } from './census.js';

useCensus();

const fx = (name: string) => join(RUN_FIXTURES, name);
const scratch = mkdtempSync(join(tmpdir(), 'vc-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('run', () => {
  it('passes a recipe of host-side steps, carrying exports and writing files', async () => {
    const r = await cli(['run', fx('pass.md')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ L8 sh setup/);
    expect(r.stdout).toMatch(/- L50 sh skipped: marked skip/);
    expect(r.stdout).toMatch(/- L54 sh skipped: engine=freebsd; this run uses linux/);
    expect(r.stdout).toMatch(/^steps: 5 passed, 0 failed, 2 skipped, 0 not run$/m);
  });

  it('fails a console mismatch with a unified diff that carries recipe line numbers', async () => {
    const r = await cli(['run', fx('console-diff.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${fx('console-diff.md')}:5: output of the command on line 5 does not match the transcript`);
    expect(r.stdout).toContain(['@@ -5,4 +1,4 @@', "     $ printf 'alpha\\nbeta\\ngamma\\n'", '     alpha', '    -BETA', '    +beta', '     gamma'].join('\n'));
    expect(r.stdout).toMatch(/1 step\(s\) not run: an earlier step failed \(L4, line 4\)/);
  });

  it('kills a timed-out block with its whole process tree and leaves nothing behind', async () => {
    const note = join(scratch, 'timeout-workdir');
    const r = await cli(['run', fx('timeout.md')], { env: { WORKDIR_NOTE: note } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the block timed out after 1.0s; its process tree was killed');
    expect(processesMatching('sleep 100.101')).toEqual([]);
    const workdir = readFileSync(note, 'utf8').trim();
    expect(workdir).toMatch(/vessel-cookbook-/);
    expect(existsSync(workdir)).toBe(false);
  });

  it('retries an eventually block until it passes on the third try', async () => {
    const r = await cli(['run', fx('eventually.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/↻ L4 sh attempt 2/);
    expect(r.stdout).toMatch(/↻ L4 sh attempt 3/);
    expect(r.stdout).toMatch(/✓ L4 sh after 3 attempts/);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`stops the current step on ${signal}, tears down, and exits ${code}`, async () => {
      const ready = join(scratch, `ready-${signal}`);
      const note = join(scratch, `note-${signal}`);
      const child = startCli(['run', fx('interrupt.md')], { READY_FILE: ready, WORKDIR_NOTE: note });
      await waitForFile(ready);
      child.kill(signal);
      const r = await child;
      expect(r.exitCode).toBe(code);
      expect(String(r.stdout)).toContain(`${signal}: stopping the current step and tearing down`);
      expect(String(r.stdout)).toContain('the block was stopped: the run was interrupted');
      expect(String(r.stdout)).toMatch(/STOPPED .*interrupt\.md/);
      expect(processesMatching('sleep 100.202')).toEqual([]);
      expect(existsSync(readFileSync(note, 'utf8').trim())).toBe(false);
    });
  }

  it('stops background blocks at teardown', async () => {
    const r = await cli(['run', fx('background.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ L4 sh \(background\)/);
    expect(processesMatching('sleep 100.303')).toEqual([]);
  });

  it('ends a recipe whose own timeout runs out', async () => {
    const r = await cli(['run', fx('recipe-timeout.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("the block was stopped: the recipe's timeout ran out; its process tree was killed");
    expect(processesMatching('sleep 100.404')).toEqual([]);
  });

  it('fails assertions and jail= steps that name jails the lab does not have, saying so', async () => {
    const a = await cli(['run', fx('engine.md')]);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain('engine.md:5: mesh web-*: pattern web-* matches no jail in this lab');
    const j = await cli(['run', fx('jail-step.md')]);
    expect(j.code).toBe(1);
    expect(j.stdout).toContain('jail=web: no jail named web in this lab');
  });

  it('exits 3 with what to do when a needed package is missing', async () => {
    const r = await cli(['run', fx('needs-tmux.md')], { env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/CANNOT RUN .*needs-tmux\.md: needs tmux, not installed on this host; run `vessel-cookbook doctor --install-deps/);
  });

  it('runs only the steps named by --only', async () => {
    const r = await cli(['run', '--only', 'second', fx('only.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/- L4 sh first skipped: not selected by --only/);
    const bad = await cli(['run', '--only', 'secnd', fx('only.md')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--only: no step named "secnd" \(did you mean "second"\?\)/);
  });

  it('selects recipes by --tag and --shard, and stops after a failure with --bail', async () => {
    const tagged = await cli(['run', '--reporter', 'json', '--tag', 'beta', fx('tagged-a.md'), fx('tagged-b.md')]);
    expect(JSON.parse(tagged.stdout).recipes.map((x: { name: string }) => x.name)).toEqual(['tagged-b']);
    const shard = await cli(['run', '--reporter', 'json', '--shard', '2/2', fx('tagged-a.md'), fx('tagged-b.md')]);
    expect(JSON.parse(shard.stdout).recipes.map((x: { name: string }) => x.name)).toEqual(['tagged-b']);
    const bail = await cli(['run', '--reporter', 'json', '--bail', fx('fails.md'), fx('tagged-a.md')]);
    expect(bail.code).toBe(1);
    expect(JSON.parse(bail.stdout).recipes.map((x: { status: string }) => x.status)).toEqual(['fail', 'notrun']);
  });

  it('keeps the work directory with --keep', async () => {
    const r = await cli(['run', '--keep', fx('only.md')]);
    const m = /kept work directory: (\S+)/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(existsSync(join(m![1]!, 'first'))).toBe(true);
    rmSync(join(m![1]!, '..'), { recursive: true, force: true });
    const lab = /kept lab: ([a-z0-9]+)/.exec(r.stdout)![1]!;
    const { execa } = await import('execa');
    const kept = await execa(process.execPath, [join(ROOT, 'bin/vessel'), 'cleanup'], { reject: false });
    expect(String(kept.stdout)).toContain(`${lab} (kept)`);
    const d = await execa(process.execPath, [join(ROOT, 'bin/vessel'), '--lab', lab, 'destroy', '--lab', lab], { reject: false });
    expect(String(d.stdout)).toBe(`lab ${lab} destroyed`);
  });
});

describe('reporters through the CLI', () => {
  it('writes TAP to stdout in place of pretty', async () => {
    const r = await cli(['run', '--reporter', 'tap', fx('console-diff.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('TAP version 14\n')).toBe(true);
    expect(r.stdout).toContain('not ok 1 - L4 console');
    expect(r.stdout).not.toContain('FAIL');
  });

  it('writes one file per recipe and reporter with --out, and pretty still prints', async () => {
    const out = join(scratch, 'reports');
    const r = await cli(['run', '--reporter', 'junit', '--reporter', 'tap', '--reporter', 'json', '--out', out, fx('pass.md'), fx('fails.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PASS');
    for (const f of ['pass.xml', 'pass.tap', 'pass.json', 'fails.xml', 'fails.tap', 'fails.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'fails.xml'), 'utf8')).toContain('<failure message="the block exited with status 1 (expected 0)" type="exit">');
    expect(JSON.parse(readFileSync(join(out, 'pass.json'), 'utf8')).status).toBe('pass');
  });
});

describe('bad input', () => {
  it('gives one line and exit 2 for each kind of bad input', async () => {
    const emptyDir = mkdtempSync(join(scratch, 'empty-'));
    const binary = join(scratch, 'binary.md');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(binary, Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
    const latin1 = join(scratch, 'latin1.md');
    writeFileSync(latin1, Buffer.from('# caf\xe9\n', 'latin1'));
    const cases: [string[], RegExp][] = [
      [['run', join(scratch, 'missing.md')], /missing\.md: no such file$/],
      [['run', emptyDir], /no recipes \(\*\.md files\) in this directory$/],
      [['run', binary], /binary\.md:1: contains a NUL byte/],
      [['check', latin1], /latin1\.md:1: is not valid UTF-8 text$/],
      [['run', '--reporter', 'xml', fx('pass.md')], /unknown reporter "xml"/],
      [['run', '--reporter', 'junit', fx('pass.md')], /--reporter junit writes files and needs --out DIR$/],
      [['run', '--reporter', 'html', fx('pass.md')], /--reporter html writes files and needs --out DIR$/],
      [['run', '--shard', '0/3', fx('pass.md')], /numbered from 1/],
      [['run', fx('prose-only.md')], /prose-only\.md:1: no runnable step/],
      [['run', '--bogus', fx('pass.md')], /unknown option '--bogus'/],
      [['run', '--host=freebsd-vm', '--engine=linux', fx('pass.md')], /--host=freebsd-vm: only the freebsd engine runs a lab on another machine/],
      [['run', '--host=freebsd-vm', '--install-deps', fx('pass.md')], /--install-deps with --host=freebsd-vm: it installs on this machine/],
      [['run', '--engine=freebsd', fx('pass.md')], /--engine freebsd cannot run on this linux host \(a FreeBSD machine over SSH: --host=/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0], args.join(' ')).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reports an unreadable file in one line', async () => {
    const f = join(scratch, 'secret.md');
    const { writeFileSync, chmodSync } = await import('node:fs');
    writeFileSync(f, '```sh\ntrue\n```\n');
    chmodSync(f, 0o000);
    chmodSync(scratch, 0o755);
    // As root, permissions are not enforced; drop to nobody for this check.
    const args = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    const { execa } = await import('execa');
    const r = await execa(args[0]!, [...args.slice(1), join(import.meta.dirname, '../../bin/vessel-cookbook'), 'check', f], {
      reject: false,
      env: { NO_COLOR: '1' },
    });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr).trim()).toBe(`${f}: cannot read the file (permission denied)`);
  });

  it('checks every file before running anything', async () => {
    const note = join(scratch, 'never');
    const bad = join(scratch, 'bad.md');
    const good = join(scratch, 'good.md');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(good, `\`\`\`sh\ntouch ${note}\n\`\`\`\n`);
    writeFileSync(bad, '```sh {tiemout=1s}\ntrue\n```\n');
    const r = await cli(['run', good, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${bad}:1: unknown option "tiemout" (did you mean "timeout"?)`);
    expect(existsSync(note)).toBe(false);
  });
});

describe('check, list, show', () => {
  it('check finds every error of a multi-error file in one go', async () => {
    const r = await cli(['check', join(RUN_FIXTURES, '../malformed/unknown-option.md'), join(RUN_FIXTURES, '../multi-error.md')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('11 error(s) in 2 file(s)');
    expect(lines.slice(0, -1).map((l) => /:(\d+): /.exec(l)![1])).toEqual(['3', '3', '4', '6', '10', '14', '20', '21', '24', '29', '32']);
  });

  it('check is quiet and exits 0 on good files', async () => {
    const r = await cli(['check', fx('pass.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${fx('pass.md')}: ok (7 steps)`);
  });

  it('list shows path, title, summary, steps, engines and tags; filters by tag and shard', async () => {
    const r = await cli(['list', RUN_FIXTURES, '--json']);
    const rows = JSON.parse(r.stdout) as { path: string; title: string; steps: number; engines: string[]; tags: string[] }[];
    expect(rows.find((x) => x.path.endsWith('pass.md'))).toMatchObject({
      title: 'Everything host-side passes',
      summary: 'Exports, transcripts, files, skips and engine selection',
      steps: 7,
      engines: ['linux', 'freebsd'],
      tags: ['smoke'],
    });
    const tagged = await cli(['list', RUN_FIXTURES, '--tag', 'alpha']);
    expect(tagged.stdout).toContain('tagged-a.md');
    expect(tagged.stdout).not.toContain('tagged-b.md');
    const s1 = JSON.parse((await cli(['list', RUN_FIXTURES, '--json', '--shard', '1/2'])).stdout) as unknown[];
    const s2 = JSON.parse((await cli(['list', RUN_FIXTURES, '--json', '--shard', '2/2'])).stdout) as unknown[];
    expect(s1.length + s2.length).toBe(rows.length);
  });

  it('show prints the steps with line numbers', async () => {
    const r = await cli(['show', fx('eventually.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    L4  sh (sh)  timeout=1m00s retry=30.0s');
    expect(r.stdout).toContain('    13  | $ cat count');
    expect(r.stdout).toContain('    14  | 3');
  });

  it('has --help with an example on every command', async () => {
    for (const cmd of [[], ['check'], ['list'], ['show'], ['run'], ['doctor']]) {
      const r = await cli([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Examples?:\n {2}vessel-cookbook /);
    }
  });
});
