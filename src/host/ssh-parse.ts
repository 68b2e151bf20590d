// The SSH host's pure parts: `--host=ssh://...`, and what a remote machine's `ps` prints (FreeBSD and Linux).
import { join } from 'node:path';
import type { ProcessInfo } from '../core/host.js';
import { usage } from '../util/errors.js';

/** Where and how to reach a machine over SSH. */
export interface SshTarget {
  user: string;
  host: string;
  port: number;
  /** Private key (ssh -i). */
  identity?: string;
  /** known_hosts file holding the machine's host key; the key is then checked strictly. */
  knownHosts?: string;
  /** The name its host key is filed under in knownHosts (ssh HostKeyAlias), when not host. */
  hostKeyAlias?: string;
  /** Control socket of the shared connection. */
  controlPath: string;
}

/** One process from `ps -o stat= -o lstart= -o comm= -p PID`: state, start time (five words), program name. */
export function parseBsdPs(out: string): ProcessInfo | undefined {
  const words = out.trim().split(/\s+/);
  if (words.length < 7) return undefined;
  const [stat, ...rest] = words;
  return { zombie: stat!.startsWith('Z'), start: rest.slice(0, 5).join(' '), name: rest.slice(5).join(' ') };
}

/** Parses `ssh://[USER@]HOST[:PORT]`; the control socket goes in runDir. */
export function parseSshUrl(spec: string, runDir: string): SshTarget {
  const m = /^ssh:\/\/(?:([a-z_][a-z0-9_-]{0,31})@)?([A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\/?$/.exec(spec);
  if (!m) throw usage(`--host=${spec}: expected ssh://[USER@]HOST[:PORT] or freebsd-vm`);
  const port = Number(m[3] ?? 22);
  if (port < 1 || port > 65535) throw usage(`--host=${spec}: port ${port} is out of range 1-65535`);
  const host = m[2]!.replace(/^\[|\]$/g, '');
  return { user: m[1] ?? 'root', host, port, controlPath: join(runDir, `ssh-${host}-${port}.ctl`) };
}
