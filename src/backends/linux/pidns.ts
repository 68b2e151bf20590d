// A jail's process space: a pid namespace whose init (catatonit, Debian's package) lives only while the jail has
// processes. Every entry into a jail goes through ENTER: it joins the jail's cgroups, starts the init when there is
// none (under a lock), runs the command in the jail's namespaces with the jail's capabilities, and when it was the
// jail's last process, ends the init again. An idle jail has no process at all.

/** Builds a jail's first /dev from the host's harmless nodes (no disks, no kmsg, no mem), then moves it over /dev: $1 staging directory. */
export const DEV = [
  's=$1',
  'mkdir -p "$s" && mount -t tmpfs -o mode=0755,size=1m,nosuid,noexec vessel-dev "$s"',
  'for n in null zero full random urandom tty; do touch "$s/$n" && mount --bind "/dev/$n" "$s/$n" || exit 1; done',
  'mkdir "$s/pts" "$s/shm"',
  'mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 vessel-pts "$s/pts"',
  'ln -s pts/ptmx "$s/ptmx" && ln -s /proc/self/fd "$s/fd" && ln -s /proc/self/fd/0 "$s/stdin" && ln -s /proc/self/fd/1 "$s/stdout" && ln -s /proc/self/fd/2 "$s/stderr"',
  'mount -t tmpfs -o mode=1777,nosuid,nodev vessel-shm "$s/shm"',
  'mount --move "$s" /dev',
].join(' && ');

/**
 * PID 1 of a new process space, in the jail's mount namespace with full rights: mounts the space's /proc (host-wide
 * knobs read-only), builds the jail's /dev the first time (the lab's dev.sh), then becomes catatonit in pause mode.
 * $1 the jail's directory, $2 the lab's.
 */
export const INIT = [
  // The previous process space's /proc (or the host's, the first time) goes; the new one is this space's.
  'busybox umount -l /proc 2>/dev/null',
  'mount -n -t proc -o nosuid,nodev,noexec vessel-proc /proc || exit 1',
  // Host-wide knobs read-only; the jail's own network's stay writable.
  'mount -n --bind /proc/sys /proc/sys && mount -n -o remount,bind,ro /proc/sys || exit 1',
  'mount -n --bind /proc/sys/net /proc/sys/net && mount -n -o remount,bind,rw /proc/sys/net || exit 1',
  'if [ -e /proc/sysrq-trigger ]; then mount -n --bind /proc/sysrq-trigger /proc/sysrq-trigger && mount -n -o remount,bind,ro /proc/sysrq-trigger || exit 1; fi',
  'if ! grep -q " /dev [^ ]* .* - tmpfs vessel-dev " /proc/self/mountinfo; then sh "$2/dev.sh" "$1/dev" || exit 1; fi',
  'exec catatonit -P',
  '',
].join('\n');

/**
 * The entry into a jail. $1 cgroup, $2 jail directory, $3 lab directory (init.sh), $4 netns file, $5 UTS, $6 mount
 * namespace file, $7 working directory, $8 capability bounding set (setpriv), $9 `start` (start the process space
 * when there is none) or `join` (a probe: enter it only when there is one), then the command.
 * Exit 125: the entry itself failed.
 */
export const ENTER = [
  'cg=$1 d=$2 l=$3 net=$4 uts=$5 mnt=$6 wd=$7 caps=$8 how=$9',
  'shift 9',
  // The working directory is looked up inside the jail (nsenter --wd would open it on the host: a way out of a thin
  // root). One the jail does not have is its root, as a login lands in / without a home.
  `CD='cd -- "$1" 2>/dev/null || cd /; shift; exec "$@"'`,
  // The limits' (v1) cgroups hold the jail's own processes: the command and its nsenter, not this shell or the init.
  'join_limits() { if [ -s "$d/cgroups" ]; then while read -r c; do echo 0 > "$c/cgroup.procs" || exit 125; done < "$d/cgroups"; fi; }',
  // $init is this jail's init when it is catatonit and in this jail's cgroup (a pid can be reused); all shell builtins.
  'live_init() {',
  '  up= init=; [ -s "$d/init.pid" ] && read -r up init < "$d/init.pid"; [ -n "$init" ] || return 1',
  '  n=; read -r n 2>/dev/null < "/proc/$init/comm"; [ "$n" = catatonit ] || return 1',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter, not a template
  '  g=; while read -r x; do case $x in 0::*) g=${x#0::} ;; esac; done 2>/dev/null < "/proc/$init/cgroup"',
  '  [ -n "$g" ] && case $cg in *"$g") return 0 ;; esac; return 1',
  '}',
  // Signals reach the command; this shell waits for it and still ends the init when it was the last.
  'trap : INT TERM HUP QUIT',
  'echo $$ > "$cg/cgroup.procs" || exit 125',
  // A probe in an idle jail: its namespaces, no process space, and nothing to end after.
  'if [ "$how" = join ] && ! live_init; then exec nsenter --net="$net" --uts="$uts" --mount="$mnt" -- "$@"; fi',
  'exec 9>>"$d/init.lock" && flock 9 || exit 125',
  'if ! live_init; then',
  // The process space: a pid and an IPC namespace (System V objects last as long as the jail has processes).
  '  setsid nsenter --net="$net" --uts="$uts" --mount="$mnt" -- unshare --pid --ipc --fork --kill-child -- sh "$l/init.sh" "$d" "$l" </dev/null >/dev/null 2>>"$d/init.log" 9>&- &',
  // Ready when unshare's child has become catatonit (its mounts are done): spin on the shell's own reads, then sleep.
  '  up=$! init= i=0',
  '  while [ $i -lt 3000 ]; do',
  '    c=; read -r c _ 2>/dev/null < "/proc/$up/task/$up/children"',
  '    if [ -n "$c" ]; then n=; read -r n 2>/dev/null < "/proc/$c/comm"; if [ "$n" = catatonit ]; then init=$c; break; fi; fi',
  '    st=Z; read -r _ _ st _ 2>/dev/null < "/proc/$up/stat"; [ "$st" = Z ] && break',
  '    i=$((i+1)); [ $i -gt 2500 ] && sleep 0.01',
  '  done',
  '  if [ -z "$init" ]; then kill -KILL "$up" 2>/dev/null; echo "vessel: the jail\'s init did not start: $(tail -n 2 "$d/init.log" 2>/dev/null)" >&2; exit 125; fi',
  '  echo "$up $init" > "$d/init.pid"',
  'fi',
  'exec 9>&-',
  'if [ "$wd" != / ]; then set -- sh -c "$CD" vessel-cd "$wd" "$@"; fi',
  '( join_limits; exec nsenter --pid="/proc/$init/ns/pid" --ipc="/proc/$init/ns/ipc" --net="$net" --uts="$uts" --mount="$mnt" -- setpriv --bounding-set "$caps" -- "$@" )',
  'rc=$?',
  // The last process out ends the init (processes of other entries are in the cgroup before they take the lock).
  'exec 9>>"$d/init.lock" && flock 9 || exit $rc',
  // Read with the shell's own `read`: a grep would see itself in the cgroup.
  'if live_init; then',
  '  others=; while read -r x; do case $x in "$$"|"$up"|"$init") ;; *) others=1 ;; esac; done < "$cg/cgroup.procs"',
  '  if [ -z "$others" ]; then kill -KILL "$init" 2>/dev/null; rm -f "$d/init.pid"; fi',
  'fi',
  'exit $rc',
  '',
].join('\n');
