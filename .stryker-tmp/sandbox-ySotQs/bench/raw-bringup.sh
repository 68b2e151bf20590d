#!/usr/bin/env bash
# The raw floor for bench/bringup: the engine's per-jail kernel work as a plain script, no engine.
# Usage: raw-bringup.sh create|create-ip|destroy LAB N
# create-ip: only the ip -batch floor (netns, veth, address, up), without the per-jail extras.
# create: one netns per jail (ip -batch), veth pairs into a bridge (ip -batch in the lab host),
# then per jail, 4 at a time like the engine: UTS + mount namespaces kept by bind mounts, the hostname,
# bind-mounted hosts/resolv.conf/hostname, /sys remounted, addresses and routes (ip -batch), a cgroup.
set -euo pipefail
mode=$1 lab=$2 n=$3
dir=/run/vessel-raw/$lab
cg=$(awk '$9 == "cgroup2" {print $5; exit}' /proc/self/mountinfo)/vessel-raw/$lab
host=vr-$lab-host

# One netns per jail, and a veth from each into the lab host's bridge (both as single ip batches).
namespaces_and_veths() {
  for i in $(seq 1 "$n"); do echo "netns add vr-$lab-j$i"; done | ip -batch -
  for i in $(seq 1 "$n"); do
    echo "link add vh$i type veth peer name eth0 netns vr-$lab-j$i"
    echo "link set dev vh$i addrgenmode none"
    echo "link set vh$i master br0"
    echo "link set vh$i up"
  done | ip -n "$host" -batch -
}

if [ "$mode" = create-ip ]; then
  ip netns add "$host"
  printf 'link set lo up\nlink add br0 type bridge\nlink set dev br0 addrgenmode none\nlink set br0 up\n' | ip -n "$host" -batch -
  namespaces_and_veths
  for i in $(seq 1 "$n"); do
    printf 'link set dev eth0 addrgenmode none\naddr add 10.99.%d.%d/16 dev eth0\nlink set eth0 up\n' $((i / 250)) $((i % 250 + 2)) | ip -n "vr-$lab-j$i" -batch -
  done
elif [ "$mode" = create ]; then
  mkdir -p "$dir/ns" "$dir/j" "$cg"
  mount --bind "$dir/ns" "$dir/ns"
  mount --make-private "$dir/ns"
  ip netns add "$host"
  ip -n "$host" -batch - <<B
link set lo up
link add br0 type bridge
link set dev br0 addrgenmode none
addr add 10.99.255.254/16 dev br0
link set br0 up
B
  namespaces_and_veths
  for i in $(seq 1 "$n"); do
    d=$dir/j/j$i
    mkdir -p "$d" "$cg/j$i"
    : > "$dir/ns/j$i.uts"; : > "$dir/ns/j$i.mnt"
    printf '127.0.0.1\tlocalhost\n' > "$d/hosts"; printf 'nameserver 10.99.0.1\n' > "$d/resolv.conf"; echo "j$i" > "$d/hostname"
    printf 'link set lo up\nlink set dev eth0 addrgenmode none\naddr add 10.99.%d.%d/16 dev eth0\nlink set eth0 up\nroute add default via 10.99.0.1 dev eth0 onlink\n' $((i / 250)) $((i % 250 + 2)) > "$d/setup.ip"
  done
  seq 1 "$n" | xargs -P 4 -I{} nsenter --net=/run/netns/vr-"$lab"-j{} -- unshare --uts="$dir/ns/j{}.uts" --mount="$dir/ns/j{}.mnt" --propagation slave -- \
    sh -c 'echo "$1" > /proc/sys/kernel/hostname && mount --bind "$2/hosts" /etc/hosts && mount --bind "$2/resolv.conf" /etc/resolv.conf && mount --bind "$2/hostname" /etc/hostname && mount -t sysfs sysfs /sys && exec ip -batch "$2/setup.ip"' raw j{} "$dir/j/j{}"
else
  [ -d "$dir" ] || mkdir -p "$dir/ns"
  { grep -o "$dir/ns/[^ ]*" /proc/self/mountinfo || true; } | sort -u | xargs -r umount -l
  { for i in $(seq 1 "$n"); do echo "netns del vr-$lab-j$i"; done; echo "netns del $host"; } | ip -force -batch -
  umount -l "$dir/ns" 2>/dev/null || true
  rm -rf "$dir"
  for i in $(seq 1 "$n"); do [ ! -d "$cg/j$i" ] || rmdir "$cg/j$i"; done
  rmdir "$cg" "$(dirname "$cg")" 2>/dev/null || true
fi
