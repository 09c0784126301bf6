#!/usr/bin/env bash
# tests/system/run.sh [RESULTS_FILE]: the package on a real Debian system. Boots a Debian root (debootstrap minbase
# + systemd, udev, dbus, kmod, bpftool and the package's Depends, a uid-1000 user) from an ext4 disk image with
# systemd as PID 1 in QEMU (TCG), on Debian's own kernel of that release; a oneshot unit runs tests/system/guest.sh,
# which installs the .deb with real apt (offline: the Depends are already there), checks modgate.service under
# systemd and journald, the policy's hot reload, purge, and purge while locked, and reports on the second serial
# port. One "pass system/DIST/NAME" / "fail system/DIST/NAME: WHY" line per check in RESULTS_FILE. Exit 0 unless
# the harness itself broke (no .deb, no root).
#
# Nothing runs on this machine's kernel: debootstrap and chroot only install packages; everything that loads BPF or
# modules runs in the guest.
#
# MODGATE_BINARY=PATH packages that binary instead of publishing one. MODGATE_SYSTEM_DISTS="SUITE:SERIES ..." chooses
# the boots, one after the other (default "bookworm:6.1 trixie:6.12": Debian 12 with its 6.1 kernel, Debian 13 with
# its 6.12). MODGATE_SYSTEM_TIMEOUT=S kills a boot after S seconds (default 1200), MODGATE_SYSTEM_STALL=S a guest that
# reports nothing for S seconds (default 300).
# Cache: $MODGATE_CACHE/system (default ~/.cache/modgate/system): the debootstrap'ed root of each suite as a tarball,
# keyed by the packages that go into it, and the guest's disk image and initramfs, keyed by that root, the kernel and
# the files of this directory. Consoles and results of the last run: artifacts/system/.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/tests/system
cd "$repo" || exit 1
results=${1:-$repo/artifacts/system-results.txt}
mkdir -p "$(dirname "$results")"; : > "$results"
cache=${MODGATE_CACHE:-$HOME/.cache/modgate}/system
artifacts=$repo/artifacts/system
mirror=http://deb.debian.org/debian
dists=${MODGATE_SYSTEM_DISTS:-bookworm:6.1 trixie:6.12}
boot_timeout=${MODGATE_SYSTEM_TIMEOUT:-1200}
stall=${MODGATE_SYSTEM_STALL:-300}
mkdir -p "$cache" "$artifacts"
work=$(mktemp -d /tmp/modgate-system.XXXXXX)
trap 'rm -rf "$work"' EXIT

pass() { echo "pass system/$1" | tee -a "$results"; }
fail() { echo "fail system/$1: $2" | tee -a "$results"; }
log() { echo "system: $*" >&2; }

# --- the .deb, built once for every boot -----------------------------------------------------------------------------
if ! deb=$(scripts/build-deb.sh ${MODGATE_BINARY:+--binary "$MODGATE_BINARY"} --out "$work/deb" 2> "$work/build.log" | tail -n 1) || [ ! -e "$deb" ]; then
  fail build-deb "scripts/build-deb.sh failed: $(tail -n 5 "$work/build.log" | tr '\n' ';')"
  exit 1
fi
version=$(dpkg-deb -f "$deb" Version)
depends=$(dpkg-deb -f "$deb" Depends)
# The next version of the same tree (Debian revision + 1), for the upgrade: built from the same binary.
version_new=${version%-*}-$(( ${version##*-} + 1 ))
binary=$work/modgate.bin
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/sbin/modgate > "$binary" && chmod +x "$binary"
if ! deb_new=$(scripts/build-deb.sh --binary "$binary" --version "$version_new" --out "$work/deb-new" 2> "$work/build-new.log" | tail -n 1) ||
   [ ! -e "$deb_new" ]; then
  fail build-deb "scripts/build-deb.sh --version $version_new failed: $(tail -n 5 "$work/build-new.log" | tr '\n' ';')"
  exit 1
fi
: > "$artifacts/times.log"

# The names of the guest's checks, in order: every `check NAME` of guest.sh and the files it sources (hardening.sh;
# container.sh on Debian 13 only, added in boot_system) for the first boot, and of reboot.sh for the second. A check
# that does not report fails.
check_names() { sed -n 's/^ *check \([a-z0-9-]*\) .*/\1/p' "$@"; }
checks=$(check_names "$here/guest.sh" "$here/hardening.sh")
reboot_checks=$(check_names "$here/reboot.sh")

# The trigger tool of the VM guests (tests/vm/guest/trigger.c), static: it runs on any libc.
if ! gcc -static -O2 -Wall -Wextra -Werror -o "$work/trigger" tests/vm/guest/trigger.c 2> "$work/gcc.log"; then
  fail build-trigger "gcc tests/vm/guest/trigger.c: $(tail -n 3 "$work/gcc.log" | tr '\n' ';')"
  exit 1
fi

# --- the Debian root of SUITE: debootstrap minbase + systemd and the package's Depends, cached as a tarball ------------
# root_tarball SUITE: prints the cached tarball (built when missing).
root_tarball() {
  local suite=$1 base_packages="systemd,systemd-sysv,udev,dbus,kmod,bpftool" packages key tarball base
  # initramfs-tools: the second boot's initramfs is built with it in a chroot of this root (build_initrd).
  # The Depends through apt in the root, which resolves virtual packages (trixie's libssl3t64 provides libssl3).
  packages="$(echo "$depends" | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g') initramfs-tools"
  # Debian 13 also runs the container test (container.sh): podman, which brings crun, conmon and netavark.
  [ "$suite" != trixie ] || packages="$packages $container_packages"
  key=$( { echo "$suite $base_packages $packages"; sed -n '/^root_tarball()/,/^}/p' "$0"; } | sha256sum | cut -c1-16)
  tarball=$cache/$suite-root-$key.tar
  if [ ! -e "$tarball" ]; then
    log "building the $suite root (debootstrap minbase + $base_packages, then $packages; cached in $tarball)"
    base=$work/debootstrap-$suite
    mkdir -p "$cache/debs-$suite"
    if ! debootstrap --variant=minbase --include="$base_packages" --cache-dir="$cache/debs-$suite" "$suite" "$base" "$mirror" \
         > "$work/debootstrap-$suite.log" 2>&1 ||
       ! chroot "$base" apt-get install -y -q --no-install-recommends $packages >> "$work/debootstrap-$suite.log" 2>&1 ||
       ! chroot "$base" apt-get clean > /dev/null 2>&1 ||
       ! tar -C "$base" -cf "$tarball.tmp" . || ! mv "$tarball.tmp" "$tarball"; then
      cp "$work/debootstrap-$suite.log" "$artifacts/" 2>/dev/null
      log "debootstrap of $suite failed: $(tail -n 3 "$work/debootstrap-$suite.log" | tr '\n' ';')"
      rm -rf "$base" "$tarball.tmp"; return 1
    fi
    find "$cache" -maxdepth 1 -name "$suite-root-*.tar" ! -name "$(basename "$tarball")" -delete
    rm -rf "$base"
  fi
  echo "$tarball"
}

# --- the container test's base image (Debian 13 boot): what debian:bookworm-slim, the Containerfile's default FROM, is --
# container_packages: added to the Debian 13 root. container_base: prints a tarball of a debootstrap minbase bookworm
# root with the package's Depends, no apt sources (apt-get update does nothing there, offline) and no documentation,
# cached; container.sh imports it with podman as the image's base.
container_packages="podman"
container_base() {
  local packages key tarball base=$work/container-base
  packages=$(echo "$depends" | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g' | xargs | tr ' ' ',')
  key=$( { echo "bookworm $packages"; sed -n '/^container_base()/,/^}/p' "$0"; } | sha256sum | cut -c1-16)
  tarball=$cache/container-base-$key.tar
  if [ ! -e "$tarball" ]; then
    log "building the container base (debootstrap minbase bookworm + $packages; cached in $tarball)"
    mkdir -p "$cache/debs-bookworm"
    if ! debootstrap --variant=minbase --include="$packages" --cache-dir="$cache/debs-bookworm" bookworm "$base" "$mirror" \
         > "$work/container-base.log" 2>&1; then
      cp "$work/container-base.log" "$artifacts/" 2>/dev/null; rm -rf "$base"; return 1
    fi
    rm -rf "$base/etc/apt/sources.list" "$base/etc/apt/sources.list.d/"* "$base/var/lib/apt/lists/"* "$base/var/cache/apt/"* \
      "$base/usr/share/doc" "$base/usr/share/man" "$base/usr/share/info" "$base/usr/share/locale"
    tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$base" -cf "$tarball.tmp" . &&
      mv "$tarball.tmp" "$tarball" || { rm -rf "$base" "$tarball.tmp"; return 1; }
    find "$cache" -maxdepth 1 -name "container-base-*.tar" ! -name "$(basename "$tarball")" -delete
    rm -rf "$base"
  fi
  echo "$tarball"
}

# initramfs_setup ROOT KROOT KVER: what initramfs-tools needs in ROOT to build the second boot's initramfs: the kernel's
# config (mkinitramfs reads it), told to take the few modules that reach the root (a `dep` guess would look at the
# machine it runs on), gzip (the roots have no zstd binary), and the test's own initramfs probe (initramfs/: never in the package).
initramfs_setup() {
  local r=$1 kroot=$2 kver=$3
  cp -a "$kroot/boot/config-$kver" "$kroot/boot/System.map-$kver" "$r/boot/" || return 1
  printf 'MODULES=list\nCOMPRESS=gzip\n' > "$r/etc/initramfs-tools/conf.d/modgate-system-test" || return 1
  printf '%s\n' virtio_pci virtio_blk ext4 crc32c_generic crc32c_intel >> "$r/etc/initramfs-tools/modules"
  install -m 0755 "$here/initramfs/hook" "$r/etc/initramfs-tools/hooks/modgate-system-test"
  install -m 0755 "$here/initramfs/init-premount" "$r/etc/initramfs-tools/scripts/init-premount/modgate-system-test"
}

# build_initrd SUITE KROOT KVER FILES_TAR OUT: the second boot's initramfs, built as the guest's system would build it
# but natively: a chroot of the same cached root with the kernel's modules, the .deb the guest ends with installed by
# dpkg, trigger, and the guest's /etc/modgate (FILES_TAR); `update-initramfs -c` runs initramfs-tools with the package's
# hook. Inside a private mount namespace with its own /proc (as tests/package does); nothing reaches this kernel.
# Prints update-initramfs's output; the initramfs goes to OUT, its listing to OUT.list.
build_initrd() {
  local suite=$1 kroot=$2 kver=$3 files=$4 out=$5 tarball r
  tarball=$(root_tarball "$suite") || return 1
  r=$work/initramfs-root-$suite
  rm -rf "$r"; mkdir -p "$r" || return 1
  tar -C "$r" -xf "$tarball" && mkdir -p "$r/lib/modules" || return 1
  cp -al "$kroot/lib/modules/$kver" "$r/lib/modules/" 2>/dev/null || cp -a "$kroot/lib/modules/$kver" "$r/lib/modules/" || return 1
  initramfs_setup "$r" "$kroot" "$kver" || return 1
  install -D -m 0755 "$work/trigger" "$r/usr/local/bin/trigger"
  cp "$deb_new" "$r/tmp/modgate.deb"
  unshare --mount --propagation private sh -c '
    r=$1 kver=$2 files=$3
    mount -t proc proc "$r/proc" || exit 1
    chroot "$r" dpkg -i /tmp/modgate.deb || exit 1
    rm -rf "$r/etc/modgate" && tar -C "$r" -xf "$files" || exit 1
    chroot "$r" update-initramfs -c -k "$kver" || exit 1
    chroot "$r" lsinitramfs "/boot/initrd.img-$kver" > "$r/tmp/initrd.list"' build_initrd "$r" "$kver" "$files" 2>&1 || return 1
  cp "$r/boot/initrd.img-$kver" "$out" && cp "$r/tmp/initrd.list" "$out.list" || return 1
  rm -rf "$r"
}

# --- the guest's disk image and initramfs ------------------------------------------------------------------------------
# guest_image SUITE KERNEL_ROOT KVER: prints "IMAGE INITRD" (cached, keyed by the root, the kernel and this directory's
# files). The root gets the kernel's whole module tree, a fixed machine-id (every boot of a -snapshot disk would be a
# first boot otherwise), no apt lists (apt in the guest resolves only from what is installed and the .deb: offline),
# user uid 1000, and the test unit, enabled. The initramfs: busybox and the modules that reach the root.
guest_image() {
  local suite=$1 kroot=$2 kver=$3 tarball key img initrd r size
  tarball=$(root_tarball "$suite") || return 1
  key=$( { echo "$tarball $kver"; sed -n '/^guest_image()/,/^}/p' "$0"; cat "$here/init" "$here/modgate-system-test.service" \
           "$here/modgate-system-probe.service" "$here/early-probe.sh" "$here/initramfs/hook" "$here/initramfs/init-premount"; } |
         sha256sum | cut -c1-16)
  img=$cache/$suite-$kver-$key.img; initrd=$cache/$suite-$kver-$key.initrd
  if [ ! -e "$img" ] || [ ! -e "$initrd" ]; then
    log "building the $suite guest disk ($kver modules; cached in $img)"
    r=$work/root-$suite
    mkdir -p "$r" && tar -C "$r" -xf "$tarball" || return 1
    rm -rf "$r/var/lib/apt/lists/"* "$r/var/cache/apt/"*.bin
    chroot "$r" apt-cache gencaches > /dev/null 2>&1 || return 1   # apt's cache of what is installed, built here, not under TCG
    echo 2f5a1c0e8b7d4e6f9a0b1c2d3e4f5a6b > "$r/etc/machine-id"
    echo modgate-system > "$r/etc/hostname"
    printf '/dev/vda / ext4 rw,errors=remount-ro 0 0\n' > "$r/etc/fstab"
    chroot "$r" useradd -m -u 1000 -s /bin/bash user || return 1
    chroot "$r" passwd -d root > /dev/null || return 1
    mkdir -p "$r/lib/modules"
    cp -a "$kroot/lib/modules/$kver" "$r/lib/modules/" || return 1
    install -m 0644 "$here/modgate-system-test.service" "$r/etc/systemd/system/modgate-system-test.service"
    mkdir -p "$r/etc/systemd/system/multi-user.target.wants"
    ln -sf /etc/systemd/system/modgate-system-test.service "$r/etc/systemd/system/multi-user.target.wants/"
    # The second boot: initramfs-tools as the chroot that builds its initramfs has it (initramfs_setup), the early probe.
    initramfs_setup "$r" "$kroot" "$kver" || return 1
    install -D -m 0755 "$here/early-probe.sh" "$r/usr/local/lib/modgate-system-test/early-probe.sh"
    install -m 0644 "$here/modgate-system-probe.service" "$r/etc/systemd/system/modgate-system-probe.service"
    mkdir -p "$r/etc/systemd/system/sysinit.target.wants"
    ln -sf /etc/systemd/system/modgate-system-probe.service "$r/etc/systemd/system/sysinit.target.wants/"
    size=$(( $(du -sm "$r" | cut -f1) + 768 ))
    rm -f "$img.tmp"
    if ! mke2fs -q -t ext4 -L root -d "$r" "$img.tmp" "${size}M" > "$work/mke2fs.log" 2>&1; then
      log "mke2fs -d failed: $(tail -n 3 "$work/mke2fs.log")"; return 1
    fi
    rm -rf "$r"
    # The initramfs: busybox, the modules.dep closure of virtio_pci, virtio_blk and ext4 (crc32c for its checksums),
    # in load order, and init.
    local i=$work/initramfs-$suite dep mods=() m f
    mkdir -p "$i/bin" "$i/modules"
    cp /bin/busybox "$i/bin/busybox"
    dep=$kroot/lib/modules/$kver/modules.dep
    # modules.dep lists a module's dependencies nearest first: load them from the end of the list.
    for m in virtio_pci virtio_blk crc32c_generic crc32c-intel ext4; do
      f=$(grep -E "/${m}\.ko(\.[a-z]+)?:" "$dep" | head -n 1)
      [ -n "$f" ] || continue
      for d in $(echo "${f#*:}" | tr ' ' '\n' | tac) "${f%%:*}"; do
        [[ " ${mods[*]} " == *" $d "* ]] || mods+=("$d")
      done
    done
    for m in "${mods[@]}"; do
      case $m in
        *.ko) cp "$kroot/lib/modules/$kver/$m" "$i/modules/" ;;
        *.ko.xz) xz -dc "$kroot/lib/modules/$kver/$m" > "$i/modules/$(basename "${m%.xz}")" ;;
        *.ko.zst) zstd -qdc "$kroot/lib/modules/$kver/$m" > "$i/modules/$(basename "${m%.zst}")" ;;
      esac
      basename "${m%.xz}" | sed 's/\.zst$//' >> "$i/modules/ORDER"
    done
    install -m 0755 "$here/init" "$i/init"
    (cd "$i" && find . -print0 | cpio --null -o -H newc --owner=+0:+0 --quiet) | gzip -1 > "$initrd.tmp" || return 1
    rm -rf "$i"
    find "$cache" -maxdepth 1 \( -name "$suite-*.img" -o -name "$suite-*.initrd" \) ! -name "$(basename "$img")" ! -name "$(basename "$initrd")" -delete
    mv "$img.tmp" "$img" && mv "$initrd.tmp" "$initrd"
  fi
  echo "$img $initrd"
}

# --- the boots -------------------------------------------------------------------------------------------------------
# qemu_boot LABEL RES CONSOLE KERNEL INITRD APPEND DRIVE...: one QEMU run with systemd's serial console on the first port
# and the test's report on the second (RES); sets `problem` (empty when the guest said `done`) and `took`.
qemu_boot() {
  local label=$1 res=$2 console=$3 kernel=$4 initrd=$5 append=$6 drives=() d; shift 6
  for d in "$@"; do drives+=(-drive "$d"); done
  : > "$console"; : > "$res"
  log "booting $label (timeout $boot_timeout s, stall $stall s)"
  local start=$SECONDS
  # A network card (user networking, restrict=on: nothing leaves the guest) so that udev has one more driver to load.
  timeout -k 5 "$boot_timeout" qemu-system-x86_64 -nodefaults -no-user-config -machine pc -accel tcg -cpu max -m 1536 -smp 1 \
    -display none -no-reboot -serial stdio -serial "file:$res" "${drives[@]}" \
    -netdev user,id=net0,restrict=on -device virtio-net-pci,netdev=net0 \
    -kernel "$kernel" -initrd "$initrd" -append "$append" < /dev/null > "$console" 2>&1 &
  local pid=$! size last=-1 quiet=0 stalled=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    size=$(stat -c %s "$res")
    if [ "$size" != "$last" ]; then last=$size; quiet=0; else quiet=$((quiet + 5)); fi
    if [ $quiet -ge "$stall" ]; then stalled=1; kill "$pid"; break; fi
  done
  wait "$pid"; local rc=$?
  sed -i 's/\r$//' "$console" "$res"
  took=$((SECONDS - start)); problem=""
  if [ $stalled = 1 ]; then problem="the guest reported nothing for $stall s (killed after $took s)"
  elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then problem="timeout after $boot_timeout s"
  elif grep -q 'Kernel panic' "$console"; then problem="kernel panic"
  elif ! grep -q '^done$' "$res"; then problem="the guest powered off before it finished (qemu exit $rc)"; fi
  log "$label: qemu ran $took s; $(sed -n 's/^info //p' "$res" | cut -c1-400 | paste -sd';')${problem:+; $problem}"
  echo "$label: qemu ran $took s${problem:+ ($problem)}" >> "$artifacts/times.log"
}

# collect NAME RES CHECKS: one result line per check from the guest's report RES (`problem` of its boot says why a
# missing one is missing); a result the host does not know is a mistake of the guest's script.
collect() {
  local name=$1 res=$2 checks=$3 c line
  for c in $checks; do
    line=$(grep -m1 "^result $c " "$res")
    case $line in
      "result $c pass") pass "$name/$c" ;;
      "result $c fail "*) fail "$name/$c" "${line#"result $c fail "}" ;;
      *) fail "$name/$c" "no result: ${problem:-the guest did not report it}" ;;
    esac
  done
  sed -n 's/^result \([^ ]*\) .*/\1/p' "$res" | while read -r c; do
    [[ " $(echo $checks) " == *" $c "* ]] || fail "$name/$c" "reported by the guest but not one of its checks"
  done
}

# boot_system SUITE SERIES NAME: two boots of one disk. The first (guest.sh, through the test's busybox initramfs)
# installs, upgrades, purges and reinstalls the package and writes its final /etc/modgate to the third disk; the host
# builds the initramfs with initramfs-tools and the package's hook from it (build_initrd) and boots the same disk with
# that initramfs (reboot.sh).
boot_system() {
  local suite=$1 series=$2 name=$3 kroot kver vmlinux image img initrd
  local checks=$checks
  [ "$suite" != trixie ] || checks="$checks $(check_names "$here/container.sh")"
  report_all() { local c; for c in $checks $reboot_checks; do fail "$name/$c" "$1"; done; }
  if ! kroot=$(scripts/fetch-debian-kernel.sh "$series" 2> "$work/kernel.log"); then
    report_all "no Debian $series kernel: $(tail -n 2 "$work/kernel.log" | tr '\n' ';')"; return
  fi
  kver=$(ls "$kroot/lib/modules")
  if ! image=$(guest_image "$suite" "$kroot" "$kver"); then report_all "building the $suite guest disk failed"; return; fi
  img=${image% *}; initrd=${image#* }
  # The ELF vmlinux through QEMU's PVH entry, as the VM harness boots it (tests/vm/lib/kernel.sh, its cache).
  vmlinux=$(cache=$repo/tests/vm/.cache; mkdir -p "$cache"; . tests/vm/lib/kernel.sh; boot_kernel "$kroot/boot/vmlinuz-$kver")
  local rc
  # Both boots write to one copy-on-write overlay of the cached image (which stays as it is).
  local overlay=$work/$name.qcow2
  qemu-img create -q -f qcow2 -F raw -b "$img" "$overlay" || { report_all "qemu-img create of the overlay failed"; return; }
  # The run's own files on a second disk: the .debs, the scripts, trigger, busybox, what the host expects.
  local d=$work/disk-$name phase
  for phase in install reboot; do
    mkdir -p "$d-$phase"
    cp "$deb" "$deb_new" "$here/guest.sh" "$here/hardening.sh" "$here/reboot.sh" "$here/lib.sh" "$work/trigger" /bin/busybox "$d-$phase/"
    if [ "$suite" = trixie ] && [ $phase = install ]; then   # container.sh's files: the Containerfile, the ConfigMap's policy, the base
      local base; base=$(container_base) || { report_all "building the container base failed"; return; }
      cp "$here/container.sh" deploy/container/Containerfile "$base" "$d-$phase/" &&
        mv "$d-$phase/$(basename "$base")" "$d-$phase/container-base.tar"
      sed -n '/^  policy.conf: |$/,$p' deploy/kubernetes/configmap.yaml | tail -n +2 | sed 's/^    //' > "$d-$phase/configmap-policy.conf"
    fi
    printf 'version=%s\nversion_new=%s\nkernel=%s\nsuite=%s\nphase=%s\n' "$version" "$version_new" "$kver" "$suite" "$phase" > "$d-$phase/expect"
    mke2fs -q -t ext4 -d "$d-$phase" "$work/$name-$phase.disk" "$(( $(du -sm "$d-$phase" | cut -f1) + 64 ))M" > /dev/null 2>&1 ||
      { report_all "mke2fs of the test disk failed"; return; }
  done
  truncate -s 256M "$work/$name-initrd.disk"
  # No lsm=: the default LSM list of Debian's 6.1 and 6.12 kernels (CONFIG_LSM) ends in bpf, as on a real Debian system.
  local res=$artifacts/$name.results.log
  qemu_boot "$name (Debian $suite root, kernel $kver, systemd as PID 1)" "$res" "$artifacts/$name.console.log" "$vmlinux" "$initrd" \
    "console=ttyS0 panic=-1" "file=$overlay,format=qcow2,if=virtio" "file=$work/$name-install.disk,format=raw,if=virtio,readonly=on" \
    "file=$work/$name-initrd.disk,format=raw,if=virtio"
  sed -n 's/^security | //p' "$res" > "$artifacts/$name.security.txt"   # systemd-analyze security (hardening.sh)
  collect "$name" "$res" "$checks"
  # The guest's /etc/modgate, as it wrote it to the third disk, and the initramfs built with it.
  local size sum pkgver files=$work/$name-reboot-files.tar built=$work/$name.initrd lacks f start=$SECONDS
  read -r size sum pkgver < <(sed -n 's/^info reboot-files \([0-9]*\) \([0-9a-f]*\) \(.*\)$/\1 \2 \3/p' "$res")
  if [ -z "${size:-}" ] || ! head -c "$size" "$work/$name-initrd.disk" > "$files" ||
     [ "$(sha256sum < "$files" | cut -d' ' -f1)" != "$sum" ] || [ "$pkgver" != "$version_new" ]; then
    fail "$name/initramfs-built" "the first boot gave no policy files (its report: $(grep '^info reboot-files' "$res"); expected modgate $version_new)"
    problem="the first boot did not finish"; collect "$name" /dev/null "$reboot_checks"; return
  fi
  build_initrd "$suite" "$kroot" "$kver" "$files" "$built" > "$artifacts/$name-update-initramfs.log" 2>&1; rc=$?
  lacks=$(for f in usr/sbin/modgate etc/modgate/policy.conf etc/modgate/policy.d/50-learned.conf scripts/init-premount/modgate \
                   "usr/share/modgate/kernel-tree/$kver/modules.alias" usr/local/bin/trigger scripts/init-premount/modgate-system-test; do
            grep -qx "$f" "$built.list" 2>/dev/null || echo "$f"; done | paste -sd' ')
  log "$name: the second boot's initramfs built in $((SECONDS - start)) s ($(stat -c %s "$built" 2>/dev/null) bytes)"
  echo "$name: initramfs (update-initramfs -c in a chroot) built in $((SECONDS - start)) s" >> "$artifacts/times.log"
  if [ $rc -ne 0 ] || [ ! -s "$built" ] || [ -n "$lacks" ]; then
    fail "$name/initramfs-built" "update-initramfs (exit $rc): $(tail -n 4 "$artifacts/$name-update-initramfs.log" | tr '\n' ';'); the initramfs lacks: $lacks"
    problem="no initramfs for the second boot"; collect "$name" /dev/null "$reboot_checks"; return
  fi
  pass "$name/initramfs-built"
  qemu_boot "$name reboot (the same disk, the package's initramfs)" "$artifacts/$name-reboot.results.log" \
    "$artifacts/$name-reboot.console.log" "$vmlinux" "$built" "root=/dev/vda rw fsck.mode=skip console=ttyS0 panic=-1" \
    "file=$overlay,format=qcow2,if=virtio" "file=$work/$name-reboot.disk,format=raw,if=virtio,readonly=on"
  collect "$name" "$artifacts/$name-reboot.results.log" "$reboot_checks"
}

for dist in $dists; do
  suite=${dist%%:*}; series=${dist#*:}
  case $suite in bookworm) name=debian12 ;; trixie) name=debian13 ;; *) name=$suite ;; esac
  boot_system "$suite" "$series" "$name"
done
exit 0
