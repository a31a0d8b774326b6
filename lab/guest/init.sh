#!/bin/bash
# The lab guest's work, run as init (PID 1) by /sbin/lab-init from the 9p share /out that lab/run.sh
# prepared (pdrop.jar and lab/guest/*). Records, as root:
#   drops/  pdrop record --netem-loss 10% --dev veth0 -- workload.sh   (deliberate drops; the
#           kernel's counters before and after in drops/counters/)
#   all/    pdrop record --events all --duration 3s                     (every kernel tracepoint)
# then copies everything to /out and powers off, whatever happened.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH LC_ALL=C.UTF-8 HOME=/root TERM=dumb
G=/out/guest
exec > >(tee -a /out/guest.log >/dev/console) 2>&1

finish() {
    echo "lab: finished at $(date -u +%H:%M:%S); powering off"
    sync
    umount /out 2>/dev/null
    # minbase has no poweroff (no systemd-sysv): the kernel's own power-off, which ends QEMU.
    echo 1 >/proc/sys/kernel/sysrq
    echo o >/proc/sysrq-trigger
    sleep 30
}
trap finish EXIT
ts() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(ts)" 'BEGIN { printf "%.1f s", b - a }'; }

# The guest has no RTC worth trusting for names; lab/run.sh passes the host's time.
if [ -r /out/host-time ]; then date -u -s "@$(cat /out/host-time)" >/dev/null; fi
boot_done=$(ts)
echo "lab: guest up at $(date -u +%H:%M:%S), kernel $(uname -r), $(nproc) CPUs, uptime $(cut -d' ' -f1 /proc/uptime) s"
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null
mount -t debugfs nodev /sys/kernel/debug 2>/dev/null
hostname lab

SYS=/out/system-info
mkdir -p "$SYS"
uname -a >"$SYS/uname.txt"
lttng --version >"$SYS/lttng-version.txt" 2>&1
java -version >"$SYS/java-version.txt" 2>&1
dpkg-query -W -f '${Package} ${Version}\n' "linux-image-$(uname -r)" lttng-tools lttng-modules-dkms \
    iproute2 nftables openjdk-17-jre-headless >"$SYS/packages.txt" 2>&1
cat /proc/cmdline >"$SYS/cmdline.txt"

t=$(ts)
bash "$G/netns-setup.sh" || { echo "lab: network set-up failed"; exit 1; }
echo "lab: network set-up $(took "$t")"
ip -br addr >"$SYS/ip-addr-host.txt"
ip netns exec peer ip -br addr >"$SYS/ip-addr-peer.txt"

# A JVM under software emulation: the smallest JIT and GC are the fastest to start.
JAVA=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
PDROP=("${JAVA[@]}" -jar /out/pdrop.jar)
T=/tmp/traces
mkdir -p "$T"

echo "lab: pdrop record (drops, netem loss on veth0)"
t=$(ts)
"${PDROP[@]}" record -o "$T/drops" --context procname,tid,pid --netem-loss 10% --dev veth0 \
    -- bash "$G/workload.sh" "$T/counters"
rc=$?
echo "lab: pdrop record (drops) exit status $rc, $(took "$t")"
echo "$rc" >"$SYS/record-drops-exit-status.txt"
# The workload's own scripts go with its counters: they say exactly what traffic ran.
cp "$G/netns-setup.sh" "$G/workload.sh" "$G/counters.sh" "$T/counters/"
if [ -d "$T/drops" ]; then
    mv "$T/counters" "$T/drops/counters"
else
    mv "$T/counters" "$T/counters-without-trace"
fi
tc -s qdisc show dev veth0 >"$SYS/tc-qdisc-veth0-after-record.txt" 2>&1 # pdrop's netem must be gone

echo "lab: pdrop record (all events, 3 s)"
# Background traffic with a few drops: pings, UDP to a closed port.
(while :; do ping -q -c 20 -i 0.05 10.0.2.2 >/dev/null; done) &
bg1=$!
(while :; do socat -u -b 64 OPEN:/dev/zero,readbytes=640 UDP-SENDTO:10.0.2.2:9999; sleep 0.2; done) &
bg2=$!
t=$(ts)
"${PDROP[@]}" record -o "$T/all" --events all --duration 3s
rc=$?
kill "$bg1" "$bg2" 2>/dev/null
wait "$bg1" "$bg2" 2>/dev/null
echo "lab: pdrop record (all) exit status $rc, $(took "$t")"
echo "$rc" >"$SYS/record-all-exit-status.txt"

lsmod >"$SYS/lsmod.txt"
dmesg >"$SYS/dmesg.txt"
t=$(ts)
cp -a "$T"/. /out/
echo "lab: copied the traces to /out, $(took "$t")"
echo "lab: work in the guest $(took "$boot_done")"
