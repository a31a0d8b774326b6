#!/bin/bash
# Network set-up of the lab guest (run by init.sh, as root, in the guest's root namespace).
#
#   root namespace ("host")              namespace "peer"
#   veth0 10.0.0.1/24  ---- link A ----  veth1 10.0.0.2/24   pdrop record --netem-loss 10% --dev veth0;
#                                                             the peer's veth1 gets netem delay 1ms
#   veth2 10.0.1.1/24  ---- link B ----  veth3 10.0.1.2/24   tbf 1mbit with a pfifo limit 2 child on veth2
#   veth4 10.0.2.1/24  ---- link C ----  veth5 10.0.2.2/24   clean; the peer's nftables rules drop
#                                                             TCP 7777 and UDP 7778 (with counters)
# The peer reassembles IP fragments with ipfrag_time 2 s, so incomplete datagrams expire while
# the trace is recorded.
set -euo pipefail

# No IPv6: its router solicitations, DAD and MLD reports would only add noise to the trace.
ipv6_off() { "$@" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; }
ip link set lo up
ipv6_off
ip netns add peer
ip -n peer link set lo up
ipv6_off ip netns exec peer

link() { # link ROOT_DEV PEER_DEV SUBNET
    ip link add "$1" type veth peer name "$2"
    ip link set "$2" netns peer
    ip addr add "$3.1/24" dev "$1"
    ip -n peer addr add "$3.2/24" dev "$2"
    # Neighbour entries stay valid for 5 to 15 minutes: no ARP while recording.
    sysctl -q -w "net.ipv4.neigh.$1.base_reachable_time_ms=600000"
    ip netns exec peer sysctl -q -w "net.ipv4.neigh.$2.base_reachable_time_ms=600000"
    ip link set "$1" up
    ip -n peer link set "$2" up
}
link veth0 veth1 10.0.0
link veth2 veth3 10.0.1
link veth4 veth5 10.0.2

# Link A, reply direction: a delay (the loss on veth0 is pdrop record's own --netem-loss).
ip netns exec peer tc qdisc add dev veth1 root netem delay 1ms
# Link B: a 1 Mbit/s token bucket whose child is a tiny FIFO: a ping flood overflows it.
tc qdisc add dev veth2 root handle 1: tbf rate 1mbit burst 1600 latency 200ms
tc qdisc add dev veth2 parent 1:1 handle 10: pfifo limit 2
# Link C: an nftables drop rule in the peer, with counters.
ip netns exec peer nft -f - <<'EOF'
table inet lab {
    chain input {
        type filter hook input priority filter; policy accept;
        tcp dport 7777 counter drop
        udp dport 7778 counter drop
    }
}
EOF
# Fragments of incomplete datagrams expire after 2 s instead of 30 s.
ip netns exec peer sysctl -q -w net.ipv4.ipfrag_time=2
# The UDP sink for the large datagrams must not overflow: a large receive buffer is allowed.
sysctl -q -w net.core.rmem_max=8388608

# Resolve the neighbours now, so no packet waits for ARP during the recording.
for a in 10.0.0.2 10.0.1.2 10.0.2.2; do ping -q -c 1 -W 2 "$a" >/dev/null || true; done
for a in 10.0.0.1 10.0.1.1 10.0.2.1; do ip netns exec peer ping -q -c 1 -W 2 "$a" >/dev/null || true; done
