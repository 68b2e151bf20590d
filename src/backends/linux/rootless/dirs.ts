// Where a rootless user's state and runtime files live: the XDG base directories, or their defaults (pure).
import { join } from 'node:path';

/** A rootless user's folders: the state database's, and the runtime folder of the lab host's holder. */
export interface UserDirs {
  /** $XDG_STATE_HOME/vessel, else ~/.local/state/vessel: the state database. */
  state: string;
  /** $XDG_RUNTIME_DIR/vessel, else /tmp/vessel-UID: the holder's pid, lock and log. */
  runtime: string;
}

/** The folders for `uid` with home `home`, from an environment (relative XDG values are ignored, as the spec says). */
export function userDirs(env: Record<string, string | undefined>, uid: number, home: string): UserDirs {
  const abs = (v: string | undefined) => (v?.startsWith('/') ? v : undefined);
  const stateHome = abs(env.XDG_STATE_HOME) ?? join(home, '.local', 'state');
  const runtimeHome = abs(env.XDG_RUNTIME_DIR);
  return { state: join(stateHome, 'vessel'), runtime: runtimeHome ? join(runtimeHome, 'vessel') : `/tmp/vessel-${uid}` };
}
