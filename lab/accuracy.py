#!/usr/bin/env python3
"""lab/accuracy.py TRACE_DIR [JAR]: pdrop's counts on a lab drop trace set against the kernel's own counters.

TRACE_DIR is a drop trace recorded by lab/run.sh (lab/out/NAME/drops, or its copy in samples/), with the
counters that lab/guest/workload.sh took before and after the traffic in TRACE_DIR/counters/. JAR defaults
to target/pdrop.jar. Prints Markdown: one row per drop mechanism of the workload (the kernel counter's
change, pdrop's count, the difference), then every pdrop location with its reason, so that each drop in
the trace is accounted for. Python 3 standard library only.
"""
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TRACE = sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
JAR = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "target", "pdrop.jar")
C = os.path.join(TRACE, "counters")
# lab/guest/workload.sh sends 8000-byte UDP datagrams over a 1500-byte MTU: 8008 bytes of IP payload
# in fragments of at most 1480 bytes.
FRAGMENTS_PER_DATAGRAM = math.ceil((8000 + 8) / 1480)


def read(*parts):
    with open(os.path.join(C, *parts)) as f:
        return f.read()


def nstat(when, ns):
    values = {}
    for line in read(when, f"nstat-{ns}.txt").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1].isdigit():
            values[fields[0]] = int(fields[1])
    return values


def nstat_delta(name, ns):
    return nstat("after", ns).get(name, 0) - nstat("before", ns).get(name, 0)


def qdisc_dropped(when, ns, kind, dev):
    """The 'dropped' count of the KIND qdisc on DEV in `tc -s qdisc show`, 0 when it is not there."""
    text = read(when, f"tc-qdisc-{ns}.txt")
    m = re.search(rf"^qdisc {kind} \S+ dev {dev} .*?\n Sent \d+ bytes \d+ pkt \(dropped (\d+),", text, re.M)
    return int(m.group(1)) if m else 0


def nft_packets(when, port):
    m = re.search(rf"dport {port} counter packets (\d+)", read(when, "nft-peer.txt"))
    return int(m.group(1)) if m else 0


def phases():
    result = {}
    for line in read("phases.txt").splitlines():
        name, begin, end = line.split()
        result[name] = (begin, end)
    return result


def pdrop(*args):
    out = subprocess.run(["java", "-jar", JAR, "--summary", "--top", "0", "--format", "json", *args, TRACE],
                         check=True, capture_output=True, text=True).stdout
    return next(r for r in map(json.loads, out.splitlines()) if r["type"] == "summary")


def rows(summary, table):
    return summary[table]["rows"]


whole = pdrop()
by_reason = {r["reason"]["name"]: r["count"] for r in rows(whole, "reasons")}
by_symbol = {}
for r in rows(whole, "locations"):
    by_symbol[r["symbol"]] = by_symbol.get(r["symbol"], 0) + r["count"]
ph = phases()
qdisc_in = {name: pdrop("--reason", "QDISC_DROP", "--begin", ph[name][0], "--end", ph[name][1])["drops"]
            for name in ("netem", "qdisc")}

netem = qdisc_dropped("after", "host", "netem", "veth0") - qdisc_dropped("before", "host", "netem", "veth0")
pfifo = qdisc_dropped("after", "host", "pfifo", "veth2") - qdisc_dropped("before", "host", "pfifo", "veth2")
nft = sum(nft_packets("after", p) - nft_packets("before", p) for p in (7777, 7778))
reasm_fails = nstat_delta("IpReasmFails", "peer")
reasm_oks = nstat_delta("IpReasmOKs", "peer")
reasm_reqds = nstat_delta("IpReasmReqds", "peer")
expired_fragments = reasm_reqds - FRAGMENTS_PER_DATAGRAM * reasm_oks

table = [
    # what, kernel counter, kernel value, pdrop selection, pdrop value
    ("netem loss on veth0 (pdrop's `--netem-loss 10%`)", "`tc -s qdisc` netem on veth0: dropped", netem,
     "QDISC_DROP during the netem phase", qdisc_in["netem"]),
    ("pfifo limit 2 under tbf on veth2, ping flood", "`tc -s qdisc` pfifo on veth2: dropped", pfifo,
     "QDISC_DROP during the qdisc phase", qdisc_in["qdisc"]),
    ("all queue-discipline drops", "netem + pfifo dropped", netem + pfifo,
     "QDISC_DROP (`kfree_skb_list_reason`)", by_reason.get("QDISC_DROP", 0)),
    ("nftables drop rules in the peer (TCP 7777, UDP 7778)", "nft rule counters: packets", nft,
     "NETFILTER_DROP (`nft_do_chain`)", by_reason.get("NETFILTER_DROP", 0)),
    ("UDP to closed ports (peer and 127.0.0.1)", "`UdpNoPorts`, host + peer",
     nstat_delta("UdpNoPorts", "host") + nstat_delta("UdpNoPorts", "peer"),
     "NO_SOCKET at `__udp4_lib_rcv`", by_symbol.get("__udp4_lib_rcv", 0)),
    ("TCP SYNs to a closed port in the peer", "`TcpOutRsts`, peer", nstat_delta("TcpOutRsts", "peer"),
     "NO_SOCKET at `tcp_v4_rcv`", by_symbol.get("tcp_v4_rcv", 0)),
    ("ICMP echo replies to ping (not lost: see below)", "`IcmpInEchoReps`, host", nstat_delta("IcmpInEchoReps", "host"),
     "NO_SOCKET at `icmp_rcv`", by_symbol.get("icmp_rcv", 0)),
    ("UDP to the SIGSTOPped receiver (2 KiB rcvbuf)", "`UdpRcvbufErrors`, peer", nstat_delta("UdpRcvbufErrors", "peer"),
     "SOCKET_RCVBUFF (`udp_queue_rcv_one_skb`)", by_reason.get("SOCKET_RCVBUFF", 0)),
    ("incomplete datagrams expired in reassembly", "`IpReasmFails`, peer (datagrams)", reasm_fails,
     "at `ip_expire` (one per datagram whose first fragment came)", by_symbol.get("ip_expire", 0)),
    ("fragments of those datagrams",
     f"`IpReasmReqds` − {FRAGMENTS_PER_DATAGRAM} × `IpReasmOKs`, peer (fragments)", expired_fragments,
     "at `ip_expire` + `inet_frag_rbtree_purge`", by_symbol.get("ip_expire", 0) + by_symbol.get("inet_frag_rbtree_purge", 0)),
    ("fragments of reassembled datagrams, freed after delivery",
     f"{FRAGMENTS_PER_DATAGRAM - 1} × `IpReasmOKs`, peer", (FRAGMENTS_PER_DATAGRAM - 1) * reasm_oks,
     "NOT_SPECIFIED at `skb_release_data`", by_symbol.get("skb_release_data", 0)),
    ("failed reassembly at `ip_defrag` itself (no queue memory, overlaps)", "`IpReasmFails` − `IpReasmTimeout`, peer",
     reasm_fails - nstat_delta("IpReasmTimeout", "peer"), "at `ip_defrag`", by_symbol.get("ip_defrag", 0)),
    ("backlog (softnet) drops", "`/proc/net/softnet_stat` column 2, all CPUs",
     sum(int(l.split()[1], 16) for l in read("after", "softnet_stat.txt").splitlines())
     - sum(int(l.split()[1], 16) for l in read("before", "softnet_stat.txt").splitlines()),
     "at `enqueue_to_backlog`", by_symbol.get("enqueue_to_backlog", 0)),
]

print(f"Trace `{TRACE}`: {whole['events']} events, {whole['drops']} drops, {whole['frees']} normal frees, "
      f"{whole['discarded_events']} events discarded by the tracer.\n")
print("| drops by | kernel counter | kernel | pdrop counts | pdrop | difference |")
print("|---|---|---:|---|---:|---:|")
for what, counter, kernel, selection, mine in table:
    print(f"| {what} | {counter} | {kernel} | {selection} | {mine} | {mine - kernel:+d} |")

print("\nEvery drop location pdrop reports:\n")
print("| location | reason(s) | drops |")
print("|---|---|---:|")
for r in rows(whole, "locations"):
    loc = f"{r['symbol']}+{r['offset']}" if r["symbol"] else r["location"]
    if r.get("module"):
        loc += f" [{r['module']}]"
    reasons = pdrop("--symbol", r["symbol"])["reasons"]["rows"] if r["symbol"] else []
    names = ", ".join(f"{x['reason']['name']} {x['count']}" for x in reasons)
    print(f"| `{loc}` | {names} | {r['count']} |")
print(f"| total | | {whole['drops']} |")
