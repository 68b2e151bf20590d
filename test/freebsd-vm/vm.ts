// The FreeBSD VM tier's helpers: whether an image exists, booting it, an SSH host that records what it did, and a
// census of what a lab can leave on the VM (jails, interfaces, mounts, pf anchors, processes, files, devfs rules).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { execa } from 'execa';
import type { CommandResult, RunOptions, ServiceOptions } from '../../src/core/host.js';
import type { PlanStep } from '../../src/host/recording.js';
import { SshHost } from '../../src/host/ssh.js';
import { fbvmDir, fbvmTarget } from '../../src/host/ssh-target.js';
// @ts-expect-error: a zx script's module, plain JavaScript without types
import { fbvmPaths } from '../../harness/freebsd-vm/paths.mjs';

/** The image's path (where harness/freebsd-vm/build.mjs writes it). */
export const IMAGE: string = fbvmPaths(fbvmDir()).image;

/** Why the tier cannot run here, or undefined when it can. */
export function whyNoVm(): string | undefined {
  if (!existsSync(IMAGE)) return `no FreeBSD image at ${IMAGE} (build it: harness/freebsd-vm/build.mjs --src=FREEBSD_13.2_TREE)`;
  // The image boots under QEMU: without it here, nothing can run (apt-get install qemu-system-x86 qemu-utils).
  const missing = ['qemu-system-x86_64', 'qemu-img'].filter((t) => !process.env.PATH?.split(':').some((d) => existsSync(`${d}/${t}`)));
  if (missing.length)
    return `an image is at ${IMAGE}, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed (apt-get install qemu-system-x86 qemu-utils)`;
  return undefined;
}

/** The VM's serial console, as QEMU writes it (harness/freebsd-vm/vm.mjs). */
export const CONSOLE: string = `${fbvmPaths(fbvmDir()).vm}/serial.log`;

/** How long the console is now (where the next consoleTrouble starts). */
export const consoleEnd = (): number => (existsSync(CONSOLE) ? statSync(CONSOLE).size : 0);

/** The console's lines from byte `from` on that say the kernel is in trouble: a panic, a fatal trap, a UMA zone freed with items still in use. */
export function consoleTrouble(from: number): string[] {
  const end = consoleEnd();
  if (end <= from) return [];
  const buf = Buffer.alloc(end - from);
  const fd = openSync(CONSOLE, 'r');
  try {
    readSync(fd, buf, 0, buf.length, from);
  } finally {
    closeSync(fd);
  }
  return troubleLines(buf.toString('utf8'));
}

/** The lines of console text that say the kernel is in trouble (pure). */
export function troubleLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^panic:|^Fatal trap|^Freed UMA keg|^current process|^fault virtual address/.test(l));
}

/** Waits until the VM answers over SSH again (after a panic, FreeBSD reboots itself in 15 s); returns a fresh host. */
export async function waitForVm(limitMs = 600_000): Promise<TeeSshHost> {
  const t0 = Date.now();
  for (;;) {
    const h = new TeeSshHost();
    try {
      await h.run(['true']);
      return h;
    } catch (e) {
      await h.close();
      if (Date.now() - t0 > limitMs) throw new Error(`the VM did not come back over SSH in ${limitMs / 1000} s: ${e}`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

/** Boots the VM unless one is running; returns whether this call started it. */
export async function bootVm(): Promise<boolean> {
  const st = await execa('npx', ['--no-install', 'zx', 'harness/freebsd-vm/vm.mjs', 'status'], { reject: false });
  if (st.exitCode === 0) return false;
  const r = await execa('npx', ['--no-install', 'zx', 'harness/freebsd-vm/vm.mjs', 'start'], { reject: false, all: true });
  if (r.exitCode !== 0) throw new Error(`the VM did not boot: ${r.all}`);
  process.stdout.write(`${r.stdout}\n`);
  return true;
}

/** Stops the VM. */
export async function stopVm(): Promise<void> {
  await execa('npx', ['--no-install', 'zx', 'harness/freebsd-vm/vm.mjs', 'stop'], { reject: false });
}

/** Every command the VM ran in this process, with its exit status (for docs/freebsd.md's table). */
export const RAN: { argv: string[]; code: number }[] = [];

/** The VM over SSH, recording each action as a plan step. */
export class TeeSshHost extends SshHost {
  readonly steps: PlanStep[] = [];
  constructor() {
    super(fbvmTarget());
  }
  override async run(argv: string[], opts: RunOptions = {}): Promise<CommandResult> {
    this.steps.push({ op: 'run', argv, ...(opts.input !== undefined ? { input: opts.input } : {}) });
    try {
      const r = await super.run(argv, opts);
      RAN.push({ argv, code: r.code });
      return r;
    } catch (e) {
      RAN.push({ argv, code: Number(/\(exit (\d+)\)/.exec(String(e))?.[1] ?? -1) });
      throw e;
    }
  }
  override async start(argv: string[], opts: ServiceOptions): Promise<number> {
    const pid = await super.start(argv, opts);
    this.steps.push({ op: 'start', argv, log: opts.log, pid });
    return pid;
  }
  override writeFile(path: string, text: string, mode = 0o644): Promise<void> {
    this.steps.push({ op: 'write', path, mode, text });
    return super.writeFile(path, text, mode);
  }
  override signal(pid: number, sig: 'SIGHUP' | 'SIGTERM' | 'SIGKILL'): Promise<boolean> {
    this.steps.push({ op: 'signal', pid, sig });
    return super.signal(pid, sig);
  }
}

/** What a lab can leave behind on the VM, each as sorted lines. */
export async function vmCensus(h: SshHost): Promise<Record<string, string[]>> {
  const lines = async (argv: string[]) =>
    (await h.run(argv, { allowFail: true })).stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
  return {
    jails: await lines(['jls', '-N', 'name']),
    interfaces: (await lines(['ifconfig', '-l'])).flatMap((l) => l.split(/\s+/)).sort(),
    mounts: await lines(['sh', '-c', 'mount -p | cut -f1,2']),
    pfAnchors: await lines(['pfctl', '-s', 'Anchors', '-a', 'vessel']),
    pfNat: await lines(['pfctl', '-s', 'nat']),
    pfRules: await lines(['pfctl', '-s', 'rules']),
    processes: await lines(['sh', '-c', "ps -ax -o comm= | grep -E '^(dnsmasq|dhclient|sshd|nc|lighttpd|daemon|haproxy)$' | sort | uniq -c"]),
    files: await lines(['sh', '-c', 'ls -A /var/run/vessel 2>/dev/null']),
    routes: await lines(['sh', '-c', 'for f in $(jot - 0 15); do setfib $f netstat -rn -f inet 2>/dev/null | tail -n +5 | sed "s/^/fib$f /"; done']),
    // IPv6 routes too: an aliased jail's in its FIB, a dual-stack network's on the host.
    routes6: await lines(['sh', '-c', 'for f in $(jot - 0 15); do setfib $f netstat -rn -f inet6 2>/dev/null | tail -n +5 | sed "s/^/fib$f /"; done']),
  };
}
