// @ts-nocheck
// Jail services: start the stored command in the background with its output in the jail's log; stop via cgroup.
import { closeSync, openSync } from 'node:fs';
import { spawn } from 'node:child_process';
import type { EngineContext, JailRow } from './context.js';
import { usage } from './errors.js';
import { cgroupDir, processStart } from './host.js';
import { jailArgv } from './enter.js';
import { killCgroup } from './kill.js';
import { jailPaths } from './paths.js';

/** The environment a jail's service starts with: no runner markers, so a step's end cannot stop it. */
export function serviceEnv(j: JailRow, runDir = process.env.VESSEL_RUN_DIR ?? '/run/vessel'): Record<string, string> {
  return cleanEnv({ VESSEL_JAIL: j.name, VESSEL_LAB: j.lab, VESSEL_JAIL_DIR: jailPaths(runDir, j.lab, j.name).dir, ...(j.addr ? { VESSEL_ADDR: j.addr } : {}) });
}

/** Starts argv detached, in a cgroup, with output appended to `log`; returns its pid. */
export function spawnDetached(argv: string[], cgroup: string, log: string, env: Record<string, string>): number {
  const full = ['sh', '-c', 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"', 'vessel-start', cgroup, ...argv];
  // Logs may hold secrets a service prints: only root reads them.
  const fd = openSync(log, 'a', 0o600);
  try {
    const child = spawn(full[0]!, full.slice(1), { detached: true, stdio: ['ignore', fd, fd], env });
    child.on('error', () => undefined);
    child.unref();
    if (child.pid === undefined) throw usage(`could not start ${argv[0]}`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** A clean environment for engine-started processes (no runner markers). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', LANG: 'C.UTF-8', ...extra };
}

/** Waits until `ready()` is true, polling; false on timeout. */
export async function waitFor(ready: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** Starts a jail's service (its stored command) in the background. */
export async function startService(ctx: EngineContext, j: JailRow): Promise<number | undefined> {
  if (!j.command) {
    ctx.db.prepare('UPDATE jails SET state = ? WHERE uuid = ?').run('running', j.uuid);
    return undefined;
  }
  const argv = JSON.parse(j.command) as string[];
  const p = jailPaths(ctx.runDir, j.lab, j.name);
  const full = jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: j.lab, name: j.name, wd: j.wd ?? '/' }, argv);
  const env = { ...serviceEnv(j, ctx.runDir), ...(j.env ? (JSON.parse(j.env) as Record<string, string>) : {}) };
  const pid = spawnDetached(full, cgroupDir(ctx.cgroupRoot, j.lab, j.name), p.log, env);
  ctx.db.transaction(() => {
    ctx.db.prepare('INSERT OR REPLACE INTO processes (lab, jail, pid, start_time, role, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(j.lab, j.name, pid, processStart(pid!) ?? null, 'service', new Date().toISOString());
    ctx.db.prepare('UPDATE jails SET state = ? WHERE uuid = ?').run('running', j.uuid);
  })();
  return pid;
}

/** Stops everything running in a jail; its namespaces and address stay. */
export async function stopJail(ctx: EngineContext, j: JailRow): Promise<void> {
  await killCgroup(cgroupDir(ctx.cgroupRoot, j.lab, j.name));
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM processes WHERE lab = ? AND jail = ?').run(j.lab, j.name);
    ctx.db.prepare('UPDATE jails SET state = ?, stopped_at = ? WHERE uuid = ?').run('stopped', new Date().toISOString(), j.uuid);
  })();
}
