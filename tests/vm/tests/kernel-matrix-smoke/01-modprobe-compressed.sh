# The kernel matrix's smoke test (also a --script for any --kernel): which kernel and kmod the guest has, and
# that `modprobe wp512` loads the module the way the release's own kmod does it. The kernel's syscall
# tracepoints show the call: with a module file compressed in the kernel's own format (/sys/module/compression,
# CONFIG_MODULE_DECOMPRESS) a kmod that uses in-kernel decompression (trixie's) calls finit_module with
# MODULE_INIT_COMPRESSED_FILE (flags 4), Debian 13's path; an uncompressed .ko (Debian 12) is a plain
# finit_module (flags 0); bookworm's kmod with a .ko.xz would decompress itself and call init_module.
# kmod by its path: the guest's busybox sh runs its own applets first (busybox-static prefers applets), so a
# bare `modprobe` in a test is busybox's modprobe, not kmod.
. /usr/lib/modgate-vm/lib.sh
echo "kernel: $(uname -r)"
/sbin/modprobe --version
echo "libc: $(/lib64/ld-linux-x86-64.so.2 --version | head -n 1)"
[ ! -e /usr/lib/modgate-vm/userland.packages ] || { echo "user space packages:"; sed 's/^/  /' /usr/lib/modgate-vm/userland.packages; }
compression=$(cat /sys/module/compression 2>/dev/null) || compression=none
echo "/sys/module/compression: $compression"
# This machine's (bookworm's) binaries on the guest's libc.
bpftool version | head -n 1 || fail "bpftool does not run"
! command -v modgate >/dev/null || modgate --version || fail "modgate does not run"

file=$(/sbin/modinfo -n wp512) || fail "modinfo -n wp512"
echo "module file: $file"
expect_not_loaded wp512
t=/sys/kernel/tracing
echo > $t/trace
echo 1 > $t/events/syscalls/sys_enter_finit_module/enable
echo 1 > $t/events/syscalls/sys_enter_init_module/enable
/sbin/modprobe -v wp512; rc=$?
echo 0 > $t/events/syscalls/sys_enter_finit_module/enable
echo 0 > $t/events/syscalls/sys_enter_init_module/enable
calls=$(grep -E 'sys_(f)?init_module\(' $t/trace | sed 's/^ *//')
echo "module syscalls: $calls"
[ $rc -eq 0 ] || fail "modprobe wp512 exited $rc"
expect_loaded wp512
[ -d /sys/module/wp512 ] || fail "no /sys/module/wp512"
case $file:$compression in
  *.ko.xz:xz|*.ko.zst:zstd|*.ko.gz:gzip) want='sys_finit_module\(.*flags: (0x)?0*4\)' ;;
  *.ko:*) want='sys_finit_module\(.*flags: (0x)?0\)' ;;
  *) want='sys_init_module\(' ;;
esac
echo "$calls" | grep -qE "$want" || fail "expected a call matching '$want'"
echo "ok: wp512 loaded by $(/sbin/modprobe --version | head -n 1) through '$want'"
