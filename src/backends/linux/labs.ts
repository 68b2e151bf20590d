// Labs: create (record first, then the lab host netns, namespace dir and cgroup), destroy, and ending their processes.
import { join } from 'node:path';
import type { LabOwner } from '../../core/labs.js';
import type { LabRow } from '../../core/model.js';
import { labIdProblem } from '../../core/names.js';
import { failpoint } from '../../host/failpoint.js';
import { RUN_MARKER } from '../../exec/spawn.js';
import { processStart } from '../../host/local.js';
import { endBuild, startBuild } from '../../state/builds.js';
import { deleteLab, getLab, insertLab, setUplink } from '../../state/labs.js';
import { objectsOf, record } from '../../state/ledger.js';
import { usage } from '../../util/errors.js';
import type { LinuxContext } from './context.js';
import { UDHCPC_SCRIPT } from './confgen.js';
import { udhcpcScript } from './dhcp.js';
import { cgroupDir } from './facts.js';
import { killCgroup, killPids, pidsInNetns, pidsWorkingFor } from './kill.js';
import { hostNetns } from './names.js';
import { labPaths } from './paths.js';
import { ENTER } from './pidns.js';
import { USERNS } from './userns.js';
import { jailShadow } from './rootless/shadow.js';
import { MOUNTS, NEWNS, SETUP } from './mounts.js';
import { removeObjects } from './remove.js';
import { createUpstream } from './upstream.js';

/** Creates a lab: its lab host netns (loopback up), private namespace dir and cgroup. */
export async function createLab(ctx: LinuxContext, id: string, owner: LabOwner): Promise<LabRow> {
  const p = labIdProblem(id);
  if (p) throw usage(p);
  if (getLab(ctx.db, id)) throw usage(`lab ${id} already exists`);
  const paths = labPaths(ctx.runDir, id);
  const cg = cgroupDir(ctx.cgroupRoot, id);
  const ns = hostNetns(id);
  startBuild(ctx.db, id, 'lab', [id], process.pid, processStart(process.pid));
  insertLab(ctx.db, {
    id,
    kind: owner.kind,
    ownerPid: owner.pid ?? null,
    ownerStart: owner.pid ? (processStart(owner.pid) ?? null) : null,
    runId: owner.runId ?? null,
  });
  record(ctx.db, id, [
    { kind: 'netns-host', name: ns },
    { kind: 'mount', name: paths.nsDir },
    { kind: 'dir', name: paths.root },
    { kind: 'cgroup', name: cg },
  ]);
  try {
    // Service users (postgres, say) must be able to reach their jail's directory: only ns/ is private.
    await ctx.host.mkdir(ctx.runDir, 0o755);
    await ctx.host.mkdir(paths.root, 0o755);
    await ctx.host.mkdir(paths.nsDir, 0o700);
    await ctx.host.mkdir(paths.jailsDir, 0o755);
    await ctx.host.mkdir(paths.privateDir, 0o700);
    // Namespace files may only be bind-mounted under a private mount.
    await ctx.host.run(['mount', '--bind', paths.nsDir, paths.nsDir]);
    await ctx.host.run(['mount', '--make-private', paths.nsDir]);
    await ctx.host.run(['ip', 'netns', 'add', ns]);
    await ctx.host.run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    await failpoint('lab');
    await ctx.host.mkdir(cg);
    await ctx.host.mkdir(paths.lib, 0o755);
    await ctx.host.writeFile(udhcpcScript(ctx.runDir, id), UDHCPC_SCRIPT, 0o755);
    // What starts a jail's process space (pidns.ts): its init, its first /dev, its /proc.
    await ctx.host.writeFile(join(paths.lib, 'enter.sh'), ENTER, 0o755);
    // What makes a jail's namespaces (userns.ts) and mounts (mounts.ts).
    await ctx.host.writeFile(join(paths.lib, 'userns.sh'), USERNS, 0o755);
    await ctx.host.writeFile(join(paths.lib, 'newns.sh'), NEWNS, 0o755);
    await ctx.host.writeFile(join(paths.lib, 'setup.sh'), SETUP, 0o755);
    await ctx.host.writeFile(join(paths.lib, 'mounts.sh'), MOUNTS, 0o755);
    if (ctx.rootless) await ctx.host.writeFile(join(paths.lib, 'shadow'), jailShadow((await ctx.host.readFile('/etc/passwd')) ?? ''), 0o640);
    if (owner.simulatedUplink) {
      await createUpstream(ctx, id);
      setUplink(ctx.db, id, 'simulated');
    }
  } catch (e) {
    await destroyLab(ctx, id);
    throw e;
  }
  endBuild(ctx.db, id, 'lab', [id]);
  return getLab(ctx.db, id)!;
}

/** The lab, created as a manual (by-hand) lab on first use. */
export async function ensureLab(ctx: LinuxContext, id: string): Promise<LabRow> {
  const lab = getLab(ctx.db, id);
  if (lab) {
    if (!(await ctx.host.exists(`/run/netns/${hostNetns(id)}`)))
      throw usage(`lab ${id} is recorded but its namespace is gone; run \`vessel cleanup\` or \`vessel destroy --lab ${id}\``);
    return lab;
  }
  return createLab(ctx, id, { kind: 'manual' });
}

/** Ends every process of a lab: jail cgroups, then anything left in the lab's namespaces. */
export async function killLabProcesses(ctx: LinuxContext, id: string): Promise<void> {
  // First what still works for this lab from outside it: engine commands in flight (a runner SIGKILLed mid-command)
  // and a dead run's steps (a `vessel` call, say). A person's own shell carries no run marker, so it is left alone.
  await killPids(
    ctx.host,
    await pidsWorkingFor(ctx.host, [`vc-${id}-`, `vc-${id}_`, `${labPaths(ctx.runDir, id).root}/`], [`VESSEL_LAB=${id}`, `${RUN_MARKER}=`]),
  );
  await killCgroup(ctx.host, cgroupDir(ctx.cgroupRoot, id));
  const nsNames = objectsOf(ctx.db, id)
    .filter((o) => o.kind === 'netns-host' || o.kind === 'netns-jail')
    .map((o) => `/run/netns/${o.name}`);
  await killPids(ctx.host, await pidsInNetns(ctx.host, nsNames));
}

/** Removes everything of a lab from the kernel and the state (idempotent). */
export async function destroyLab(ctx: LinuxContext, id: string): Promise<void> {
  await killLabProcesses(ctx, id);
  await removeObjects(ctx, objectsOf(ctx.db, id));
  if (objectsOf(ctx.db, id).length === 0) deleteLab(ctx.db, id);
}
