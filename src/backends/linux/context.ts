// What a Linux backend operation needs: the shared engine context, plus the cgroup v2 tree its jails live in.
import type { EngineContext } from '../../core/model.js';

/** The Linux backend's context. */
export interface LinuxContext extends EngineContext {
  /** cgroup v2 mount point on the managed host. */
  cgroupRoot: string;
  /** The state database's folder, hidden inside every jail under an empty tmpfs. */
  stateDir: string;
  /** Inside a rootless lab host (a user namespace of an ordinary user's), not as the machine's root. */
  rootless?: boolean;
  /** Rootless with no delegated cgroup: why (folders stand for the cgroups, and limits are refused). */
  noCgroup?: string;
}
