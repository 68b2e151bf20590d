// Which machine `--host` names: `ssh://[USER@]HOST[:PORT]`, or `freebsd-vm`, the VM harness/freebsd-vm runs here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usage, envError } from '../util/errors.js';
import type { SshTarget } from './ssh.js';

/** The FreeBSD VM's cache folder: $VESSEL_FBVM_DIR or harness/freebsd-vm's default. */
export function fbvmDir(): string {
  return process.env.VESSEL_FBVM_DIR ?? '/var/cache/vessel-cookbook/freebsd-vm';
}

/** The SSH target of the running FreeBSD VM (its key, known host key and forwarded port). */
export function fbvmTarget(dir = fbvmDir()): SshTarget {
  let port: number;
  try {
    port = Number(JSON.parse(readFileSync(join(dir, 'vm/state.json'), 'utf8')).port);
  } catch {
    throw envError(`--host=freebsd-vm: no FreeBSD VM is running (no ${join(dir, 'vm/state.json')}); start it with harness/freebsd-vm/vm.mjs start`);
  }
  return {
    user: 'root',
    host: '127.0.0.1',
    port,
    identity: join(dir, 'id_ed25519'),
    knownHosts: join(dir, 'known_hosts'),
    hostKeyAlias: 'vessel-fbvm',
    controlPath: join(dir, 'vm/ssh.ctl'),
  };
}

/** Parses `--host`; the control socket of an ssh:// target goes in runDir. */
export function parseHostSpec(spec: string, runDir: string): SshTarget {
  if (spec === 'freebsd-vm') return fbvmTarget();
  const m = /^ssh:\/\/(?:([a-z_][a-z0-9_-]{0,31})@)?([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\/?$/.exec(spec);
  if (!m) throw usage(`--host=${spec}: expected ssh://[USER@]HOST[:PORT] or freebsd-vm`);
  const port = Number(m[3] ?? 22);
  if (port < 1 || port > 65535) throw usage(`--host=${spec}: port ${port} is out of range 1-65535`);
  const host = m[2]!.replace(/^\[|\]$/g, '');
  return { user: m[1] ?? 'root', host, port, controlPath: join(runDir, `ssh-${host}-${port}.ctl`) };
}
