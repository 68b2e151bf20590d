// A recipe run whose lab host is a machine over SSH (`run --host`): blocks run there through a local helper that
// copies the run's folder over and back; the `vessel` they call there comes back here through a forwarded socket.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { RunLab } from '../core/run-lab.js';
import type { SshHost } from '../host/ssh.js';
import type { NeedsPlace } from '../host/needs.js';
import { parseShimRequest, REMOTE_STEP_HELPER, REMOTE_VESSEL_SHIM } from '../host/remote-step.js';
import { envError } from '../util/errors.js';

/** The remote machine's side of a run: the run's folder there, its `vessel`, and the tunnel back. */
export interface RemoteRun {
  lab: RunLab;
  /** Ends the tunnel and removes the run's folder on the remote machine (kept with `keep`). */
  close(keep: boolean): Promise<void>;
}

/**
 * Makes `inner` (the backend's run lab on the remote host) run its blocks there. `root` is the run's folder here;
 * the same path is used there. `vesselBin` is this machine's vessel; `spec` the --host it is given.
 */
export async function remoteRunLab(inner: RunLab, host: SshHost, root: string, vesselBin: string, spec: string): Promise<RemoteRun> {
  const priv = join(root, '.vessel');
  const helper = join(priv, 'remote-step.bash');
  await writeFile(helper, REMOTE_STEP_HELPER, { mode: 0o600 });
  const sock = join(priv, 'tunnel.sock');
  await host.mkdir(priv, 0o700);
  await host.writeFile(join(priv, 'bin/vessel'), REMOTE_VESSEL_SHIM, 0o755);
  const ssh = host.sshArgv();
  /** The helper's argv up to the remote command: a block (`step`), or only the copy back (`pull`). */
  const helperArgv = (mode: 'step' | 'pull') => ['bash', '--noprofile', '--norc', helper, mode, root, String(ssh.length), ...ssh];
  const server = await serveVessel(sock, root, vesselBin, spec, helperArgv('pull'));
  // A connection of its own, so the forward lives exactly as long as this run.
  const fwd = host
    .sshArgv(false, ['-N', '-o', 'ExitOnForwardFailure=yes', '-o', 'StreamLocalBindUnlink=yes', '-R', `${sock}:${sock}`])
    .filter((a) => a !== '--');
  const tunnel = execa(fwd[0]!, fwd.slice(1), { stdin: 'ignore', reject: false });
  await waitForSocket(host, sock, tunnel);
  const lab: RunLab = {
    ...inner,
    enter(jail, wd) {
      const p = inner.enter(jail, wd);
      if (typeof p === 'string') return p;
      return [...helperArgv('step'), ...p];
    },
  };
  return {
    lab,
    async close(keep) {
      tunnel.kill('SIGTERM');
      await tunnel;
      await new Promise((r) => server.close(r));
      if (!keep) await host.run(['rm', '-rf', '--', root], { allowFail: true });
    },
  };
}

/** Waits until the forwarded socket exists on the remote machine, or the tunnel has failed. */
async function waitForSocket(host: SshHost, sock: string, tunnel: ResultPromise): Promise<void> {
  let ended = false;
  void tunnel.then(() => {
    ended = true;
  });
  for (let i = 0; i < 100 && !ended; i++) {
    if ((await host.run(['test', '-S', sock], { allowFail: true })).code === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const r = await Promise.race([tunnel, new Promise((r) => setTimeout(r, 10, undefined))]);
  const why = r && typeof r === 'object' && 'stderr' in r ? String(r.stderr).trim().split('\n').at(-1) : 'it did not appear within 10 s';
  tunnel.kill('SIGTERM');
  throw envError(`cannot forward the run's vessel socket to the remote host (ssh -R ${sock}): ${why}`);
}

/** Serves the remote `vessel`: each request runs this machine's vessel against the remote host, after `pull` fetched the run's files. */
function serveVessel(sock: string, root: string, vesselBin: string, spec: string, pull: string[]): Promise<Server> {
  // Half-open: the shim ends its side after the request (nc -N) and still reads the answer.
  const server = createServer({ allowHalfOpen: true }, (c) => {
    const parts: Buffer[] = [];
    c.on('data', (d: Buffer) => parts.push(d));
    c.on('error', () => undefined);
    c.on('end', () => {
      void (async () => {
        const req = parseShimRequest(Buffer.concat(parts));
        if (!req) {
          c.end('2\nvessel: a malformed request reached the runner\n');
          return;
        }
        // What the block wrote so far (a supervisor file, say) is read by vessel here.
        await execa(pull[0]!, pull.slice(1), { stdin: 'ignore', reject: false });
        const r = await execa(process.execPath, [vesselBin, `--host=${spec}`, ...req.args], {
          cwd: existsSync(req.cwd) ? req.cwd : root,
          env: { ...req.env, VESSEL_HOST: spec },
          stdin: 'ignore',
          all: true,
          reject: false,
          stripFinalNewline: false,
        });
        c.end(`${r.exitCode ?? 1}\n${r.all ?? ''}`);
      })();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, () => resolve(server));
  });
}

/** Probes a recipe's needs on the remote FreeBSD machine: a command on root's PATH (and /usr/local), or an executable path (globs allowed). */
export function remoteNeeds(host: SshHost): NeedsPlace {
  const script =
    'case $1 in /*) for f in $1; do [ -x "$f" ] && exit 0; done; exit 1;; esac; PATH=$PATH:/usr/local/sbin:/usr/local/bin command -v "$1" >/dev/null';
  return { os: 'freebsd', probe: async (spec) => (await host.run(['sh', '-c', script, 'vessel-needs', spec], { allowFail: true })).code === 0 };
}
