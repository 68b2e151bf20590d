// Which machine `--host` names: `ssh://[USER@]HOST[:PORT]`, or `freebsd-vm`, the VM harness/freebsd-vm runs here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envError } from '../util/errors.js';
import { parseSshUrl } from './ssh-parse.js';
import type { SshTarget } from './ssh-parse.js';

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

/** The machine `--host` names; the control socket of an ssh:// target goes in runDir. */
export function hostTarget(spec: string, runDir: string): SshTarget {
  return spec === 'freebsd-vm' ? fbvmTarget() : parseSshUrl(spec, runDir);
}
