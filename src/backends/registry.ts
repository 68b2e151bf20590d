// The registry of backends: a name maps to how its engine is opened, for real or recording a plan. The only place
// that knows which backends exist; everything else holds a VesselBackend.
import type { BackendName, VesselBackend } from '../core/backend.js';
import type { RecordingHost } from '../host/recording.js';
import { usage } from '../util/errors.js';
import { FreebsdEngine, DEFAULT_INET_NIC, PLAN_ASSUMPTIONS } from './freebsd/engine.js';
import { Engine, LINUX_PLAN_HOST } from './linux/engine.js';
import { UPSTREAM } from '../core/upstream.js';
import { linuxDoctor } from './linux/doctor.js';
import { freebsdDoctor } from './freebsd/doctor.js';
import type { DoctorReport } from '../host/doctor.js';

/** How to open a backend for real. */
export interface OpenOptions {
  verbose?: boolean;
  logFile?: string;
  /** Skip removing stale labs at open (the runner, `cleanup` and parallel runs do their own). */
  noReconcile?: boolean;
  /** Manage another machine over SSH (ssh://... or freebsd-vm) instead of this one. */
  remote?: string;
}

/** One backend's parts. */
export interface BackendParts {
  name: BackendName;
  /** The platform it runs on for real. */
  platform: NodeJS.Platform | 'any-but-freebsd';
  /** Opens it on this machine. */
  open(opts: OpenOptions): Promise<VesselBackend>;
  /** A backend that records into memory what it would do (plans), deterministic from `seed`. */
  recording(seed: string): { engine: VesselBackend; host: RecordingHost };
  /** What a recorded plan assumes about the host (the plan's header). */
  planAssumptions: string;
  /** What `vessel doctor` checks on it. */
  doctor(needs: string[]): Promise<DoctorReport>;
  /** Why recipes cannot run in parallel on it (`run --jobs`), or undefined when they can. */
  oneLabAtATime?: string;
}

/** The backends, by name. */
export const BACKENDS: Record<BackendName, BackendParts> = {
  linux: {
    name: 'linux',
    platform: 'any-but-freebsd',
    open: (o) =>
      Engine.open({ ...(o.verbose ? { verbose: true } : {}), ...(o.logFile ? { logFile: o.logFile } : {}), ...(o.noReconcile ? { noReconcile: true } : {}) }),
    recording: (seed) => Engine.recording(seed),
    planAssumptions: `Linux with nftables, 802.1Q, cgroup v2 at ${LINUX_PLAN_HOST.cgroupRoot}, state in ${LINUX_PLAN_HOST.runDir}; a run's lab has the simulated outside (${UPSTREAM.subnet}, the internet ${UPSTREAM.internetSubnet}, the ENI ${UPSTREAM.eniSubnet}); services get PIDs from 4001`,
    doctor: linuxDoctor,
  },
  freebsd: {
    name: 'freebsd',
    platform: 'freebsd',
    open: async (o) =>
      FreebsdEngine.open({ verbose: Boolean(o.verbose), ...(o.logFile ? { logFile: o.logFile } : {}), ...(o.remote ? { remote: o.remote } : {}) }),
    recording: (seed) => FreebsdEngine.recording(seed),
    planAssumptions: `FreeBSD with net.fibs=${PLAN_ASSUMPTIONS.fibs} and cloned interfaces numbered from 0; a run's lab has the simulated outside in jails of its own (${UPSTREAM.subnet}, the internet ${UPSTREAM.internetSubnet}, the ENI eni0 ${PLAN_ASSUMPTIONS.nics.eni0!.ip}/${PLAN_ASSUMPTIONS.nics.eni0!.prefix}); a lab made by hand bridges ${DEFAULT_INET_NIC} (VirtualBox NAT, ${PLAN_ASSUMPTIONS.uplinkInet.ip}/${PLAN_ASSUMPTIONS.uplinkInet.prefix})`,
    doctor: freebsdDoctor,
    oneLabAtATime:
      "FreeBSD labs share the host's one network stack: each run's lab holds the simulated ENI eni0 and uses the recipes' subnets, so recipes run one at a time there",
  },
};

/** The names of the backends. */
export const BACKEND_NAMES = Object.keys(BACKENDS) as BackendName[];

/** The backend this machine runs for real: freebsd on FreeBSD, linux elsewhere. */
export function hostBackend(): BackendName {
  return process.platform === 'freebsd' ? 'freebsd' : 'linux';
}

/** A backend's parts by name, or a usage error naming the known ones. */
export function backendNamed(name: string, what = '--engine'): BackendParts {
  const b = (BACKENDS as Record<string, BackendParts>)[name];
  if (!b) throw usage(`${what}=${name}: the backends are ${BACKEND_NAMES.join(' and ')}`);
  return b;
}

/** Opens the named backend on this machine; refuses one that cannot run here. */
export async function openBackend(name: string, opts: OpenOptions = {}, what = '--engine'): Promise<VesselBackend> {
  const b = backendNamed(name, what);
  if (opts.remote && name !== 'freebsd')
    throw usage(`--host=${opts.remote}: only the freebsd backend manages another machine; the ${name} backend runs on this one`);
  if (name !== hostBackend() && !opts.remote)
    throw usage(
      `${what}=${name}: the ${name} backend runs only on ${b.platform === 'freebsd' ? 'FreeBSD' : 'Linux'}; see its plans with \`vessel-cookbook plan --engine=${name} FILE\``,
    );
  return b.open(opts);
}

/** Rootless starts (Linux, an ordinary user): whether this process should run again in the user's lab host, that
 * start, and what a command inside does as it ends (backends/linux/rootless/reexec.ts). */
export { finishInside, runRootless, wantsRootless } from './linux/rootless/reexec.js';
