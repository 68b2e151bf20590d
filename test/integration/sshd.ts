// A throwaway sshd on 127.0.0.1 for the SSH tests: its own keys in `keys`, ended by PID; optionally started under a
// wrapper (an unshare that gives it a mount namespace of its own). Returns the SshHost that reaches it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { SshHost } from '../../src/host/ssh.js';

/** A free TCP port on the loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Starts sshd (after `wrap`, which must exec its arguments) and waits until the host answers. */
export async function startSshd(keys: string, wrap: string[] = []): Promise<{ sshd: ResultPromise; host: SshHost; port: number }> {
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keys, 'host')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keys, 'id')]);
  writeFileSync(join(keys, 'authorized_keys'), readFileSync(join(keys, 'id.pub')), { mode: 0o600 });
  writeFileSync(join(keys, 'known_hosts'), `vessel-test ${readFileSync(join(keys, 'host.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
  const port = await freePort();
  const opts = [
    'ListenAddress=127.0.0.1',
    `AuthorizedKeysFile=${join(keys, 'authorized_keys')}`,
    'PermitRootLogin=prohibit-password',
    'StrictModes=no',
    'PidFile=none',
    'MaxSessions=64',
  ];
  const argv = [...wrap, '/usr/sbin/sshd', '-D', '-e', '-f', '/dev/null', '-h', join(keys, 'host'), '-p', String(port), ...opts.flatMap((o) => ['-o', o])];
  const sshd = execa(argv[0]!, argv.slice(1), { reject: false });
  const host = new SshHost({
    user: 'root',
    host: '127.0.0.1',
    port,
    identity: join(keys, 'id'),
    knownHosts: join(keys, 'known_hosts'),
    hostKeyAlias: 'vessel-test',
    controlPath: join(keys, 'ctl'),
  });
  for (let i = 0; i < 50; i++) {
    if ((await host.run(['true'], { allowFail: true }).catch(() => ({ code: 255 }))).code === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { sshd, host, port };
}
