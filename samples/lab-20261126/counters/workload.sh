#!/bin/bash
# workload.sh DIR: the traffic with deliberate drops, run as pdrop record's COMMAND in the guest's
# root namespace (see netns-setup.sh for the links). The kernel's counters are taken into
# DIR/before/ and DIR/after/ while the trace is being recorded, so the trace covers both snapshots;
# DIR/phases.txt has each phase's UTC start and end (for pdrop --begin/--end).
#
# Phases, one after the other (expected drop reason, where the kernel counts it):
#   netem    link A: 100 pings and 40 UDP datagrams of 8000 bytes (6 IP fragments each) through
#            pdrop's netem loss on veth0 -> QDISC_DROP (netem qdisc "dropped"); datagrams missing a
#            fragment expire in the peer's reassembly queue (IpReasmFails, IpReasmTimeout)
#   qdisc    link B: ping flood (preload 16, 1200 bytes) into the tbf + pfifo limit 2 -> QDISC_DROP
#            (pfifo "dropped")
#   netfilter link C: 30 UDP datagrams to 10.0.2.2:7778 and TCP SYNs to 10.0.2.2:7777, dropped by
#            the peer's nftables rules -> NETFILTER_DROP (rule counters)
#   closed   40 UDP datagrams to 10.0.2.2:9999 and 10 to 127.0.0.1:9999 (UdpNoPorts, per namespace),
#            10 TCP connection attempts to 10.0.2.2:9998 (RST: TcpOutRsts) -> NO_SOCKET
#   rcvbuf   100 UDP datagrams of 500 bytes to a SIGSTOPped receiver with a 2 KiB receive buffer
#            -> SOCKET_RCVBUFF (UdpRcvbufErrors)
set -u
D=$1
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$D"
: >"$D/phases.txt"

ts() { date -u +%Y-%m-%dT%H:%M:%S.%NZ; }
phase() { # phase NAME FUNCTION
    local b
    b=$(ts)
    echo "workload: phase $1"
    "$2"
    echo "$1 $b $(ts)" >>"$D/phases.txt"
}
peer() { ip netns exec peer "$@"; }
# udp_send ADDR PORT SIZE COUNT: COUNT datagrams of SIZE bytes from an unconnected socket
# (sendto: ICMP port-unreachable replies do not make later sends fail).
udp_send() { socat -u -b "$3" "OPEN:/dev/zero,readbytes=$(($3 * $4))" "UDP-SENDTO:$1:$2"; }

netem() {
    ping -q -c 100 -i 0.01 10.0.0.2 | tail -n 2
    local i
    for i in 1 2 3 4; do
        udp_send 10.0.0.2 5001 8000 10
        sleep 0.3
    done
    sleep 3.5 # the peer's ipfrag_time is 2 s: incomplete datagrams expire now
}
qdisc() {
    ping -q -f -l 16 -c 200 -s 1200 -w 20 10.0.1.2 | tail -n 2
    sleep 0.5
}
netfilter() {
    udp_send 10.0.2.2 7778 200 30
    nc -z -w 2 10.0.2.2 7777 || true
    sleep 0.5
}
closed() {
    udp_send 10.0.2.2 9999 64 40
    udp_send 127.0.0.1 9999 64 10
    local i
    for i in $(seq 10); do nc -z -w 1 10.0.2.2 9998 2>/dev/null || true; done
    sleep 0.5
}
rcvbuf() {
    udp_send 10.0.2.2 7000 500 100
    sleep 0.5
}

# Receivers in the peer: a sink for the large datagrams, and the receiver that will not read
# (started directly: "ip netns exec" execs socat, so $! is the pid to stop and kill).
ip netns exec peer socat -u UDP-RECV:5001,rcvbuf=4194304 /dev/null &
sink=$!
ip netns exec peer socat -u UDP-RECV:7000,rcvbuf=2048 /dev/null &
stopped=$!
sleep 1
kill -STOP "$stopped"

"$HERE/counters.sh" "$D/before"
phase netem netem
phase qdisc qdisc
phase netfilter netfilter
phase closed closed
phase rcvbuf rcvbuf
peer ss -uampn >"$D/ss-udp-peer-stopped.txt" 2>&1
# Let the stopped receiver read what it holds (no purge on close), then end both receivers.
kill -CONT "$stopped"
sleep 0.5
kill "$stopped" "$sink" 2>/dev/null
wait 2>/dev/null
sleep 0.5
"$HERE/counters.sh" "$D/after"
echo "workload: done"
