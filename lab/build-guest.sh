#!/bin/bash
# Builds the lab guest from Debian packages only, into lab/work/:
#   rootfs/      debootstrap'ed bookworm (minbase) + kernel, headers, lttng-tools,
#                lttng-modules (DKMS, patched), network tools, a JRE
#   vmlinuz, initrd.img, rootfs.img   what lab/run.sh boots
# Idempotent: every finished step leaves a stamp in lab/work/stamps/ and is skipped next time;
# redoing a step (delete its stamp, or LAB_REDO=step) redoes all the steps after it.
# Each step's output goes to lab/work/logs/STEP.log; the console gets one line per step with its time.
#
# Environment: LAB_MIRROR (default http://deb.debian.org/debian), LAB_SECURITY_MIRROR
# (default http://deb.debian.org/debian-security), LAB_REDO=STEP (redo STEP and everything after).
set -euo pipefail

LAB=$(cd "$(dirname "$0")" && pwd)
WORK=$LAB/work
ROOTFS=$WORK/rootfs
STAMPS=$WORK/stamps
LOGS=$WORK/logs
MIRROR=${LAB_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${LAB_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
SUITE=bookworm
LTTNG_MODULES_VERSION=2.13.9
PATCH=$LAB/patches/lttng-modules-2.13.9-hrtimer_start-was_armed.patch
STEPS=(host-tools debootstrap kernel packages lttng-modules initramfs guest-config image)

die() { echo "build-guest: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot, mounts); try: sudo $0"
mkdir -p "$WORK" "$STAMPS" "$LOGS"

# ---------------------------------------------------------------- chroot mounts
chroot_mount() {
    local t
    for t in proc sys dev dev/pts; do
        mountpoint -q "$ROOTFS/$t" && continue
        mkdir -p "$ROOTFS/$t"
        case $t in
            proc) mount -t proc proc "$ROOTFS/proc" ;;
            sys) mount -t sysfs sysfs "$ROOTFS/sys" ;;
            dev) mount --bind /dev "$ROOTFS/dev" ;;
            dev/pts) mount -t devpts -o newinstance,ptmxmode=0666 devpts "$ROOTFS/dev/pts" ;;
        esac
    done
}
# Unmounts everything below the root filesystem, deepest first.
chroot_umount() {
    local m
    awk -v r="$ROOTFS/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
}
trap chroot_umount EXIT
# Refuses to go on while anything is mounted below the root filesystem (before deleting or packing it).
assert_nothing_mounted() {
    if awk -v r="$ROOTFS/" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
        die "something is still mounted below $ROOTFS (see /proc/mounts); unmount it first"
    fi
}
in_chroot() {
    chroot "$ROOTFS" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"
}
apt_install() { in_chroot apt-get install -y -q --no-install-recommends "$@"; }
kernel_version() {
    # The version of the kernel image package installed in the root filesystem.
    local v
    v=$(ls "$ROOTFS"/boot/vmlinuz-* 2>/dev/null | sed 's#.*/vmlinuz-##' | sort -V | tail -n 1)
    [ -n "$v" ] || die "no kernel installed in $ROOTFS/boot"
    echo "$v"
}
pkg_status() { in_chroot dpkg-query -W -f '${db:Status-Status}' "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- steps
step_host-tools() {
    local missing=()
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
    command -v mkfs.ext4 >/dev/null || missing+=(e2fsprogs)
    command -v mvn >/dev/null || missing+=(maven)
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    fi
    # mkfs.ext4 -d (pack a directory without a loop mount) needs e2fsprogs >= 1.43.
    mkfs.ext4 -V 2>&1 | head -n 1
    qemu-system-x86_64 --version | head -n 1
    debootstrap --version
}

step_debootstrap() {
    chroot_umount
    assert_nothing_mounted
    rm -rf "$ROOTFS"
    debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR"
}

step_kernel() {
    cat >"$ROOTFS/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
EOF
    # No service may start inside the chroot.
    printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d"
    chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"
    chroot_mount
    in_chroot apt-get update -q
    apt_install linux-image-amd64 linux-headers-amd64 initramfs-tools kmod
    echo "kernel: $(kernel_version)"
}

step_packages() {
    chroot_mount
    # --no-install-recommends: lttng-tools recommends lttng-modules-dkms, which must be patched before
    # DKMS builds it (next step).
    apt_install dkms build-essential patch lttng-tools iproute2 iputils-ping socat netcat-openbsd \
        procps nftables openjdk-17-jre-headless util-linux
    in_chroot java -version
}

step_lttng-modules() {
    chroot_mount
    local kver src status
    kver=$(kernel_version)
    src=$ROOTFS/usr/src/lttng-modules-$LTTNG_MODULES_VERSION
    status=$(pkg_status lttng-modules-dkms)
    echo "lttng-modules-dkms status before: ${status:-not-installed}"
    if [ "$status" != installed ]; then
        if [ ! -d "$src" ]; then
            rm -rf "$ROOTFS/tmp/lttng-modules-dkms"
            mkdir -p "$ROOTFS/tmp/lttng-modules-dkms"
            in_chroot sh -c 'cd /tmp/lttng-modules-dkms && apt-get download lttng-modules-dkms'
            in_chroot sh -c 'dpkg --unpack /tmp/lttng-modules-dkms/lttng-modules-dkms_*.deb'
        fi
        # Debian's 6.1.192 kernel's hrtimer_start tracepoint has a third argument (bool was_armed);
        # LTTng 2.13.9 declares the old prototype and fails to build without this patch.
        if ! grep -q was_armed "$src/include/instrumentation/events/timer.h"; then
            patch -d "$src" -p1 <"$PATCH"
        fi
        in_chroot dpkg --configure -a
    fi
    # Debian's DKMS hook may only have built for the running (host) kernel: build for the guest's.
    if ! ls "$ROOTFS/lib/modules/$kver/updates/dkms/"lttng-tracer.ko* >/dev/null 2>&1; then
        in_chroot dkms install -m lttng-modules -v "$LTTNG_MODULES_VERSION" -k "$kver"
    fi
    in_chroot dkms status
    status=$(pkg_status lttng-modules-dkms)
    [ "$status" = installed ] || die "lttng-modules-dkms is '$status', not installed"
    ls "$ROOTFS/lib/modules/$kver/updates/dkms/"lttng-tracer.ko* >/dev/null 2>&1 \
        || die "no lttng-tracer module built for $kver (see $LOGS/lttng-modules.log)"
    in_chroot depmod -a "$kver"
}

step_initramfs() {
    chroot_mount
    local kver m
    kver=$(kernel_version)
    for m in virtio_pci virtio_blk virtio_net virtio_console ext4 9p 9pnet_virtio; do
        grep -qx "$m" "$ROOTFS/etc/initramfs-tools/modules" || echo "$m" >>"$ROOTFS/etc/initramfs-tools/modules"
    done
    in_chroot update-initramfs -u -k "$kver"
    cp "$ROOTFS/boot/vmlinuz-$kver" "$WORK/vmlinuz"
    cp "$ROOTFS/boot/initrd.img-$kver" "$WORK/initrd.img"
    echo "$kver" >"$WORK/kernel-version"
}

step_guest-config() {
    # /sbin/lab-init is the guest's init: it mounts the 9p share and runs the init.sh that
    # lab/run.sh put there (lab/guest/init.sh), so changing that script needs no new image.
    install -m 755 "$LAB/guest/lab-init" "$ROOTFS/sbin/lab-init"
    echo lab >"$ROOTFS/etc/hostname"
    printf '127.0.0.1 localhost\n127.0.1.1 lab\n' >"$ROOTFS/etc/hosts"
    : >"$ROOTFS/etc/fstab"
    mkdir -p "$ROOTFS/out"
    # Versions, for the record.
    in_chroot dpkg-query -W -f '${Package} ${Version}\n' linux-image-amd64 "linux-image-$(kernel_version)" \
        lttng-tools lttng-modules-dkms openjdk-17-jre-headless iproute2 nftables >"$WORK/packages.txt"
    cat "$WORK/packages.txt"
    # Smaller image: no package caches.
    in_chroot apt-get clean
}

step_image() {
    chroot_umount
    assert_nothing_mounted
    local used size
    used=$(du -sm "$ROOTFS" | cut -f1)
    # Room for traces written inside the guest (the disk is a snapshot: nothing is written back).
    size=$((used + 1536))
    rm -f "$WORK/rootfs.img.tmp"
    mkfs.ext4 -q -F -L labroot -d "$ROOTFS" "$WORK/rootfs.img.tmp" "${size}M"
    mv "$WORK/rootfs.img.tmp" "$WORK/rootfs.img"
    ls -l "$WORK/rootfs.img"
}

# ---------------------------------------------------------------- driver
fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
if [ -n "${LAB_REDO:-}" ]; then
    found=0
    for s in "${STEPS[@]}"; do
        [ "$s" = "$LAB_REDO" ] && found=1
        [ $found = 1 ] && rm -f "$STAMPS/$s"
    done
    [ $found = 1 ] || die "LAB_REDO: no step '$LAB_REDO' (steps: ${STEPS[*]})"
fi
total_start=$(date +%s)
redo_rest=0
for s in "${STEPS[@]}"; do
    if [ $redo_rest = 0 ] && [ -e "$STAMPS/$s" ]; then
        printf '%-14s done before, skipped (took %s)\n' "$s" "$(cat "$STAMPS/$s")"
        continue
    fi
    redo_rest=1 # a step that runs makes the later ones stale
    rm -f "$STAMPS/$s"
    printf '%-14s ... ' "$s"
    start=$(date +%s)
    # A subshell with its own errexit (errexit would be ignored under "if !"), mounts undone on exit.
    set +e
    (
        set -e
        trap chroot_umount EXIT
        "step_$s"
    ) >"$LOGS/$s.log" 2>&1
    rc=$?
    set -e
    if [ $rc != 0 ]; then
        echo "FAILED after $(fmt $(($(date +%s) - start)))"
        tail -n 40 "$LOGS/$s.log" >&2
        die "step $s failed; full log: $LOGS/$s.log"
    fi
    chroot_umount
    took=$(fmt $(($(date +%s) - start)))
    echo "$took" >"$STAMPS/$s"
    echo "$took"
done
chroot_umount
echo "total          $(fmt $(($(date +%s) - total_start)))   guest: $WORK/{vmlinuz,initrd.img,rootfs.img}"
