#!/usr/bin/env bash
# tests/package/run.sh [RESULTS_FILE]: builds the Debian package (scripts/build-deb.sh), runs lintian on it, installs
# it with dpkg into a clean debootstrap'ed Debian bookworm root, checks every file it installs, runs the installed
# modgate there (only --version, check and status: nothing is ever loaded into this machine's kernel), verifies the
# unit with systemd-analyze, runs the initramfs hook as mkinitramfs would and runs modgate from the tree it built,
# then purges the package. One "pass NAME" / "fail NAME: WHY" line per check in RESULTS_FILE.
#
# MODGATE_BINARY=PATH packages that binary instead of publishing one. The Debian root (minbase plus the package's
# Depends and initramfs-tools) is cached as a tarball in $MODGATE_CACHE/package (default ~/.cache/modgate/package, as
# scripts/fetch-debian-kernel.sh), keyed by what goes into it.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo" || exit 1
results=${1:-$repo/artifacts/package-results.txt}
mkdir -p "$(dirname "$results")"; : > "$results"
cache=${MODGATE_CACHE:-$HOME/.cache/modgate}/package
mirror=http://deb.debian.org/debian
mkdir -p "$cache"
work=$(mktemp -d /tmp/modgate-package.XXXXXX)
trap 'rm -rf "$work"' EXIT

pass() { echo "pass package/$1" | tee -a "$results"; }
fail() { echo "fail package/$1: $2" | tee -a "$results"; }
# check NAME MESSAGE-IF-FALSE COMMAND...: one result line from COMMAND's exit status.
check() { local name=$1 why=$2; shift 2; if "$@"; then pass "$name"; else fail "$name" "$why"; fi; }
log() { echo "package: $*" >&2; }

# --- build ---------------------------------------------------------------------------------------------------
if ! deb=$(scripts/build-deb.sh ${MODGATE_BINARY:+--binary "$MODGATE_BINARY"} --out "$work/deb" 2> "$work/build.log" | tail -n 1) || [ ! -e "$deb" ]; then
  fail build-deb "scripts/build-deb.sh failed: $(tail -n 5 "$work/build.log")"
  exit 1
fi
pass build-deb
field() { dpkg-deb -f "$deb" "$1"; }
version=$(field Version)

# --- lintian: no error or warning beyond the tags accepted (with reasons) in packaging/debian/lintian-accepted -----
accepted=$(grep -v '^#' packaging/debian/lintian-accepted | awk 'NF { print $1 }' | paste -sd, -)
if lintian --fail-on error,warning ${accepted:+--suppress-tags "$accepted"} "$deb" > "$work/lintian.txt" 2>&1; then
  pass lintian
else
  fail lintian "$(grep -E '^[EW]:' "$work/lintian.txt" | head -n 5 | tr '\n' ';')"
fi

# --- a clean Debian root with the package's dependencies --------------------------------------------------------
depends=$(field Depends)
extras="initramfs-tools"
key=$( { echo "$depends"; echo "$extras"; sed -n '/^# --- a clean Debian root/,/^# --- install/p' "$0"; } | sha256sum | cut -c1-16)
tarball=$cache/bookworm-minbase-$key.tar
if [ ! -e "$tarball" ]; then
  log "building the Debian root (debootstrap minbase bookworm + the package's Depends; cached in $tarball)"
  base=$work/base
  packages=$(echo "$depends" | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g')
  if ! { mkdir -p "$cache/debs" && debootstrap --variant=minbase --cache-dir="$cache/debs" bookworm "$base" "$mirror" > "$work/debootstrap.log" 2>&1 &&
         chroot "$base" apt-get install -y -qq --no-install-recommends $packages $extras > "$work/apt.log" 2>&1 &&
         chroot "$base" apt-get clean && tar -C "$base" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"; }; then
    fail debian-root "debootstrap or apt-get failed: $(tail -n 3 "$work/debootstrap.log" "$work/apt.log" 2>/dev/null | tr '\n' ';')"
    exit 1
  fi
  rm -f "$cache"/bookworm-minbase-*.tar.old; find "$cache" -name 'bookworm-minbase-*.tar' ! -name "$(basename "$tarball")" -delete
  rm -rf "$base"
fi
root=$work/root
mkdir -p "$root" && tar -C "$root" -xf "$tarball"
cp "$deb" "$root/tmp/modgate.deb"

# Everything that runs inside the root runs in a private mount namespace, with its own /proc, a read-only sysfs
# and securityfs (so status can read the LSM list), gone when the command ends.
in_root() {
  unshare --mount --propagation private sh -c '
    root=$1; shift
    mount -t proc proc "$root/proc" && mount -t sysfs -o ro sysfs "$root/sys" &&
      { mount -t securityfs -o ro securityfs "$root/sys/kernel/security" 2>/dev/null || true; } &&
      exec chroot "$root" "$@"' in_root "$root" "$@"
}

# --- install ------------------------------------------------------------------------------------------------------
if in_root dpkg -i /tmp/modgate.deb > "$work/dpkg-i.log" 2>&1 &&
   [ "$(chroot "$root" dpkg-query -W -f='${Status} ${Version}' modgate)" = "install ok installed $version" ]; then
  pass dpkg-install
else
  fail dpkg-install "$(tail -n 5 "$work/dpkg-i.log" | tr '\n' ';')"
fi

# --- every file, its mode and its content ----------------------------------------------------------------------
same_file() { cmp -s "$1" "$2"; }
same_gz() { zcat "$1" | cmp -s - "$2"; }
mode_is() { [ "$(stat -c '%a %U:%G' "$root$1")" = "$2 root:root" ]; }
check file-binary "/usr/sbin/modgate is not root's, mode 755" mode_is /usr/sbin/modgate 755
check file-policy "/etc/modgate/policy.conf differs from packaging/policy/policy.conf" same_file "$root/etc/modgate/policy.conf" packaging/policy/policy.conf
check file-policy-conffile "/etc/modgate/policy.conf is not a conffile" \
  sh -c "chroot '$root' dpkg-query -W -f='\${Conffiles}' modgate | grep -q '^ /etc/modgate/policy.conf [0-9a-f]\{32\}$'"
check file-policy-d "/etc/modgate/policy.d is not a directory" test -d "$root/etc/modgate/policy.d"
check file-initramfs-hook "hook differs or is not executable" \
  sh -c "cmp -s '$root/usr/share/initramfs-tools/hooks/modgate' packaging/initramfs-tools/hooks/modgate && test -x '$root/usr/share/initramfs-tools/hooks/modgate'"
check file-initramfs-premount "init-premount script differs or is not executable" \
  sh -c "cmp -s '$root/usr/share/initramfs-tools/scripts/init-premount/modgate' packaging/initramfs-tools/scripts/init-premount/modgate && test -x '$root/usr/share/initramfs-tools/scripts/init-premount/modgate'"
check file-man8 "modgate.8.gz is not packaging/man/modgate.8" same_gz "$root/usr/share/man/man8/modgate.8.gz" packaging/man/modgate.8
check file-man5 "modgate.conf.5.gz is not packaging/man/modgate.conf.5" same_gz "$root/usr/share/man/man5/modgate.conf.5.gz" packaging/man/modgate.conf.5
check file-bash-completion "bash completion differs" same_file "$root/usr/share/bash-completion/completions/modgate" packaging/completions/modgate.bash
check file-zsh-completion "zsh completion differs" same_file "$root/usr/share/zsh/vendor-completions/_modgate" packaging/completions/_modgate
check file-copyright "copyright differs" same_file "$root/usr/share/doc/modgate/copyright" packaging/debian/copyright
check file-changelog "changelog.Debian.gz differs" same_gz "$root/usr/share/doc/modgate/changelog.Debian.gz" packaging/debian/changelog
check file-audit-log-dir "/var/log/modgate is not a root-only directory (750)" sh -c "[ \"\$(stat -c '%a %U' '$root/var/log/modgate')\" = '750 root' ]"
if [ -e packaging/systemd/modgate.service ]; then
  check file-unit "the unit differs from packaging/systemd/modgate.service" same_file "$root/lib/systemd/system/modgate.service" packaging/systemd/modgate.service
  # postinst enabled it as dh_installsystemd would: the [Install] section's WantedBy link.
  wanted=$(sed -n 's/^WantedBy=//p' packaging/systemd/modgate.service | head -n 1)
  check unit-enabled "no $wanted.wants/modgate.service link after install" test -L "$root/etc/systemd/system/$wanted.wants/modgate.service"
  verify_err=$(systemd-analyze verify --man=no --root="$root" /lib/systemd/system/modgate.service 2>&1 >/dev/null); verify_rc=$?
  check unit-verify "systemd-analyze verify (exit $verify_rc): $verify_err" test "$verify_rc" -eq 0 -a -z "$verify_err"
else
  fail file-unit "packaging/systemd/modgate.service does not exist, so the package has no unit"
fi
# Nothing installed that this test does not know about.
listed=$(chroot "$root" dpkg -L modgate | while read -r p; do [ -d "$root$p" ] || echo "$p"; done | sort | paste -sd' ')
expected="/etc/modgate/policy.conf /lib/systemd/system/modgate.service /usr/sbin/modgate /usr/share/bash-completion/completions/modgate /usr/share/doc/modgate/changelog.Debian.gz /usr/share/doc/modgate/copyright /usr/share/initramfs-tools/hooks/modgate /usr/share/initramfs-tools/scripts/init-premount/modgate /usr/share/man/man5/modgate.conf.5.gz /usr/share/man/man8/modgate.8.gz /usr/share/zsh/vendor-completions/_modgate"
check file-list "dpkg -L lists: $listed" test "$listed" = "$expected"

# --- the installed modgate runs (read-only commands only) ---------------------------------------------------------
out=$(in_root /usr/sbin/modgate --version 2>&1); rc=$?
lib=$(chroot "$root" readlink -f /usr/lib/x86_64-linux-gnu/libbpf.so.1)
lib_version=$(basename "$lib" | sed 's/^libbpf\.so\.\([0-9]*\.[0-9]*\).*/\1/')
check run-version "modgate --version (exit $rc) said: $out" \
  test "$rc" -eq 0 -a "$(echo "$out" | sed -n 1p)" = "modgate ${version%-*}" -a "$(echo "$out" | sed -n 3p)" = "libbpf: $lib_version ($lib)"
out=$(in_root /usr/sbin/modgate check 2>&1); rc=$?
check run-check-default-policy "modgate check of /etc/modgate/policy.conf (exit $rc) said: $out" \
  sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q '^policy ok: 1 file, 0 rules, autoload privileged, load classic, unload classic, default allow, complain mode; sha256:'" _ "$out"
out=$(in_root /usr/sbin/modgate status --wide 2>&1); rc=$?
# What status must say about BPF LSM is what the kernel says, read the same way.
lsm=$(unshare --mount --propagation private sh -c 'mount -t securityfs securityfs /sys/kernel/security 2>/dev/null; cat /sys/kernel/security/lsm 2>/dev/null')
if [ -z "$lsm" ]; then lsm_line="missing: /sys/kernel/security/lsm not readable (securityfs not mounted?): cannot tell whether BPF LSM is active"
elif [[ ,$lsm, == *,bpf,* ]]; then lsm_line=""
else lsm_line="missing: bpf not in active LSM list ($lsm): add lsm=$lsm,bpf to the kernel command line"; fi
status_ok() {
  [ "$rc" -eq 0 ] || return 1
  grep -q "^enforcement: [a-z]* (backend bpf-lsm, kernel $(uname -r))$" <<<"$out" || return 1
  grep -qx '  missing: no policy applied: run modgate apply' <<<"$out" || return 1
  grep -qx 'locked: no' <<<"$out" || return 1
  if [ -n "$lsm_line" ]; then grep -qxF "  $lsm_line" <<<"$out"; else ! grep -q 'LSM' <<<"$out"; fi
}
check run-status "modgate status (exit $rc, kernel LSMs '${lsm:-unreadable}') said: $out" status_ok

# --- a real initramfs: mkinitramfs in the root runs the hook; modgate must run from the image alone ---------------
# The Debian 6.1 kernel's config and module index (scripts/fetch-debian-kernel.sh) stand in for an installed kernel;
# MODULES=list keeps the image to what the hooks add (no driver modules needed for this check).
kernel_root=$(scripts/fetch-debian-kernel.sh 2>/dev/null)
kver=$(ls "$kernel_root/lib/modules")
mkdir -p "$root/lib/modules/$kver" "$root/boot"
cp "$kernel_root/boot/config-$kver" "$root/boot/"
for f in modules.alias modules.dep modules.builtin modules.builtin.modinfo modules.softdep modules.symbols modules.order; do
  cp "$kernel_root/lib/modules/$kver/$f" "$root/lib/modules/$kver/"
done
echo MODULES=list > "$root/etc/initramfs-tools/conf.d/modgate-test.conf"
# The boot check below: a script that runs after modgate's init-premount, reports, and powers the guest off.
install -D -m 0755 tests/package/initramfs-report "$root/etc/initramfs-tools/scripts/init-premount/zz-modgate-report"
in_root sh -c "mkinitramfs -o /tmp/initrd.img $kver && unmkinitramfs /tmp/initrd.img /tmp/initrd" > "$work/mkinitramfs.log" 2>&1; rc=$?
image=$root/tmp/initrd
[ -d "$image/main" ] && image=$image/main  # unmkinitramfs puts the main archive in main/ when there is an early one
missing=""
for lib in libbpf.so.1 libelf.so.1 libz.so.1 libzstd.so.1 liblzma.so.5 libssl.so.3 libcrypto.so.3; do
  [ -n "$(find "$image" -name "$lib" 2>/dev/null)" ] || missing="$missing $lib"
done
check initramfs-contents "mkinitramfs (exit $rc: $(tail -n 3 "$work/mkinitramfs.log" | tr '\n' ' ')) image lacks:${missing:- nothing}" \
  sh -c "[ $rc -eq 0 ] && [ -z '$missing' ] && [ -x '$image/usr/sbin/modgate' ] && cmp -s '$image/etc/modgate/policy.conf' packaging/policy/policy.conf &&
         [ -s '$image/usr/share/modgate/kernel-tree/$kver/modules.alias' ] && grep -q '^/scripts/init-premount/modgate ' '$image/scripts/init-premount/ORDER'"
# Every library modgate opens is in the image: run it there (chroot), as the init-premount script will.
out=$(unshare --mount --propagation private sh -c "mkdir -p '$image/proc' && mount -t proc proc '$image/proc' &&
  chroot '$image' /usr/sbin/modgate --version && chroot '$image' /usr/sbin/modgate check --kernel-tree /usr/share/modgate/kernel-tree/$kver" 2>&1); rc=$?
check initramfs-runs-modgate "modgate inside the initramfs image (exit $rc) said: $out" \
  sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q '^libbpf: [0-9.]* (/usr/lib/' && echo \"\$1\" | grep -q '^policy ok: 1 file, 0 rules, autoload privileged'" _ "$out"
# Without libbpf (the image with libbpf.so.1 taken out), --version says so and names the package; check still works.
libbpf=$(find "$image" -name libbpf.so.1 | head -n 1)
mv "$libbpf" "$libbpf.away"
out=$(unshare --mount --propagation private sh -c "mount -t proc proc '$image/proc' && chroot '$image' /usr/sbin/modgate --version &&
  chroot '$image' /usr/sbin/modgate check --kernel-tree /usr/share/modgate/kernel-tree/$kver" 2>&1); rc=$?
mv "$libbpf.away" "$libbpf"
check version-without-libbpf "modgate without libbpf (exit $rc) said: $out" \
  sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -qx \"libbpf: none usable: libbpf.so.1 not found (install Debian's libbpf1)\" && echo \"\$1\" | grep -q '^policy ok: '" _ "$out"
# Boot it: Debian's 6.1 kernel in QEMU (TCG) with this initramfs and no root. modgate's init-premount script must
# mount bpffs and securityfs and apply /etc/modgate/policy.conf with full BPF LSM enforcement, before any root.
digest=$(in_root /usr/sbin/modgate check --kernel-tree "/lib/modules/$kver" 2>/dev/null | sed -n 's/.*; \(sha256:[0-9a-f]*\)$/\1/p')
timeout -k 5 240 qemu-system-x86_64 -nodefaults -no-user-config -machine pc -accel tcg -cpu max -m 1024 -smp 1 -display none \
  -no-reboot -serial stdio -kernel "$kernel_root/boot/vmlinuz-$kver" -initrd "$root/tmp/initrd.img" \
  -append "console=ttyS0 panic=-1" < /dev/null > "$work/boot.log" 2>&1
sed -i 's/\r$//' "$work/boot.log"
cp "$work/boot.log" "$(dirname "$results")/package-initramfs-boot.log"
boot_ok() {
  grep -q '^Begin: Running /scripts/init-premount ... Success: modgate: /etc/modgate/policy.conf applied$' "$work/boot.log" &&
  grep -qx "enforcement: full (backend bpf-lsm, kernel $kver)" "$work/boot.log" &&
  grep -q "^policy: $digest generation 1, applied " "$work/boot.log" &&
  grep -qx '  from: /etc/modgate/policy.conf' "$work/boot.log" &&
  grep -qx '  autoload privileged, load classic, unload classic, complain' "$work/boot.log" &&
  grep -qx 'modgate-report: status exit 0' "$work/boot.log" &&
  ! grep -q 'Mounting root file system' "$work/boot.log"   # it all happened before init went on to the root
}
check initramfs-boot-applies-policy "policy ${digest:-?} not in force at init-premount; the guest said: $(sed -n '/init-premount/,/status exit/p' "$work/boot.log" | head -n 20 | tr '\n' ';')" boot_ok
check initramfs-premount-prereqs "init-premount prereqs does not answer" sh -c "sh -n packaging/initramfs-tools/scripts/init-premount/modgate && [ -z \"\$(sh packaging/initramfs-tools/scripts/init-premount/modgate prereqs)\" ]"

# --- purge ----------------------------------------------------------------------------------------------------------
if in_root dpkg --purge modgate > "$work/purge.log" 2>&1; then
  left=$(for p in /usr/sbin/modgate /etc/modgate /var/log/modgate /lib/systemd/system/modgate.service /usr/share/initramfs-tools/hooks/modgate; do [ -e "$root$p" ] && echo "$p"; done)
  check dpkg-purge "left behind: $left" test -z "$left"
else
  fail dpkg-purge "$(tail -n 5 "$work/purge.log" | tr '\n' ';')"
fi
exit 0
