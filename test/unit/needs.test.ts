// One source of truth for what the cookbook needs on FreeBSD (issue 26): the needs table. Provisioning installs what
// the table gives for the recipes that run there, and every need of such a recipe is a package or the base system's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAll } from '../../src/cli/common.js';
import { NEEDS, needProbes, packagesFor } from '../../src/recipe/needs.js';

const ROOT = join(import.meta.dirname, '../..');

describe('FreeBSD needs', () => {
  it('every need of a recipe that runs on FreeBSD has a FreeBSD package, or says why the base system suffices', async () => {
    const { recipes } = await loadAll([join(ROOT, 'cookbook')]);
    const fb = recipes.filter((r) => r.meta.engines.includes('freebsd'));
    expect(fb.length).toBeGreaterThan(5);
    for (const r of fb)
      for (const n of r.meta.needs) {
        const spec = NEEDS[n]!;
        expect(spec, `${r.path}: ${n}`).toBeDefined();
        expect(spec.freebsd.length > 0 || spec.freebsdWhy !== undefined, `${r.path}: need ${n} has no FreeBSD package and no reason`).toBe(true);
        // A need FreeBSD installs nothing for is probed with a base tool, or not at all.
        if (spec.freebsd.length === 0)
          for (const p of needProbes(spec, 'freebsd')) expect(['ifconfig', 'pfctl', 'ping', 'nc', '/usr/sbin/sshd', 'tcpdump', 'mn']).toContain(p);
      }
  });

  it('busybox is a Linux need only: the FreeBSD twins use fetch(1) and dhclient(8)', () => {
    expect(packagesFor('freebsd', ['busybox', 'dnsmasq'])).toEqual(['dnsmasq']);
    expect(needProbes(NEEDS.busybox!, 'freebsd')).toEqual([]);
    expect(packagesFor('debian', ['busybox'])).toEqual(['busybox']);
  });

  it('provisioning installs exactly what the table gives (no hand-written list of the recipes needs)', () => {
    const script = readFileSync(join(ROOT, 'harness/freebsd-provision.sh'), 'utf8');
    expect(script).toMatch(/pkgs=\$\(node bin\/vessel-cookbook doctor --packages=freebsd cookbook\/\)\n(#.*\n)*pkg install -y \$pkgs\n/);
    // The only other pkg install is what runs vessel-cookbook itself.
    const installs = script.split('\n').filter((l) => /^\s*pkg install/.test(l));
    expect(installs).toEqual(['pkg install -y node20 npm-node20 gmake python3', 'pkg install -y $pkgs']);
  });
});

describe('FreeBSD provisioning', () => {
  it('checks every kind of leftover a lab can make after vessel cleanup, and fails on any', () => {
    const script = readFileSync(join(ROOT, 'harness/freebsd-provision.sh'), 'utf8');
    for (const check of [
      /left jails "\$\(jls -d name/,
      /left interfaces /,
      /left 'pf anchors' /,
      /left mounts "\$\(mount -p \| awk '\$2 ~ \/\^\\\/var\\\/run\\\/vessel\\\/\//,
      /setfib "\$f" netstat -rn -f inet/,
      /for n in 4071 4072 4073; do left "devfs ruleset \$n" "\$\(devfs rule -s "\$n" show/,
      /left 'rctl rules' "\$\(rctl /,
      /left \/var\/run\/vessel "\$\(ls -A \/var\/run\/vessel/,
    ])
      expect(script).toMatch(check);
    expect(script).toMatch(/left\(\) \{ \[ -z "\$2" \] \|\| \{ .*status=1; \}; \}/);
  });
});

describe('FreeBSD steps that a real FreeBSD would fail (issue 26)', async () => {
  const { loadRecipe } = await import('../../src/recipe/load.js');
  it('no step reads a routing table inside an aliased (non-vnet) jail: it would see only its own host routes', async () => {
    const { recipe } = await loadRecipe(join(ROOT, 'cookbook/aliased-jails.md'));
    const aliased = new Set(['app1', 'app2', 'app3']);
    for (const s of recipe!.steps) {
      if (s.options.engine === 'linux' || !s.options.jail || !aliased.has(s.options.jail)) continue;
      const text = s.kind === 'console' ? s.commands.map((c) => c.command).join('\n') : 'body' in s ? String(s.body) : '';
      expect(text, `line ${s.line}`).not.toMatch(/netstat\s+-r|route\s+(get|show)/);
    }
  });
  it("a DHCP jail's resolv.conf is read without comments (resolvconf(8) may put one first)", async () => {
    const { recipe } = await loadRecipe(join(ROOT, 'cookbook/vnet-nat-virtualbox.md'));
    const reads = recipe!.steps.flatMap((s) => (s.kind === 'console' ? s.commands.filter((c) => c.command.includes('/etc/resolv.conf')) : []));
    expect(reads.length).toBeGreaterThan(0);
    for (const c of reads) expect(c.command).not.toMatch(/^cat \/etc\/resolv\.conf$/);
  });
});
