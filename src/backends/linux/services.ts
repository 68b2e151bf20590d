// Jail services: start the stored command in the background with its output in the jail's log; stop via cgroup.
import type { JailRow } from '../../core/model.js';
import { recordProcess, forgetProcesses, setJailState } from '../../state/jails.js';
import type { LinuxContext } from './context.js';
import { cgroupDir } from './facts.js';
import { jailArgv } from './enter.js';
import { killCgroup } from './kill.js';
import { jailPaths } from './paths.js';

/** The environment a jail's service starts with: no runner markers, so a step's end cannot stop it. */
export function serviceEnv(j: JailRow, runDir: string): Record<string, string> {
  return cleanEnv({
    VESSEL_JAIL: j.name,
    VESSEL_LAB: j.lab,
    // A thin root does not show the jail's folder (it is the engine's): only a shared root gets it.
    ...(j.root === 'thin' ? {} : { VESSEL_JAIL_DIR: jailPaths(runDir, j.lab, j.name).dir }),
    ...(j.addr ? { VESSEL_ADDR: j.addr } : {}),
  });
}

/** A clean environment for engine-started processes (no runner markers). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', LANG: 'C.UTF-8', ...extra };
}

/** Starts a jail's service (its stored command) in the background; a jail with none is simply running. */
export async function startService(ctx: LinuxContext, j: JailRow): Promise<number | undefined> {
  if (!j.command) {
    setJailState(ctx.db, [j.uuid], 'running');
    return undefined;
  }
  const argv = JSON.parse(j.command) as string[];
  const full = jailArgv({ runDir: ctx.runDir, cgroupRoot: ctx.cgroupRoot, lab: j.lab, name: j.name, wd: j.wd ?? '/' }, argv);
  const env = { ...serviceEnv(j, ctx.runDir), ...(j.env ? (JSON.parse(j.env) as Record<string, string>) : {}) };
  const pid = await ctx.host.start(full, {
    name: argv[0]!.split('/').pop()!,
    cgroup: cgroupDir(ctx.cgroupRoot, j.lab, j.name),
    log: jailPaths(ctx.runDir, j.lab, j.name).log,
    env,
  });
  const start = (await ctx.host.process(pid))?.start ?? null;
  ctx.db.transaction(() => {
    recordProcess(ctx.db, j.lab, j.name, pid, start, 'service');
    setJailState(ctx.db, [j.uuid], 'running');
  })();
  return pid;
}

/** Stops everything running in a jail; its namespaces and address stay. */
export async function stopJail(ctx: LinuxContext, j: JailRow): Promise<void> {
  // Its init goes with the rest: the next entry starts a new process space.
  await killCgroup(ctx.host, cgroupDir(ctx.cgroupRoot, j.lab, j.name));
  await ctx.host.remove(jailPaths(ctx.runDir, j.lab, j.name).initPid);
  ctx.db.transaction(() => {
    forgetProcesses(ctx.db, j.lab, j.name);
    setJailState(ctx.db, [j.uuid], 'stopped');
  })();
}
