#!/bin/bash
# counters.sh DIR: the kernel's own drop counters, both namespaces, into DIR/ (one file each).
set -u
d=$1
mkdir -p "$d"
date -u +%Y-%m-%dT%H:%M:%S.%NZ >"$d/time.txt"
nstat -asz >"$d/nstat-host.txt" 2>&1                     # absolute values, zeros too, no history
ip netns exec peer nstat -asz >"$d/nstat-peer.txt" 2>&1
tc -s qdisc show >"$d/tc-qdisc-host.txt" 2>&1
ip netns exec peer tc -s qdisc show >"$d/tc-qdisc-peer.txt" 2>&1
ip -s link >"$d/ip-link-host.txt" 2>&1
ip netns exec peer ip -s link >"$d/ip-link-peer.txt" 2>&1
cat /proc/net/softnet_stat >"$d/softnet_stat.txt"
ip netns exec peer nft list ruleset >"$d/nft-peer.txt" 2>&1
ip netns exec peer ss -uampn >"$d/ss-udp-peer.txt" 2>&1  # skmem d<N>: the socket's own drop count
