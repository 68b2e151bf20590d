// The FreeBSD backend on real FreeBSD 13.2: the VM built by harness/freebsd-vm, driven over SSH. The backend
// contract for real, then every recipe's vessel commands (labs, networks, routers, jails, pf, partitions, routes,
// VLANs) and teardown, then every recipe whole (run --host=freebsd-vm) where the VM has what it needs, with a census
// of the VM before and after each. Skips, saying why, when there is no image.
import { readdirSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { file as tmpFile } from 'tmp-promise';
import { FreebsdEngine } from '../../src/backends/freebsd/engine.js';
import { openDb } from '../../src/state/db.js';
import { planRecipe } from '../../src/cli/plan-recipe.js';
import { loadRecipe } from '../../src/recipe/load.js';
import { packagesFor } from '../../src/recipe/needs.js';
import { contractStory, freebsdEvents } from '../backends/contract.js';
import { fbvmDir } from '../../src/host/ssh-target.js';
import { CONSOLE, RAN, TeeSshHost, bootVm, consoleEnd, consoleTrouble, stopVm, vmCensus, waitForVm, whyNoVm } from './vm.js';

const why = whyNoVm();
if (why) process.stdout.write(`freebsd-vm tier skipped: ${why}\n`);

/** What the VM built here has of the recipes' FreeBSD packages: dnsmasq, dhcpcd (and lighttpd for www.example). */
const VM_PACKAGES = ['dnsmasq', 'dhcpcd'];
/** Packages that vessel itself starts as services (supervise, expose): a recipe needing one of them cannot run its vessel commands without it. */
const SERVICE_PACKAGES = ['elixir', 'erlang', 'haproxy', 'postgresql16-server'];

/** Defects the VM showed that are not fixed yet, by recipe (docs/freebsd.md lists them). */
const KNOWN_DEFECTS: Record<string, string> = {};

const plumbing = await Promise.all(
  readdirSync('cookbook')
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map(async (name) => {
      const { recipe, errors } = await loadRecipe(`cookbook/${name}`);
      if (!recipe) throw new Error(`cookbook/${name} does not load: ${errors.map((x) => x.message).join('; ')}`);
      const missing = packagesFor('freebsd', recipe.meta.needs).filter((p) => SERVICE_PACKAGES.includes(p) && !VM_PACKAGES.includes(p));
      return { name, recipe, missing };
    }),
);

/** How each recipe fared on the VM (for docs/freebsd.md's recipe table): set when its test ends. */
const FARED: Record<string, { plumbing?: string; whole?: string }> = {};
const fared = (name: string, what: 'plumbing' | 'whole', how: string) => {
  FARED[name] = { ...FARED[name], [what]: how };
};

describe.skipIf(why !== undefined)('FreeBSD 13.2 VM', () => {
  let started = false;
  let host: TeeSshHost;
  let machine = '';
  beforeAll(async () => {
    started = await bootVm();
    host = new TeeSshHost();
    machine = (await host.run(['uname', '-a'])).stdout.trim();
    process.stdout.write(`freebsd-vm: ${machine}\n`);
  }, 900_000);
  afterAll(async () => {
    // What ran, for harness/freebsd-vm/command-table.mjs (docs/freebsd.md).
    if (machine) writeFileSync(`${fbvmDir()}/vm-commands.json`, JSON.stringify({ machine, commands: RAN, recipes: FARED }));
    await host?.close();
    if (started) await stopVm();
  }, 60_000);

  // The kernel's own word on each test: a panic, a fatal trap or a zone freed with items in use fails the test that was
  // running, quoting the console (never a run of SSH errors that hide it), and the next test waits for the VM to come back.
  let consoleAt = 0;
  beforeEach(() => {
    consoleAt = consoleEnd();
  });
  afterEach(async () => {
    const trouble = consoleTrouble(consoleAt);
    if (trouble.length === 0) return;
    const panicked = trouble.some((l) => l.startsWith('panic:'));
    if (panicked) {
      await host.close();
      host = await waitForVm();
    }
    throw new Error(
      `the FreeBSD kernel, during this test: ${trouble.join(' | ')} (console: ${CONSOLE})${panicked ? '; the VM rebooted itself, and the next test runs on it' : ''}`,
    );
  }, 900_000);

  /** A FreeBSD engine on the VM with a state database of its own. */
  async function openEngine() {
    const db = await tmpFile({ postfix: '.db' });
    const tee = new TeeSshHost();
    const e = FreebsdEngine.open({ host: tee, db: openDb(db.path) });
    return { e, tee, done: () => db.cleanup() };
  }

  it('the kernel is FreeBSD 13.2 with VIMAGE, pf, if_bridge, epair and vlan, and 16 FIBs', async () => {
    expect(machine).toMatch(/^FreeBSD \S+ 13\.2-RELEASE .* amd64$/);
    const sysctl = (await host.run(['sysctl', '-n', 'kern.features.vimage', 'net.fibs'])).stdout.split('\n');
    expect(sysctl.slice(0, 2)).toEqual(['1', '16']);
    const cloners = (await host.run(['ifconfig', '-C'])).stdout;
    for (const c of ['bridge', 'epair', 'vlan', 'pflog']) expect(cloners).toContain(c);
    expect((await host.run(['pfctl', '-s', 'info'], { allowFail: true })).stdout).toMatch(/Status: (Enabled|Disabled)/);
  });

  it('backend contract (real): create, join, leave, destroy, with teardown in reverse', async () => {
    const before = await vmCensus(host);
    const { e, tee, done } = await openEngine();
    try {
      await contractStory(async () => ({ e, events: () => freebsdEvents(tee.steps) }), 'vcvm');
    } finally {
      await done();
    }
    expect(await vmCensus(host)).toEqual(before);
  }, 600_000);

  for (const { name, recipe, missing } of plumbing) {
    if (missing.length > 0) {
      FARED[name] = { plumbing: `skipped: its services need ${missing.join(', ')}, which this VM does not have` };
      it.skip(`plumbing of cookbook/${name}: skipped, its services need ${missing.join(', ')}, which this VM does not have`, () => undefined);
      continue;
    }
    const known = KNOWN_DEFECTS[name];
    // A known defect, still open: the test must fail (it.fails), and passes, telling, once the defect is fixed.
    (known ? it.fails : it)(
      `plumbing of cookbook/${name}: its vessel commands run, match the recipe, and leave nothing${known ? ` (known defect, open: ${known})` : ''}`,
      async () => {
        const before = await vmCensus(host);
        const { e, tee, done } = await openEngine();
        let res: Awaited<ReturnType<typeof planRecipe>>;
        try {
          res = await planRecipe(recipe, 'vm', 'freebsd', { engine: e, host: tee, machine });
        } finally {
          e.close();
          await done();
        }
        const after = await vmCensus(host);
        // What this recipe left is removed here, after the census saw it, so the next recipe starts clean.
        for (const a of (after.pfAnchors ?? []).filter((x) => !(before.pfAnchors ?? []).includes(x)))
          await host.run(['pfctl', '-a', a, '-F', 'all'], { allowFail: true });
        if (!res.ok) process.stdout.write(`${res.text}\n`);
        expect(
          res.ok,
          `cookbook/${name} on the VM:\n${res.text
            .split('\n')
            .filter((l) => l.startsWith('# '))
            .join('\n')}`,
        ).toBe(true);
        expect(after).toEqual(before);
        fared(name, 'plumbing', 'passed');
      },
      900_000,
    );
  }

  // IPv6 on FreeBSD, whole: ipv6.md's own commands need Erlang, which this VM lacks, so a recipe of the same ground
  // without services runs instead (SLAAC, DHCPv6, static, AAAA, NAT66, routes, and isolation and a partition proved
  // on both families with their negative controls).
  it('IPv6, whole: test/fixtures/ipv6/freebsd-vm.md passes on the VM and leaves nothing', async () => {
    const before = await vmCensus(host);
    const r = await execa(process.execPath, ['bin/vessel-cookbook', 'run', '--host=freebsd-vm', '--no-color', 'test/fixtures/ipv6/freebsd-vm.md'], {
      reject: false,
      all: true,
    });
    const after = await vmCensus(host);
    expect(r.exitCode, r.all).toBe(0);
    expect(after).toEqual(before);
  }, 900_000);

  // Whole recipes, as a user runs them: vessel-cookbook run --host=freebsd-vm (blocks run in the VM, assertions probe
  // it). A recipe that needs what the VM lacks is skipped with the runner's own reason.
  for (const { name, recipe } of plumbing) {
    if (!recipe.meta.engines.includes('freebsd')) continue;
    it(`whole cookbook/${name}: vessel-cookbook run --host=freebsd-vm passes and leaves nothing`, async (ctx) => {
      const before = await vmCensus(host);
      const r = await execa(process.execPath, ['bin/vessel-cookbook', 'run', '--host=freebsd-vm', '--no-color', `cookbook/${name}`], {
        reject: false,
        all: true,
      });
      const after = await vmCensus(host);
      const cannot = /^CANNOT RUN .*?: (.*)$/m.exec(r.all ?? '');
      if (r.exitCode === 3 && cannot) {
        expect(after).toEqual(before);
        fared(name, 'whole', `not runnable: ${cannot[1]!.replace(/; run `.*$/, '')}`);
        ctx.skip(cannot[1]);
        return;
      }
      expect(r.exitCode, r.all).toBe(0);
      expect(after).toEqual(before);
      fared(name, 'whole', `passed (${/^(?:PASS|FAIL) \S+ \((.*)\)/m.exec(r.all ?? '')?.[1] ?? ''})`);
    }, 900_000);
  }
});
