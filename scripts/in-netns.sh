#!/usr/bin/env bash
# Runs a command in a private network namespace: its own loopback and a veth pair that leads nowhere.
#
# Why: the health scenarios of the end-to-end matrix drop packets with iptables (this kernel has no
# `netem` qdisc and no tc actions; legacy iptables with `statistic` and `u32` works). Rules inside
# a namespace of our own can never touch the host's firewall, and two checkouts running the matrix
# at once each get their own 127.0.0.1 (no port clashes). With no interface but `lo`, nothing in
# the matrix can reach anything but 127.0.0.1 either.
#
# As root (CI): `ip netns add` a uniquely named namespace, `ip netns exec` the command, delete the
# namespace on exit (also on failure or Ctrl-C). Not root: `unshare -rn` (a user namespace with
# its own network) if the kernel allows unprivileged user namespaces; otherwise it stops and says
# why, rather than running the matrix on the host's network.
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 command [args…]" >&2; exit 2; fi
IPT=$(command -v iptables-legacy || true)
if [ -z "$IPT" ]; then
  echo "in-netns: iptables-legacy not found; run 'bash scripts/ensure-system-deps.sh' (Debian package iptables)" >&2
  exit 1
fi
export RLC_E2E_IPTABLES="$IPT"

# Firefox gathers no ICE candidate when the namespace has nothing but `lo` ("ICE failed", every
# Firefox call stuck in connecting); a veth pair with both ends inside the namespace gives it an
# interface and a default route that lead nowhere but back into the namespace (no forwarding), so
# nothing still leaves it. Chromium needs none of it; it is the same for both engines.
add_veth() {
  local ns_args=()
  if [ -n "${1:-}" ]; then ns_args=(-n "$1"); fi
  ip "${ns_args[@]}" link add rlc0 type veth peer name rlc1
  ip "${ns_args[@]}" addr add 10.213.0.1/30 dev rlc0
  ip "${ns_args[@]}" addr add 10.213.0.2/30 dev rlc1
  ip "${ns_args[@]}" link set rlc0 up
  ip "${ns_args[@]}" link set rlc1 up
  ip "${ns_args[@]}" route add default via 10.213.0.2 dev rlc0
}
export -f add_veth
# What e2e/harness/packet-filter.ts accepts besides `lo` as "inside the namespace".
export RLC_E2E_VETH="rlc0,rlc1"

if [ "$(id -u)" -eq 0 ]; then
  NS="rlc-e2e-$$-$RANDOM"
  cleanup() { ip netns delete "$NS" 2>/dev/null || true; }
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  ip netns add "$NS"
  ip -n "$NS" link set lo up
  add_veth "$NS"
  echo "in-netns: running in network namespace $NS (loopback, and a veth pair whose both ends are inside it)" >&2
  # Not `exec`: the trap must outlive the command to delete the namespace.
  RLC_E2E_NETNS="$NS" ip netns exec "$NS" "$@"
  exit $?
fi

if unshare -rn true 2>/dev/null; then
  echo "in-netns: not root; running in an unprivileged user + network namespace (unshare -rn)" >&2
  # The namespace goes away with its last process; nothing to delete.
  exec unshare -rn env RLC_E2E_NETNS="unshare-$$" bash -c 'ip link set lo up && add_veth && exec "$@"' in-netns "$@"
fi

cat >&2 <<MSG
in-netns: the end-to-end matrix runs in a private network namespace, so that its packet-loss
faults (iptables rules) never touch this machine's firewall. That needs root (ip netns) or
unprivileged user namespaces (unshare -rn), and this user has neither. Run it as root (CI does),
or with sudo.
MSG
exit 1
