// @ts-nocheck
// Labs: create (record first, then the lab host netns, namespace dir and cgroup), find, destroy, liveness.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { UDHCPC_SCRIPT } from './confgen.js';
import { udhcpcScript } from './dhcp.js';
import { createUpstream } from './upstream.js';
import { objectsOf, record } from '../state/ledger.js';
import { endBuild, startBuild } from '../state/builds.js';
import { failpoint } from './failpoint.js';
import type { EngineContext, LabRow } from './context.js';
import { usage } from './errors.js';
import { cgroupDir, processStart } from './host.js';
import { hostNetns, labIdProblem } from './ifnames.js';
import { killCgroup, killPids, pidsInNetns, pidsWorkingFor } from './kill.js';
import { RUN_MARKER } from '../exec/spawn.js';
import { labPaths } from './paths.js';
import { removeObjects } from './remove.js';

/** Who owns a new lab. */
export interface LabOwner {
  kind: 'run' | 'manual';
  pid?: number;
  runId?: string;
  /** Build the simulated outside (upstream + www.example) as the lab's uplink. */
  simulatedUplink?: boolean;
}

/** The lab row, if it exists. */
export function getLab(ctx: EngineContext, id: string): LabRow | undefined {
  return ctx.db.prepare('SELECT * FROM labs WHERE id = ?').get(id) as LabRow | undefined;
}

/** All labs. */
export function listLabs(ctx: EngineContext): LabRow[] {
  return ctx.db.prepare('SELECT * FROM labs ORDER BY created_at').all() as LabRow[];
}

/** True when a run lab's owner process is gone (manual and kept labs are never stale). */
export function isStale(lab: LabRow): boolean {
  if (lab.kind !== 'run' || lab.kept) return false;
  if (!lab.owner_pid) return true;
  const start = processStart(lab.owner_pid);
  return start === undefined || start !== lab.owner_start;
}

/** Creates a lab: its lab host netns (loopback up), private namespace dir and cgroup. */
export async function createLab(ctx: EngineContext, id: string, owner: LabOwner): Promise<LabRow> {
  const p = labIdProblem(id);
  if (p) throw usage(p);
  if (getLab(ctx, id)) throw usage(`lab ${id} already exists`);
  const paths = labPaths(ctx.runDir, id);
  const cg = cgroupDir(ctx.cgroupRoot, id);
  const ns = hostNetns(id);
  startBuild(ctx.db, id, 'lab', [id], process.pid, processStart(process.pid));
  ctx.db.prepare('INSERT INTO labs (id, kind, owner_pid, owner_start, run_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id, owner.kind, owner.pid ?? null, owner.pid ? processStart(owner.pid) ?? null : null, owner.runId ?? null, new Date().toISOString(),
  );
  record(ctx.db, id, [
    { kind: 'netns-host', name: ns },
    { kind: 'mount', name: paths.nsDir },
    { kind: 'dir', name: paths.root },
    { kind: 'cgroup', name: cg },
  ]);
  try {
    // Service users (postgres, say) must be able to reach their jail's directory: only ns/ is private.
    mkdirSync(ctx.runDir, { recursive: true, mode: 0o755 });
    mkdirSync(paths.root, { mode: 0o755 });
    mkdirSync(paths.nsDir, { mode: 0o700 });
    mkdirSync(paths.jailsDir, { mode: 0o755 });
    // Namespace files may only be bind-mounted under a private mount.
    await ctx.cmd.run(['mount', '--bind', paths.nsDir, paths.nsDir]);
    await ctx.cmd.run(['mount', '--make-private', paths.nsDir]);
    await ctx.cmd.run(['ip', 'netns', 'add', ns]);
    await ctx.cmd.run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    await failpoint('lab');
    mkdirSync(cg, { recursive: true });
    writeFileSync(udhcpcScript(ctx.runDir, id), UDHCPC_SCRIPT, { mode: 0o755 });
    if (owner.simulatedUplink) {
      await createUpstream(ctx, id);
      ctx.db.prepare("UPDATE labs SET uplink = 'simulated' WHERE id = ?").run(id);
    }
  } catch (e) {
    await destroyLab(ctx, id);
    throw e;
  }
  endBuild(ctx.db, id, 'lab', [id]);
  return getLab(ctx, id)!;
}

/** The lab, created as a manual (by-hand) lab on first use. */
export async function ensureLab(ctx: EngineContext, id: string): Promise<LabRow> {
  const lab = getLab(ctx, id);
  if (lab) {
    if (!existsSync(`/run/netns/${hostNetns(id)}`)) throw usage(`lab ${id} is recorded but its namespace is gone; run \`vessel cleanup\` or \`vessel destroy --lab ${id}\``);
    return lab;
  }
  return createLab(ctx, id, { kind: 'manual' });
}

/** Ends every process of a lab: jail cgroups, then anything left in the lab's namespaces. */
export async function killLabProcesses(ctx: EngineContext, id: string): Promise<void> {
  // First what still works for this lab from outside it: engine commands in flight (a runner SIGKILLed mid-command)
  // and a dead run's steps (a `vessel` call, say). A person's own shell carries no run marker, so it is left alone.
  await killPids(pidsWorkingFor([`vc-${id}-`, `vc-${id}_`, `${labPaths(ctx.runDir, id).root}/`], [`VESSEL_LAB=${id}`, `${RUN_MARKER}=`]));
  await killCgroup(cgroupDir(ctx.cgroupRoot, id));
  const nsNames = objectsOf(ctx.db, id).filter((o) => o.kind === 'netns-host' || o.kind === 'netns-jail').map((o) => `/run/netns/${o.name}`);
  await killPids(pidsInNetns(nsNames));
}

/** Removes everything of a lab from the kernel and the state (idempotent). */
export async function destroyLab(ctx: EngineContext, id: string): Promise<void> {
  await killLabProcesses(ctx, id);
  await removeObjects(ctx, objectsOf(ctx.db, id));
  const left = objectsOf(ctx.db, id);
  if (left.length === 0) {
    ctx.db.transaction(() => {
      ctx.db.prepare('DELETE FROM processes WHERE lab = ?').run(id);
      ctx.db.prepare('DELETE FROM builds WHERE lab = ?').run(id);
      ctx.db.prepare('DELETE FROM labs WHERE id = ?').run(id);
    })();
  }
}

/** Marks a lab as kept (left alone by cleanup). */
export function keepLab(ctx: EngineContext, id: string): void {
  ctx.db.prepare('UPDATE labs SET kept = 1 WHERE id = ?').run(id);
}
