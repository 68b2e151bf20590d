// `vessel-cookbook plan --engine=linux|freebsd` from the command line: no root, the goldens' text, files with --out.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/vessel-cookbook');
const out = mkdtempSync(join(tmpdir(), 'vessel-plan-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs vessel-cookbook as an unprivileged user (nobody): plans need no root. */
const asNobody = (args: string[]) =>
  execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], { cwd: ROOT, reject: false });

describe('vessel-cookbook plan', () => {
  it('prints the linux plan of a recipe as an unprivileged user, the same as its golden', async () => {
    const r = await asNobody(['plan', '--engine=linux', 'cookbook/slots.md']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout + '\n').toBe(readFileSync(join(ROOT, 'test/golden/linux/slots.plan'), 'utf8'));
  });

  it('writes NAME.ENGINE.plan files with --out, for either backend', async () => {
    for (const engine of ['linux', 'freebsd']) {
      const r = await execa(process.execPath, [BIN, 'plan', `--engine=${engine}`, '--out', out, 'cookbook/vlan.md'], { cwd: ROOT, reject: false });
      expect(r.exitCode).toBe(0);
      expect(readFileSync(join(out, `vlan.${engine}.plan`), 'utf8')).toBe(readFileSync(join(ROOT, `test/golden/${engine}/vlan.plan`), 'utf8'));
    }
  });

  it('refuses an engine that is not one, with exit 2', async () => {
    const r = await execa(process.execPath, [BIN, 'plan', '--engine=solaris', 'cookbook/vlan.md'], { cwd: ROOT, reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--engine.*solaris/);
  });
});

describe('plan accounts for every step', () => {
  it('lists what runs as is, inside jails and as assertions, and checks each shell block with bash -n', async () => {
    const r = await execa(process.execPath, [BIN, 'plan', '--engine=freebsd', 'cookbook/getting-started.md'], { cwd: ROOT, reject: false });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^## L64 not planned \(the block runs only on linux\): console block$/m);
    expect(r.stdout).toMatch(/^# block L77 \(console\): bash -n passes$/m);
    expect(r.stdout).toMatch(/^## L78 not planned \(not a vessel command\): jls name \| grep -- "-\$VESSEL_LAB-"$/m);
    expect(r.stdout).toMatch(/^## L\d+ not planned \(runs inside jail blue-2\): hostname$/m);
    expect(r.stdout).toMatch(/^## L\d+ not planned \(an assertion, probed at run time\): mesh blue-\*$/m);
    expect(r.stdout).toMatch(/^## L\d+ \$ vessel network --create --name=blue --subnet=10\.10\.1\.0\/24\n(?:.*\n)*?# output matches the recipe$/m);
  });

  it("compares a vessel command's output with the recipe, and checks only this engine's file blocks", async () => {
    const run = (engine: string) =>
      execa(process.execPath, [BIN, 'plan', `--engine=${engine}`, 'test/fixtures/plan/wrong-output.md'], { cwd: ROOT, reject: false });
    const fb = await run('freebsd');
    expect(fb.exitCode).toBe(1);
    expect(fb.stdout).toContain('# output differs from the recipe:');
    expect(fb.stdout).toMatch(/^# {3}\+network lan: bridge b1-lan, /m);
    expect(fb.stdout).toContain('# output not compared: vessel exec prints what the jail printed, known only at run time');
    expect(fb.stdout).toMatch(/^## L16 not planned \(the block runs only on linux\): sh block \(file=run\.sh\)$/m);
    expect(fb.stdout).toMatch(/^# block L20 \(sh\): bash -n fails: /m);
    // On Linux the same recipe's output matches, and its file block parses.
    const lx = await run('linux');
    expect(lx.stdout).toContain('# output matches the recipe');
    expect(lx.stdout).not.toContain('# output differs');
    expect(lx.stdout).toMatch(/^# block L16 \(sh\): bash -n passes$/m);
    expect(lx.exitCode).toBe(0);
  });

  it('fails a plan whose shell block does not parse, naming the block', async () => {
    const r = await execa(process.execPath, [BIN, 'plan', '--engine=linux', 'test/fixtures/plan/bad-syntax.md'], { cwd: ROOT, reject: false });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^# block L7 \(sh, broken\): bash -n fails: bash: line 3: syntax error/m);
  });
});
