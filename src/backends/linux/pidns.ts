// A jail's process space: a pid namespace whose init (catatonit, Debian's package) lives only while the jail has
// processes. Every entry into a jail goes through ENTER: it joins the jail's cgroups, starts the init when there is
// none (under a lock), runs the command in the jail's namespaces with the jail's capabilities, and when it was the
// jail's last process, ends the init again. An idle jail has no process at all.
//
// The rule: everything ENTER reads or writes (the init's pid, the lock, the log, the list of cgroups to join) is in
// the jail's private directory, which no jail can see; and everything it runs inside the jail runs after entering
// the jail's user namespace, so its capabilities end at the jail's own namespaces.

/**
 * PID 1 of a new process space, run in the jail's namespaces (its user namespace's root): mounts the space's own
 * /proc over the one before it (the first, made at creation, stays: a user namespace may mount a proc only where
 * one is fully visible), with host-wide knobs read-only, then becomes catatonit in pause mode. No single quote in it.
 */
export const INIT = [
  // The previous process space's /proc goes: a proc with no PID 1 is of a pid namespace that has ended. (The one made
  // at creation, or the host's, has one, and is not ours to unmount.)
  'while [ ! -e /proc/1 ]; do busybox umount -l /proc || break; done',
  'mount -n -t proc -o nosuid,nodev,noexec vessel-proc /proc || exit 1',
  // Host-wide knobs read-only; the jail's own network's stay writable.
  'mount -n --bind /proc/sys /proc/sys && mount -n -o remount,bind,ro /proc/sys || exit 1',
  'mount -n --bind /proc/sys/net /proc/sys/net && mount -n -o remount,bind,rw /proc/sys/net || exit 1',
  'if [ -e /proc/sysrq-trigger ]; then mount -n --bind /proc/sysrq-trigger /proc/sysrq-trigger && mount -n -o remount,bind,ro /proc/sysrq-trigger || exit 1; fi',
  'exec catatonit -P',
].join('\n');

/**
 * The entry into a jail. $1 cgroup, $2 the jail's private directory, $3 user ns file, $4 netns file, $5 UTS, $6
 * mount namespace file, $7 working directory, $8 capability bounding set (setpriv), $9 `start` (start the process
 * space when there is none) or `join` (a probe: enter it only when there is one), then the command.
 * Exit 125: the entry itself failed.
 */
export const ENTER = [
  'cg=$1 p=$2 u=$3 net=$4 uts=$5 mnt=$6 wd=$7 caps=$8 how=$9',
  'shift 9',
  `INIT='${INIT}'`,
  // The working directory is looked up inside the jail (nsenter --wd would open it on the host: a way out of a thin
  // root). One the jail does not have is its root, as a login lands in / without a home.
  `CD='cd -- "$1" 2>/dev/null || cd /; shift; exec "$@"'`,
  // The limits' (v1) cgroups hold the jail's own processes: the command and its nsenter, not this shell or the init.
  'join_limits() { if [ -s "$p/cgroups" ]; then while read -r c; do echo 0 > "$c/cgroup.procs" || exit 125; done < "$p/cgroups"; fi; }',
  // $init is this jail's init when it is catatonit and in this jail's cgroup (a pid can be reused); shell builtins but
  // for stat without a cgroup.
  'live_init() {',
  '  up= init=; [ -s "$p/init.pid" ] && read -r up init < "$p/init.pid"; [ -n "$init" ] || return 1',
  '  n=; read -r n 2>/dev/null < "/proc/$init/comm"; [ "$n" = catatonit ] || return 1',
  // With no cgroup to be in (a rootless lab host with none delegated), the jail's network namespace tells.
  '  if [ ! -e "$cg/cgroup.events" ]; then [ "$(stat -Lc %i "/proc/$init/ns/net" 2>/dev/null)" = "$(stat -Lc %i "$net")" ]; return; fi',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter, not a template
  '  g=; while read -r x; do case $x in 0::*) g=${x#0::} ;; esac; done 2>/dev/null < "/proc/$init/cgroup"',
  '  [ -n "$g" ] && case $cg in *"$g") return 0 ;; esac; return 1',
  '}',
  // Signals reach the command; this shell waits for it and still ends the init when it was the last.
  'trap : INT TERM HUP QUIT',
  // A rootless lab host with one uid may not call setgroups: nsenter then keeps the credentials it has (uid 0 there).
  'pc= sg=; read -r sg 2>/dev/null < /proc/self/setgroups; [ "$sg" != deny ] || pc=--preserve-credentials',
  // >>: the same for a cgroup, and a list of entries where a folder stands for one (kill.ts, NETNS_GROUPS_ROOT).
  'echo $$ >> "$cg/cgroup.procs" || exit 125',
  // A probe in an idle jail: its namespaces, no process space, and nothing to end after.
  'if [ "$how" = join ] && ! live_init; then exec nsenter $pc --user="$u" --net="$net" --uts="$uts" --mount="$mnt" -- setpriv --bounding-set "$caps" -- "$@"; fi',
  'exec 9>>"$p/init.lock" && flock 9 || exit 125',
  'if ! live_init; then',
  // The process space: a pid and an IPC namespace (System V objects last as long as the jail has processes).
  '  setsid nsenter $pc --user="$u" --net="$net" --uts="$uts" --mount="$mnt" -- unshare --pid --ipc --fork --kill-child -- sh -c "$INIT" vessel-init </dev/null >/dev/null 2>>"$p/init.log" 9>&- &',
  // Ready when unshare's child has become catatonit (its mounts are done): spin on the shell's own reads, then sleep.
  '  up=$! init= i=0',
  '  while [ $i -lt 3000 ]; do',
  '    c=; read -r c _ 2>/dev/null < "/proc/$up/task/$up/children"',
  '    if [ -n "$c" ]; then n=; read -r n 2>/dev/null < "/proc/$c/comm"; if [ "$n" = catatonit ]; then init=$c; break; fi; fi',
  '    st=Z; read -r _ _ st _ 2>/dev/null < "/proc/$up/stat"; [ "$st" = Z ] && break',
  '    i=$((i+1)); [ $i -gt 2500 ] && sleep 0.01',
  '  done',
  '  if [ -z "$init" ]; then kill -KILL "$up" 2>/dev/null; echo "vessel: the jail\'s init did not start: $(tail -n 2 "$p/init.log" 2>/dev/null)" >&2; exit 125; fi',
  '  echo "$up $init" > "$p/init.pid"',
  'fi',
  'exec 9>&-',
  'if [ "$wd" != / ]; then set -- sh -c "$CD" vessel-cd "$wd" "$@"; fi',
  '( join_limits; exec nsenter $pc --user="$u" --pid="/proc/$init/ns/pid" --ipc="/proc/$init/ns/ipc" --net="$net" --uts="$uts" --mount="$mnt" -- setpriv --bounding-set "$caps" -- "$@" )',
  'rc=$?',
  // The last process out ends the init (processes of other entries are in the cgroup before they take the lock).
  'exec 9>>"$p/init.lock" && flock 9 || exit $rc',
  // Read with the shell's own `read`: a grep would see itself in the cgroup.
  'if live_init; then',
  '  others=; while read -r x; do case $x in "$$"|"$up"|"$init") ;; *) others=1 ;; esac; done < "$cg/cgroup.procs"',
  // Where a folder stands for the cgroup, its list has every entry ever made: the live ones count, and so does a
  // process the init took in (what an entry left running, `cmd &`).
  '  if [ ! -e "$cg/cgroup.events" ]; then',
  '    others=; while read -r x; do case $x in "$$"|"$up"|"$init") ;; *) [ ! -e "/proc/$x" ] || others=1 ;; esac; done < "$cg/cgroup.procs"',
  '    c=; read -r c _ 2>/dev/null < "/proc/$init/task/$init/children"; [ -z "$c" ] || others=1',
  '  fi',
  '  if [ -z "$others" ]; then kill -KILL "$init" 2>/dev/null; rm -f "$p/init.pid"; fi',
  'fi',
  'exit $rc',
  '',
].join('\n');
