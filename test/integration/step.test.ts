// Learning mode in a real terminal: tmux runs `vessel-cookbook run --step`, send-keys answers the prompts, and
// capture-pane reads what a person would see.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const SESSION = `vcstep${process.pid}`;
const FILE = join(ROOT, 'test/fixtures/step/walk.md');
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', SESSION);

/** Waits until the screen matches, or fails showing what was there. */
async function waitFor(re: RegExp, ms = 30_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (re.test(s)) return s;
    if (Date.now() > end) throw new Error(`screen never showed ${re}:\n${s}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

afterEach(async () => {
  try {
    // A run still at a prompt quits with q, which tears its lab down; then the session goes.
    if (!/^EXIT=\d+$/m.test(screen())) {
      tmux('send-keys', '-t', SESSION, 'q');
      await waitFor(/^EXIT=\d+$/m, 20_000).catch(() => undefined);
    }
    tmux('kill-session', '-t', SESSION);
  } catch {
    /* already gone */
  }
});

function start(extra = '', file = FILE): void {
  tmux(
    'new-session',
    '-d',
    '-s',
    SESSION,
    '-x',
    '120',
    '-y',
    '60',
    `cd ${ROOT} && NO_COLOR=1 node bin/vessel-cookbook run --step ${extra} ${file}; echo "EXIT=$?"; sleep 120`,
  );
}

describe('run --step', () => {
  it('shows the prose and the block, runs on Enter, opens a shell in the jail with i, skips with s, quits with q', async () => {
    start();
    let s = await waitFor(/\[Enter\] run {2}\[s\] skip {2}\[q\] quit {2}\[i\] shell in the lab host > $/m);
    expect(s).toContain('step 1 of 4 · L12 sh');
    // Prose rendered for the terminal (no colour here): headings in capitals, inline code in backticks.
    expect(s).toMatch(/^ONE$/m);
    expect(s).toContain('First we make a network with `vessel`, and a jail on it:');
    expect(s).toContain('│ vessel network --create --name=lan --subnet=10.73.0.0/24 > /dev/null');

    tmux('send-keys', '-t', SESSION, 'Enter');
    // After a step: Enter goes on, r runs it again.
    s = await waitFor(/\[Enter\] next {2}\[r\] run it again {2}\[i\] shell in the lab host {2}\[q\] quit > $/m);
    expect(s).toMatch(/✓ L12 sh \d+(ms|\.\d+s)\n {2}output:\n {2}\| made-it/);
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitFor(/shell in jail web > $/m);
    expect(s).toContain('step 2 of 4 · L22 console jail=web');
    expect(s).toContain('The jail says its name:');

    tmux('send-keys', '-t', SESSION, 'i');
    await waitFor(/\(jail web\) .*# $/m);
    tmux('send-keys', '-t', SESSION, 'echo "I am $(hostname)"', 'Enter');
    await waitFor(/^I am web$/m);
    tmux('send-keys', '-t', SESSION, 'exit', 'Enter');
    s = await waitFor(/back in the recipe\n\[Enter\] run .*shell in jail web > $/m);

    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/✓ L22 console jail=web \d+(ms|\.\d+s)[\s\S]*\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitFor(/step 3 of 4/);
    await waitFor(/This one will be skipped\.[\s\S]*shell in the lab host > $/m);
    tmux('send-keys', '-t', SESSION, 's');
    s = await waitFor(/step 4 of 4[\s\S]*shell in the lab host > $/m);
    expect(s).toContain('- L31 sh skipped: skipped with s (--step)');
    expect(s).not.toContain('| three-ran');

    tmux('send-keys', '-t', SESSION, 'q');
    s = await waitFor(/^EXIT=\d+$/m);
    expect(s).toContain('q: quitting; tearing the lab down');
    expect(s).toMatch(/STOPPED .*walk\.md \(2 passed, 0 failed, 1 skipped, 1 not run\); teardown done/);
    expect(s).toMatch(/^EXIT=130$/m);
    expect(s).not.toContain('| four-ran');
  }, 90_000);

  it('with --show-commands, shows the engine commands a step ran', async () => {
    start('--show-commands');
    await waitFor(/shell in the lab host > $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    const s = await waitFor(/\[Enter\] next .*> $/m);
    expect(s).toMatch(/\$ ip -n vc-[a-z0-9]+-host -batch - <<EOF/);
    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor(/^EXIT=130$/m);
  }, 60_000);

  it('after a failure: a shell to look and fix, r to retry; the closing prose before the summary', async () => {
    start('', join(ROOT, 'test/fixtures/step/recover.md'));
    await waitFor(/shell in the lab host > $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    let s = await waitFor(/\[r\] retry {2}\[i\] shell in the lab host {2}\[s\] skip it and go on {2}\[q\] quit > $/m);
    expect(s).toMatch(/✗ L12 sh/);
    tmux('send-keys', '-t', SESSION, 'i');
    await waitFor(/\(lab [a-z0-9]+\) .*# $/m);
    tmux('send-keys', '-t', SESSION, 'touch flag && exit', 'Enter');
    await waitFor(/back in the recipe\n\[r\] retry .*> $/m);
    tmux('send-keys', '-t', SESSION, 'r');
    s = await waitFor(/\| flag-found[\s\S]*\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/step 2 of 2[\s\S]*shell in the lab host > $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/\| after-ran[\s\S]*\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitFor(/^EXIT=\d+$/m);
    // The words after the last block come before the summary; the retried step counts once, as passed.
    expect(s).toMatch(/That is all: you now know how to look around after a failure\.[\s\S]*recipes: 1 passed, 0 failed/);
    expect(s).toMatch(/^EXIT=0$/m);
  }, 90_000);

  it('an exercise: c shows why the check fails, a fix in the shell makes it pass, and its solution never runs', async () => {
    start('', join(ROOT, 'test/fixtures/exercise/done.md'));
    let s = await waitFor(/\[i\] shell in the lab host {2}\[c\] check {2}\[h\] show the solution {2}\[r\] run the solution {2}\[s\] skip {2}\[q\] quit > $/m);
    expect(s).toContain('Make a file named `done.txt` in the work directory, holding the word `ok`.');
    expect(s).toContain('│ $ cat done.txt');
    expect(s).not.toContain('│ echo ok | tee done.txt');
    tmux('send-keys', '-t', SESSION, 'i');
    await waitFor(/\(lab [a-z0-9]+\) .*# $/m);
    tmux('send-keys', '-t', SESSION, 'echo wrong > done.txt && exit', 'Enter');
    await waitFor(/back in the exercise\n.*> $/m);
    tmux('send-keys', '-t', SESSION, 'c');
    s = await waitFor(/✗ not yet: .*[\s\S]*> $/m);
    // What differs, as a failed run shows it: expected against actual.
    expect(s).toMatch(/^ {2}-ok$/m);
    expect(s).toMatch(/^ {2}\+wrong$/m);
    tmux('send-keys', '-t', SESSION, 'h');
    s = await waitFor(/the solution:\n\n┌ sh \{solution=make-done\}\n│ echo ok \| tee done.txt[\s\S]*> $/m);
    tmux('send-keys', '-t', SESSION, 'i');
    await waitFor(/\(lab [a-z0-9]+\) .*# $/m);
    tmux('send-keys', '-t', SESSION, 'echo ok > done.txt && exit', 'Enter');
    await waitFor(/back in the exercise\n.*> $/m);
    tmux('send-keys', '-t', SESSION, 'c');
    s = await waitFor(/✓ the check passes: exercise make-done solved by you; its solution will not run/);
    // Then the intended way, to compare.
    s = await waitFor(/the recipe's own solution, to compare with yours:\n\n┌ sh \{solution=make-done\}\n│ echo ok \| tee done.txt/);
    await waitFor(/step 3 of 3[\s\S]*shell in the lab host > $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/\| after-exercise[\s\S]*\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitFor(/^EXIT=\d+$/m);
    expect(s).toContain('L11 sh [exercise make-done: solved by the learner]');
    expect(s).toContain('L15 console [exercise make-done: solved by the learner]');
    expect(s).toMatch(/^EXIT=0$/m);
  }, 90_000);

  it('an exercise: r runs the solution, and the check then passes', async () => {
    start('', join(ROOT, 'test/fixtures/exercise/done.md'));
    await waitFor(/\[c\] check .*> $/m);
    tmux('send-keys', '-t', SESSION, 'r');
    // The solution ran (after its check failed once), its output shown; the check is the next step.
    await waitFor(
      /✓ L11 sh \[exercise make-done: solved by its solution\][\s\S]*\n {2}output:\n {2}\| pre-check [^\n]*\n {2}\| ok\n[\s\S]*\[Enter\] run .*> $/m,
    );
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/✓ L15 console \[exercise make-done: solved by its solution\][\s\S]*\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor(/^EXIT=130$/m);
  }, 90_000);

  it("counts only the time steps run against the recipe's timeout, and says so: a learner who reads is never timed out", async () => {
    start('', join(ROOT, 'test/fixtures/step/slow-reader.md'));
    let s = await waitFor(/shell in the lab host > $/m);
    expect(s).toContain("(the recipe's timeout, 6.0s, counts only the time steps spend running: your reading, prompts and shells are not timed)");
    // Reading for longer than the recipe's whole timeout, at each prompt.
    await new Promise((r) => setTimeout(r, 7000));
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/\| first-ran[\s\S]*\[Enter\] next .*> $/m);
    await new Promise((r) => setTimeout(r, 4000));
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/step 2 of 2[\s\S]*shell in the lab host > $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/\| second-ran[\s\S]*\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitFor(/^EXIT=\d+$/m);
    expect(s).toContain('The end: a learner who reads is never timed out.');
    expect(s).toMatch(/recipes: 1 passed, 0 failed/);
    expect(s).toMatch(/^EXIT=0$/m);
  }, 90_000);

  it("shows the other engine's steps read-only with their prose and plan, warns before re-running a step that made jails, and says how to come back", async () => {
    const both = join(ROOT, 'test/fixtures/step/both.md');
    start('', both);
    await waitFor(/step 1 of 3[\s\S]*shell in the lab host > $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/\| made[\s\S]*\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'r');
    await waitFor(/this step made lan, web: running it again may fail because they exist; press r again to run it anyway, any other key not to/);
    tmux('send-keys', '-t', SESSION, 'x');
    await waitFor(/any other key not to\n\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    let s = await waitFor(/\[p\] what it does on freebsd \(its plan\) {2}\[q\] quit > $/m);
    expect(s).toContain('step 2 of 3 · L20 sh · freebsd only, read-only');
    expect(s).toContain('On FreeBSD the same commands make a bridge, an epair and a vnet jail.');
    expect(s).toContain('┌ sh {engine=freebsd} (read-only)');
    tmux('send-keys', '-t', SESSION, 'p');
    s = await waitFor(/\| ## L21 \$ vessel network --create[\s\S]*\| ifconfig bridge create[\s\S]*> $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitFor(/step 3 of 3[\s\S]*shell in the lab host > $/m);
    // A command and an exit status are marked as what they are.
    expect(s).toContain('│ [1]  ← the exit status: 1');
    tmux('send-keys', '-t', SESSION, 'q');
    s = await waitFor(/^EXIT=\d+$/m);
    expect(s).toContain(`To come back to this step: vessel-cookbook run --step --from L27 ${both}`);
    expect(s).toMatch(/^EXIT=130$/m);
  }, 90_000);

  it('--from LINE runs the steps before it without stopping, then steps; "Next:" names the next recipe and its command', async () => {
    const both = join(ROOT, 'test/fixtures/step/both.md');
    start('--from L27', both);
    const s0 = await waitFor(/step 3 of 3[\s\S]*shell in the lab host > $/m);
    expect(s0).not.toContain('step 1 of 3');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/\[Enter\] next .*> $/m);
    tmux('send-keys', '-t', SESSION, 'Enter');
    const s = await waitFor(/^EXIT=\d+$/m);
    expect(s).toContain(`Next: ${join(ROOT, 'test/fixtures/step/walk.md')}: vessel-cookbook run --step ${join(ROOT, 'test/fixtures/step/walk.md')}`);
    expect(s).toMatch(/recipes: 1 passed, 0 failed/);
    expect(s).toMatch(/^EXIT=0$/m);
  }, 90_000);

  it('refuses --from without --step, and a line past the last step', async () => {
    const both = join(ROOT, 'test/fixtures/step/both.md');
    const a = await cli(['run', '--from', 'L28', both]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--from=L28: it says where learning mode starts stepping; add --step');
  });

  it('refuses without a terminal', async () => {
    const r = await cli(['run', '--step', FILE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--step is interactive: it needs a terminal on stdin and stdout');
  });
});
