// The Ansible inventory: groups per network and per counted family, each host's address, key, ssh config and jump;
// ansible-inventory (Debian's ansible-core) accepts both formats and sees the same hosts and groups.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInventory, familyOf, inventoryIni, inventoryYaml } from '../../../src/core/inventory.js';

const j = (name: string, addr: string, network: string, ssh = 1, role: 'jail' | 'router' = 'jail') => ({ name, addr, network, ssh, role });
const inv = buildInventory(
  [
    j('lan-router', '10.0.0.1', 'lan', 1, 'router'),
    j('web-1', '10.0.0.2', 'lan'),
    j('web-2', '10.0.0.3', 'lan'),
    j('db', '10.0.0.4', 'lan'),
    j('nossh', '10.0.0.5', 'lan', 0),
    j('api-1', '10.1.0.2', 'dmz'),
  ],
  {
    sshConfig: '/run/vessel/l/ssh/ssh_config',
    key: '/run/vessel/l/ssh/id_ed25519',
    jumpOf: (n) => (n === 'lan' ? '10.0.2.15' : undefined),
    python: '/usr/bin/python3',
  },
);

describe('vessel inventory', () => {
  it('has the jails that run sshd (not routers), a group per network and per counted family', () => {
    expect(inv.hosts.map((h) => h.name)).toEqual(['web-1', 'web-2', 'db', 'api-1']);
    expect(Object.fromEntries(inv.groups)).toEqual({ lan: ['web-1', 'web-2', 'db'], web: ['web-1', 'web-2'], dmz: ['api-1'], api: ['api-1'] });
    expect(familyOf('web-12')).toBe('web');
    expect(familyOf('db')).toBeUndefined();
    expect(inv.hosts[0]!.vars).toEqual({
      ansible_host: '10.0.0.2',
      ansible_user: 'root',
      ansible_ssh_private_key_file: '/run/vessel/l/ssh/id_ed25519',
      ansible_ssh_common_args: '-F /run/vessel/l/ssh/ssh_config -J root@10.0.2.15',
      ansible_python_interpreter: '/usr/bin/python3',
    });
    expect(inv.hosts[3]!.vars.ansible_ssh_common_args).toBe('-F /run/vessel/l/ssh/ssh_config');
  });

  it('ansible-inventory accepts the INI and the YAML, and sees the same hosts, groups and variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-inventory-'));
    // Ansible keeps its own files under ANSIBLE_HOME: here, not in root's home.
    const env = { ...process.env, ANSIBLE_HOME: join(dir, 'ansible'), ANSIBLE_LOCAL_TEMP: join(dir, 'tmp') };
    try {
      const read = (file: string, text: string) => {
        writeFileSync(join(dir, file), text);
        return JSON.parse(execFileSync('ansible-inventory', ['-i', join(dir, file), '--list'], { env, encoding: 'utf8' }));
      };
      for (const out of [read('hosts.ini', inventoryIni(inv)), read('hosts.yml', inventoryYaml(inv))]) {
        expect(out.web.hosts).toEqual(['web-1', 'web-2']);
        expect(out.lan.hosts).toEqual(['web-1', 'web-2', 'db']);
        expect(out._meta.hostvars['web-2'].ansible_host).toBe('10.0.0.3');
        expect(out._meta.hostvars['web-2'].ansible_ssh_common_args).toBe('-F /run/vessel/l/ssh/ssh_config -J root@10.0.2.15');
        expect(out._meta.hostvars['api-1'].ansible_python_interpreter).toBe('/usr/bin/python3');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
