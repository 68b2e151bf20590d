// The fixed scripts of a recipe run whose lab host is a machine over SSH: the local helper that runs one block
// there, and the `vessel` the blocks find on their PATH there, which asks the runner to run vessel here. Constants:
// every value reaches them as an argument or through the environment, never spliced into their text.

/**
 * Runs one block on the remote machine: bash HELPER step ROOT N SSH_ARGV(N words) REMOTE_ARGV...; or, with `pull`
 * instead of `step` and no REMOTE_ARGV, only step 4 (what the runner's vessel reads before it runs).
 * 1. copies the run's folder ROOT there (the same path), without output captures;
 * 2. runs REMOTE_ARGV there in this folder ($PWD), with a clean environment: the VESSEL_* variables of this one and
 *    a PATH that starts with ROOT/.vessel/bin (the forwarding vessel); its output is this helper's;
 * 3. ends whatever the block left running there (the block's own process group), when it ends, and on
 *    SIGTERM/SIGINT/SIGHUP here, which is how a timeout or Ctrl-C stops the block;
 * 4. copies back regular files and folders only, owned by root here and without setuid/setgid bits: a link, or a
 *    set-id program, that a jail made there is never brought here.
 */
export const REMOTE_STEP_HELPER = String.raw`set -u
mode=$1 root=$2 n=$3; shift 3
ssh=("${'$'}{@:1:$n}"); shift "$n"
pull() {
  "${'$'}{ssh[@]}" "LC_ALL=C; export LC_ALL; cd $(q "$root") && find . \( -type f -o -type d \) ! -name '*.out' ! -name 'remote-*.pgid' -print0 | tar --null --no-recursion -T - -cf -" </dev/null | tar -C "$root" --no-same-owner --no-same-permissions -xf - 2>/dev/null
  find "$root" \( -type l -o -perm /6000 \) -exec rm -f -- {} + 2>/dev/null
}
q() { local s=${'$'}{1//\'/\'\\\'\'}; printf "'%s' " "$s"; }
if [ "$mode" = pull ]; then pull; exit 0; fi
line=''; for a in "$@"; do line+=$(q "$a"); done
envs=''
while IFS='=' read -r -d '' k v; do
  case $k in VESSEL_*) envs+=$(q "$k=$v");; esac
done < <(env -0)
pgf="$root/.vessel/remote-$$.pgid"
remote_path="$root/.vessel/bin:/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin"
tar -C "$root" --exclude='*.out' --exclude='*.sock' -cf - . | "${'$'}{ssh[@]}" "LC_ALL=C; export LC_ALL; mkdir -p $(q "$root") && tar -C $(q "$root") -xpf -" || { echo "vessel-cookbook: could not copy the run's files to the remote host" >&2; exit 125; }
end_remote() {
  "${'$'}{ssh[@]}" "p=\$(cat $(q "$pgf") 2>/dev/null) || exit 0; kill -TERM -\$p 2>/dev/null; sleep 0.2; kill -KILL -\$p 2>/dev/null; rm -f $(q "$pgf"); exit 0" </dev/null
}
# There, bash with job control (set -m) starts the block in a process group of its own, waits for it, then ends what
# it left (a stray holding the session's output would keep ssh from ever returning).
inner='set -m; cd "$1" || exit 125; pgf=$2; shift 2; "$@" & p=$!; set +m; exec 2>/dev/null; echo "$p" >"$pgf"; wait "$p"; rc=$?; if kill -TERM -"$p" 2>/dev/null; then sleep 0.2; kill -KILL -"$p" 2>/dev/null; fi; rm -f "$pgf"; exit "$rc"'
"${'$'}{ssh[@]}" "PATH=\$PATH:/usr/local/bin; export PATH; exec bash -c $(q "$inner") vessel-block $(q "$PWD") $(q "$pgf") env -i HOME=/root LC_ALL=C PATH=$(q "$remote_path") $envs $line" </dev/null &
child=$!
trap 'end_remote; kill "$child" 2>/dev/null; exit 143' TERM INT HUP
wait "$child"; rc=$?
trap - TERM INT HUP
pull
exit "$rc"
`;

/**
 * The `vessel` on the remote PATH: sends its folder, VESSEL_LAB, the run's marker and its arguments (NUL-separated)
 * through the run's forwarded socket, prints what the runner's vessel printed, and exits with its status.
 */
export const REMOTE_VESSEL_SHIM = String.raw`#!/bin/sh
# vessel for a recipe run driven over SSH: the runner runs vessel on its own machine, against this one.
sock="${'$'}{0%/bin/vessel}/tunnel.sock"
out=$(mktemp "${'$'}{TMPDIR:-/tmp}/vessel.XXXXXX") || exit 3
trap 'rm -f "$out"' EXIT
{
  printf '%s\0' "$PWD" "VESSEL_LAB=${'$'}{VESSEL_LAB-}" "VESSEL_COOKBOOK_RUN=${'$'}{VESSEL_COOKBOOK_RUN-}" ""
  for a in "$@"; do printf '%s\0' "$a"; done
} | nc -N -U "$sock" >"$out"
code=$(head -n 1 "$out")
case $code in
'' | *[!0-9]*)
  echo "vessel: no answer from the runner through $sock (the run is over, or its SSH tunnel is gone)" >&2
  exit 3
  ;;
esac
tail -n +2 "$out"
exit "$code"
`;

/** A request from the remote `vessel`: its folder, its VESSEL_* variables, its arguments; undefined when malformed. */
export function parseShimRequest(raw: Buffer): { cwd: string; env: Record<string, string>; args: string[] } | undefined {
  const fields = raw.toString('utf8').split('\0');
  if (fields.at(-1) !== '') return undefined;
  fields.pop();
  const cwd = fields.shift();
  const end = fields.indexOf('');
  if (cwd === undefined || end < 0) return undefined;
  const env: Record<string, string> = {};
  for (const kv of fields.slice(0, end)) {
    const i = kv.indexOf('=');
    const k = kv.slice(0, i);
    // Only what the shim sends: the lab and the run's marker.
    if (k !== 'VESSEL_LAB' && k !== 'VESSEL_COOKBOOK_RUN') return undefined;
    env[k] = kv.slice(i + 1);
  }
  return { cwd, env, args: fields.slice(end + 1) };
}
