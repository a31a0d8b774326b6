#!/bin/bash
# lab/run.sh [NAME]: builds pdrop's jar from this checkout, boots the lab guest (lab/build-guest.sh
# must have run), records with `pdrop record` inside it (lab/guest/init.sh) and leaves everything in
# lab/out/NAME/ (default NAME: lab-YYYYmmdd-HHMMSS, UTC):
#   drops/        the drop trace, with kallsyms, format files, pdrop-record.json and counters/
#   all/          a 3 s trace of every kernel tracepoint
#   system-info/  uname, versions, addresses, lsmod, dmesg, exit statuses
#   guest.log, serial.log, timings.txt
# Environment: LAB_MEM (MiB, default 4096), LAB_TIMEOUT (seconds for the guest, default 1800),
# LAB_SKIP_BUILD=1 (use target/pdrop.jar as it is).
set -euo pipefail

LAB=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$LAB/.." && pwd)
WORK=$LAB/work
NAME=${1:-lab-$(date -u +%Y%m%d-%H%M%S)}
OUT=$LAB/out/$NAME
MEM=${LAB_MEM:-4096}
TIMEOUT=${LAB_TIMEOUT:-1800}

die() { echo "run: $*" >&2; exit 1; }
for f in vmlinuz initrd.img rootfs.img; do
    [ -e "$WORK/$f" ] || die "no guest: $WORK/$f is missing; run lab/build-guest.sh first"
done
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not found: apt-get install qemu-system-x86"
[ ! -e "$OUT" ] || die "$OUT exists already: give another name"
mkdir -p "$OUT"

now() { date +%s; }
fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
timing() { printf '%-24s %s\n' "$1" "$2" | tee -a "$OUT/timings.txt"; }
total_start=$(now)

# 1. pdrop's jar, from this checkout.
t=$(now)
if [ "${LAB_SKIP_BUILD:-}" != 1 ]; then
    (cd "$REPO" && mvn -q -DskipTests package)
fi
[ -f "$REPO/target/pdrop.jar" ] || die "no $REPO/target/pdrop.jar after the build"
timing "build pdrop.jar" "$(fmt $(($(now) - t)))"
git -C "$REPO" describe --always --dirty >"$OUT/pdrop-commit.txt" 2>/dev/null || true

# 2. The 9p share: the jar and the guest's scripts go in, the results come out.
cp "$REPO/target/pdrop.jar" "$OUT/pdrop.jar"
mkdir -p "$OUT/guest"
cp "$LAB/guest/init.sh" "$LAB/guest/netns-setup.sh" "$LAB/guest/workload.sh" "$LAB/guest/counters.sh" "$OUT/guest/"
cp "$OUT/guest/init.sh" "$OUT/init.sh"
date +%s >"$OUT/host-time"

# 3. Boot. Software emulation (TCG): these machines have no usable KVM. The disk is a snapshot,
# so the image stays as built.
t=$(now)
echo "run: booting the guest (TCG, 2 vCPUs, ${MEM} MiB); console in $OUT/serial.log"
set +e
timeout --foreground "$TIMEOUT" qemu-system-x86_64 \
    -accel tcg -cpu max -smp 2 -m "$MEM" \
    -display none -no-reboot -nic none -monitor none \
    -serial "file:$OUT/serial.log" \
    -kernel "$WORK/vmlinuz" -initrd "$WORK/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0 init=/sbin/lab-init panic=-1 quiet" \
    -drive "file=$WORK/rootfs.img,if=virtio,format=raw,snapshot=on" \
    -virtfs "local,path=$OUT,mount_tag=out,security_model=none,id=out"
qemu_rc=$?
set -e
timing "guest (boot to poweroff)" "$(fmt $(($(now) - t)))"
[ $qemu_rc = 124 ] && echo "run: the guest did not power off within ${TIMEOUT}s: killed" >&2
[ $qemu_rc = 0 ] || echo "run: qemu exit status $qemu_rc" >&2

# 4. Tidy the share: keep the results only.
rm -f "$OUT/pdrop.jar" "$OUT/init.sh" "$OUT/host-time"
rm -rf "$OUT/guest"

grep '^lab: ' "$OUT/guest.log" 2>/dev/null | sed 's/^/  /' || true
status=0
for r in drops all; do
    f=$OUT/system-info/record-$r-exit-status.txt
    if [ ! -s "$f" ]; then
        echo "run: pdrop record ($r) did not run to the end: see $OUT/guest.log, $OUT/serial.log" >&2
        status=1
    elif [ "$(cat "$f")" != 0 ]; then
        echo "run: pdrop record ($r) exit status $(cat "$f"): see $OUT/guest.log" >&2
        status=1
    fi
done
[ -d "$OUT/drops/kernel" ] || { echo "run: no drop trace in $OUT/drops" >&2; status=1; }
timing "total" "$(fmt $(($(now) - total_start)))"
if [ -d "$OUT/drops" ]; then
    du -sh "$OUT/drops" "$OUT/all" 2>/dev/null || true
    echo "run: analyse with: java -jar target/pdrop.jar --summary $OUT/drops"
fi
exit $status
