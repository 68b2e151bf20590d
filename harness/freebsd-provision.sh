#!/bin/sh
# Provisions the FreeBSD VM (vagrant/Vagrantfile) and runs the cookbook with the freebsd backend, writing JUnit.
# Everything here runs as root inside the VM; nothing of it has run on this project's Linux CI.
set -eu
# Packages live in /usr/local; steps and jails inherit this PATH.
export PATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin
SRC="${VESSEL_SRC:-/vagrant-src}"
REPORTS="${VESSEL_REPORTS:-$SRC/reports}"

# Packages, first what runs vessel-cookbook itself: node, and gmake and python3 for node-gyp, which builds
# better-sqlite3 with gmake on the BSDs (npm ci fails without them).
env ASSUME_ALWAYS_YES=yes pkg bootstrap -f
pkg install -y node20 npm-node20 gmake python3

# Kernel modules the plans rely on: if_bridge(4), if_epair(4), vlan(4), pf(4).
for m in if_bridge if_epair if_vlan pf; do kldload -n "$m"; done
sysrc -f /boot/loader.conf if_bridge_load=YES if_epair_load=YES if_vlan_load=YES pf_load=YES
# sysrc(8) refuses dotted names, so the FIB count goes into loader.conf by hand (for the next boot), and is raised
# now with sysctl: net.fibs can grow at run time (sys/net/route/route_tables.c).
grep -q '^net.fibs=' /boot/loader.conf 2>/dev/null || echo 'net.fibs="16"' >> /boot/loader.conf
[ "$(sysctl -n net.fibs)" -ge 16 ] || sysctl net.fibs=16
# Jail limits (vessel run --memory/--cpus/--pids) are rctl(8) rules, which need RACCT: a loader tunable, read only at
# boot (rctl(8), racct(9)). It is written here; limits work after the VM's next boot (vagrant reload). Until then the
# engine refuses limits with that reason, and the cookbook (which sets none) runs as before.
grep -q '^kern.racct.enable=' /boot/loader.conf 2>/dev/null || echo 'kern.racct.enable="1"' >> /boot/loader.conf

# Sysctls: routers forward in their own vnet; the host forwards only for routed networks; bridged frames pass pf.
sysctl net.link.bridge.pfil_member=1 net.link.bridge.pfil_bridge=0 net.inet.ip.forwarding=1
# The host's pf passes everything except what the labs' anchors say (partitions, routes between networks).
cat > /etc/pf.conf <<'PF'
set skip on lo0
anchor "vessel/*"
pass all
PF
sysrc pf_enable=YES
service pf start || pfctl -f /etc/pf.conf
# The stock devfs rulesets (1-5) the backend's rulesets include.
service devfs restart

cd "$SRC"
npm ci
# Then exactly what the cookbook's recipes need on FreeBSD, from the one table they are checked against
# (src/recipe/needs.ts): a need the FreeBSD twins do not use, or that the base system has, installs nothing.
pkgs=$(node bin/vessel-cookbook doctor --packages=freebsd cookbook/)
# shellcheck disable=SC2086 # one package a word
pkg install -y $pkgs
mkdir -p "$REPORTS"
status=0
# Every recipe, on this backend (namespaces-by-hand.md is about Linux and is reported as skipped).
node bin/vessel-cookbook run --engine=freebsd --reporter pretty --reporter junit --out "$REPORTS" cookbook/ || status=$?
# Whatever happened, leave nothing behind: every lab the state database knows is removed ...
node bin/vessel cleanup || status=1
# ... and nothing of a lab is left in the kernel: no vessel jail (dying ones included: jls -d), no lab interface, no
# lab anchor, no nullfs or devfs mount under the run directory, no route through a lab interface in any FIB (FIBs
# above 0 are the aliased jails'), no devfs ruleset of the backend's (4071-4073), no rctl rule of a lab jail, and
# nothing under /var/run/vessel.
LAB_IF='^(v[0-9]+[a-z]|b[0-9]+-|t[0-9]+-|up[0-9]|up-|eni0$)'
left() { [ -z "$2" ] || { echo "freebsd-provision: left behind after vessel cleanup: $1: $(echo $2)" >&2; status=1; }; }
left jails "$(jls -d name | grep '^vc-' || true)"
left interfaces "$(ifconfig -l | tr ' ' '\n' | grep -E "$LAB_IF" || true)"
left 'pf anchors' "$(pfctl -s Anchors -a vessel 2>/dev/null || true)"
left mounts "$(mount -p | awk '$2 ~ /^\/var\/run\/vessel\// { print $3 " " $2 }')"
fibs=$(sysctl -n net.fibs)
f=0
while [ "$f" -lt "$fibs" ]; do
  left "routes in FIB $f" "$(setfib "$f" netstat -rn -f inet | awk -v f="$f" -v re="$LAB_IF" 'NR > 4 && ($4 ~ re || (f > 0 && $4 != "lo0")) { print $1 "@" $4 }')"
  # IPv6 too (aliased jails' routes on eni0, a lab's link-local and /64 routes): by interface, or in the labs' prefixes.
  left "IPv6 routes in FIB $f" "$(setfib "$f" netstat -rn -f inet6 | awk -v re="$LAB_IF" 'NR > 4 && ($4 ~ re || $1 ~ /^(2001:db8:|fd)/) { print $1 "@" $4 }')"
  f=$((f + 1))
done
for n in 4071 4072 4073; do left "devfs ruleset $n" "$(devfs rule -s "$n" show 2>/dev/null || true)"; done
left 'rctl rules' "$(rctl 2>/dev/null | grep '^jail:vc-' || true)"
left /var/run/vessel "$(ls -A /var/run/vessel 2>/dev/null || true)"
exit "$status"
