// The Vagrant VM's files: `vagrant validate` accepts the Vagrantfile (no VirtualBox here, so provider options are
// ignored) and rejects a broken copy; the provisioning script is valid sh and asks for what docs/freebsd.md says.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const validate = (dir: string) =>
  spawnSync('vagrant', ['validate', '--ignore-provider'], { cwd: dir, encoding: 'utf8', env: { ...process.env, VAGRANT_CHECKPOINT_DISABLE: '1' } });

describe('vagrant/', () => {
  it('vagrant validate passes', () => {
    const r = validate('vagrant');
    expect(r.stdout + r.stderr).toContain('Vagrantfile validated successfully');
    expect(r.status).toBe(0);
  }, 60_000);

  it('vagrant validate fails on a broken copy (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vessel-cookbook-vagrant-'));
    try {
      cpSync('vagrant', join(dir, 'vagrant'), { recursive: true });
      cpSync('harness', join(dir, 'harness'), { recursive: true });
      const f = join(dir, 'vagrant/Vagrantfile');
      writeFileSync(f, readFileSync(f, 'utf8').replace('config.vm.hostname', 'config.vm.hostnam'));
      const r = validate(join(dir, 'vagrant'));
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toContain("shouldn't exist: hostnam");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('asks for a FreeBSD 14 box, 2 CPUs, 4 GB, a promiscuous em0, and no host-only network', () => {
    const v = readFileSync('vagrant/Vagrantfile', 'utf8');
    expect(v).toMatch(/config\.vm\.box = "freebsd\/FreeBSD-14\.\d+-RELEASE"/);
    expect(v).toMatch(/vb\.cpus = 2\b/);
    expect(v).toMatch(/vb\.memory = 4096\b/);
    expect(v).toContain('"--nicpromisc1", "allow-all"');
    // Defect 4: a host-only address outside 192.168.56.0/21 is refused by VirtualBox 6.1.28+; the cookbook needs none.
    expect(v).not.toMatch(/private_network/);
  });

  it('the provisioning script is valid sh, installs with pkg, loads the modules and writes JUnit', () => {
    execFileSync('sh', ['-n', 'harness/freebsd-provision.sh']);
    const s = readFileSync('harness/freebsd-provision.sh', 'utf8');
    expect(s).toMatch(/pkg install -y node20 npm-node20 gmake python3\n/);
    expect(s).toMatch(/pkg install -y \$pkgs\n/);
    expect(s).toContain('for m in if_bridge if_epair if_vlan pf; do kldload -n "$m"; done');
    expect(s).toContain('--engine=freebsd');
    expect(s).toContain('--reporter junit');
  });
});
