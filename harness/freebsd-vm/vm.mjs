#!/usr/bin/env -S npx zx
// Boots, checks and stops the FreeBSD VM built by build.mjs, under QEMU (KVM where /dev/kvm exists, else TCG).
// Usage: harness/freebsd-vm/vm.mjs start|stop|status|ssh [--dir=CACHE] [--timeout=SECONDS] [-- COMMAND...]
// The VM runs on a throwaway overlay of the image, so every start is the image as built. Its only network is
// QEMU's user network with restrict=on: no packet from it leaves this machine; port 22 is forwarded to 127.0.0.1.
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { $, argv, path, sleep } from 'zx';
import { HOST_KEY_ALIAS, fbvmPaths } from './paths.mjs';

$.verbose = false;
const p = fbvmPaths(argv.dir);
const statePath = path.join(p.vm, 'state.json');
const say = (s) => console.log(`freebsd-vm: ${s}`);
const die = (s, code = 3) => {
  console.error(`freebsd-vm: ${s}`);
  process.exit(code);
};

/** The running VM's state, or undefined when none of ours is running. */
function running() {
  if (!existsSync(statePath)) return undefined;
  const st = JSON.parse(readFileSync(statePath, 'utf8'));
  try {
    // Ours: the PID's command line names our overlay (a PID reused by anything else is not touched).
    if (readFileSync(`/proc/${st.pid}/cmdline`, 'utf8').includes(st.overlay)) return st;
  } catch {}
  return undefined;
}

/** ssh's arguments to reach the VM on a port. */
function sshArgs(port) {
  return [
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=5',
    '-o',
    'LogLevel=ERROR',
    '-o',
    `UserKnownHostsFile=${p.knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `HostKeyAlias=${HOST_KEY_ALIAS}`,
    '-o',
    'IdentitiesOnly=yes',
    '-i',
    p.key,
    '-p',
    String(port),
    '-l',
    'root',
    '127.0.0.1',
  ];
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * The accelerator: KVM where /dev/kvm exists, unless $VESSEL_FBVM_ACCEL says tcg (or kvm). Under nested
 * virtualization KVM may fail to emulate the FreeBSD loader's switch to vm86 mode ("KVM internal error ... emulation
 * failure" in qemu.log, the VM paused): start then boots again under TCG, and says so.
 */
function accelFor(tried) {
  const want = process.env.VESSEL_FBVM_ACCEL;
  if (want && !['kvm', 'tcg'].includes(want)) die(`VESSEL_FBVM_ACCEL=${want}: expected kvm or tcg`, 2);
  if (want) return want;
  return existsSync('/dev/kvm') && !tried.includes('kvm') ? 'kvm' : 'tcg';
}

async function start(tried = []) {
  const st = running();
  if (st) {
    say(`running (pid ${st.pid}, ssh port ${st.port})`);
    return;
  }
  if (!existsSync(p.image)) die(`no image at ${p.image}: build it with harness/freebsd-vm/build.mjs --src=FREEBSD_13.2_SOURCE`);
  mkdirSync(p.vm, { recursive: true });
  const overlay = path.join(p.vm, 'overlay.qcow2');
  const serial = path.join(p.vm, 'serial.log');
  for (const f of [overlay, serial, path.join(p.vm, 'qemu.pid')]) rmSync(f, { force: true });
  await $`qemu-img create -q -f qcow2 -b ${p.image} -F raw ${overlay}`;
  const port = await freePort();
  const accel = accelFor(tried);
  const kvm = accel === 'kvm';
  const t0 = Date.now();
  // Detached, its own output in qemu.log (QEMU's -daemonize keeps the caller's pipes open, and zx would wait on them).
  const out = openSync(path.join(p.vm, 'qemu.log'), 'w');
  const child = spawn(
    'qemu-system-x86_64',
    [
      '-machine',
      'pc',
      '-accel',
      kvm ? 'kvm' : 'tcg',
      '-m',
      '2048',
      '-smp',
      '2',
      '-display',
      'none',
      '-monitor',
      'none',
      '-serial',
      `file:${serial}`,
      '-drive',
      `file=${overlay},format=qcow2,if=ide`,
      '-netdev',
      `user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:${port}-:22`,
      '-device',
      'e1000,netdev=n0',
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  const pid = child.pid;
  writeFileSync(statePath, JSON.stringify({ pid, port, overlay, accel: kvm ? 'kvm' : 'tcg', started: t0 }));
  const limit = Number(argv.timeout ?? 600) * 1000;
  while (Date.now() - t0 < limit) {
    if (!running()) die(`QEMU ended while booting; the console: ${serial}`);
    if (kvm && /KVM internal error/.test(readFileSync(path.join(p.vm, 'qemu.log'), 'utf8'))) {
      say(`KVM could not run the FreeBSD loader here (qemu.log: "KVM internal error", often nested virtualization); booting under TCG`);
      await stop();
      return start([...tried, 'kvm']);
    }
    const r = await $`ssh ${sshArgs(port)} -- uname -a`.nothrow();
    if (r.exitCode === 0) {
      const how = kvm ? 'KVM' : existsSync('/dev/kvm') ? `TCG${tried.includes('kvm') ? ', KVM failed' : ', as asked'}` : 'TCG, no /dev/kvm';
      say(`up in ${Math.round((Date.now() - t0) / 1000)} s (${how}), ssh port ${port}: ${r.stdout.trim()}`);
      return;
    }
    await sleep(3000);
  }
  await stop();
  die(`no SSH after ${limit / 1000} s; the console was: ${serial}`);
}

async function stop() {
  const st = running();
  if (!st) {
    rmSync(statePath, { force: true });
    say('not running');
    return;
  }
  // The SSH hosts' shared connection to it ends first (src/host/ssh-target.ts puts its socket here).
  await $`ssh -o ControlPath=${path.join(p.vm, 'ssh.ctl')} -O exit vessel-fbvm`.nothrow();
  process.kill(st.pid, 'SIGTERM');
  for (let i = 0; i < 50 && running(); i++) await sleep(100);
  if (running()) process.kill(st.pid, 'SIGKILL');
  for (const f of [statePath, st.overlay]) rmSync(f, { force: true });
  say(`stopped (pid ${st.pid})`);
}

const cmd = argv._[0];
if (cmd === 'start') await start();
else if (cmd === 'stop') await stop();
else if (cmd === 'status') {
  const st = running();
  console.log(st ? `running: pid ${st.pid}, ssh port ${st.port}, ${st.accel}` : 'not running');
  process.exit(st ? 0 : 1);
} else if (cmd === 'ssh') {
  const st = running() ?? die('not running: harness/freebsd-vm/vm.mjs start');
  const r = await $({ stdio: 'inherit' })`ssh ${sshArgs(st.port)} -- ${argv._.slice(1)}`.nothrow();
  process.exit(r.exitCode ?? 1);
} else die('usage: vm.mjs start|stop|status|ssh [-- COMMAND]', 2);
