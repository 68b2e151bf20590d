// A jail's user namespace: every other namespace of the jail (network, UTS, mount, pid, IPC) belongs to it, so the
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell scripts, whose ${...} are shell parameters
// capabilities of the jail's root, and of anything run inside the jail, hold in the jail's namespaces and nowhere
// else. It maps every uid and gid to itself: the jail's root is uid 0 for files, as on the host.
import { join } from 'node:path';
import type { LinuxContext } from './context.js';
import { jailNetns } from './names.js';
import { jailPaths, labPaths } from './paths.js';
import { identityMapOf } from './rootless/subids.js';

/** The identity map written as a user namespace's uid_map and gid_map. */
export const IDENTITY_MAP = '0 0 4294967295';

/**
 * Makes each jail's user namespace and the network namespace it owns, both kept by bind mount (bash, run by the
 * host). First the uid and gid maps to write (the lab host's ids, each to itself), then per jail two arguments: the
 * user ns file and the netns name. The namespaces' first process waits on its
 * standard input, which this shell holds, while the host writes the maps and binds the files.
 */
export const USERNS = [
  'set -u',
  'um=$1 gm=$2; shift 2',
  'while [ $# -ge 2 ]; do',
  '  u=$1 n=$2; shift 2',
  '  : > "$u" && : > "/run/netns/$n" || exit 125',
  `  coproc NS { exec unshare --user --net -- sh -c 'echo $$; read -r _'; }`,
  '  cp=$NS_PID; read -r pid <&"${NS[0]}" || { echo "vessel: the user namespace of $n could not be made" >&2; exit 125; }',
  '  rc=0',
  // cat: a map must be written in one write(2), which bash's printf does not promise for several lines.
  `  cat > "/proc/$pid/uid_map" <<< "$um" && cat > "/proc/$pid/gid_map" <<< "$gm" &&`,
  '    mount --bind "/proc/$pid/ns/user" "$u" && mount --bind "/proc/$pid/ns/net" "/run/netns/$n" || rc=125',
  '  exec {NS[1]}>&-',
  '  wait "$cp"',
  '  [ "$rc" = 0 ] || exit "$rc"',
  'done',
  '',
].join('\n');

/** Makes the user namespace and the netns of each named jail, in one host command. */
export async function makeJailNamespaces(ctx: LinuxContext, lab: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const pairs = names.flatMap((n) => [jailPaths(ctx.runDir, lab, n).user, jailNetns(lab, n)]);
  // As the machine's root every id exists; in a rootless lab host only the ids it maps do.
  const map = async (f: string) => (ctx.rootless ? identityMapOf((await ctx.host.readFile(f)) ?? '') : '') || IDENTITY_MAP;
  await ctx.host.run(['bash', join(labPaths(ctx.runDir, lab).lib, 'userns.sh'), await map('/proc/self/uid_map'), await map('/proc/self/gid_map'), ...pairs]);
}
