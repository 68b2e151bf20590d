// A jail's user namespace: every other namespace of the jail (network, UTS, mount, pid, IPC) belongs to it, so the
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell scripts, whose ${...} are shell parameters
// capabilities of the jail's root, and of anything run inside the jail, hold in the jail's namespaces and nowhere
// else. It maps every uid and gid to itself: the jail's root is uid 0 for files, as on the host.
import { join } from 'node:path';
import type { LinuxContext } from './context.js';
import { jailNetns } from './names.js';
import { jailPaths, labPaths } from './paths.js';

/** The identity map written as a user namespace's uid_map and gid_map. */
export const IDENTITY_MAP = '0 0 4294967295';

/**
 * Makes each jail's user namespace and the network namespace it owns, both kept by bind mount (bash, run by the
 * host). Per jail, two arguments: the user ns file and the netns name. The namespaces' first process waits on its
 * standard input, which this shell holds, while the host writes the maps and binds the files.
 */
export const USERNS = [
  'set -u',
  'while [ $# -ge 2 ]; do',
  '  u=$1 n=$2; shift 2',
  '  : > "$u" && : > "/run/netns/$n" || exit 125',
  `  coproc NS { exec unshare --user --net -- sh -c 'echo $$; read -r _'; }`,
  '  cp=$NS_PID; read -r pid <&"${NS[0]}" || { echo "vessel: the user namespace of $n could not be made" >&2; exit 125; }',
  '  rc=0',
  `  echo '${IDENTITY_MAP}' > "/proc/$pid/uid_map" && echo '${IDENTITY_MAP}' > "/proc/$pid/gid_map" &&`,
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
  await ctx.host.run(['bash', join(labPaths(ctx.runDir, lab).lib, 'userns.sh'), ...pairs]);
}
