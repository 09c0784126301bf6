#!/usr/bin/env bash
# build-base.sh KERNEL_ROOT VERSION OUT.cpio.gz [USERLAND_ROOT]
# The guest's base layer: busybox, kmod (the real modprobe the kernel calls), bpftool, the trigger
# program, a uid-1000 user, the guest init and test library, and the module subset of modules.list.
# modgate and the tests come in later layers (see run.sh), so that changing them needs no rebuild here.
# With USERLAND_ROOT (scripts/fetch-debian-kernel.sh --userland: another release's kmod and libc), also
# OUT.userland.cpio.gz (OUT without .cpio.gz): that user space as a layer the guest unpacks after the modgate
# layer (lib/userland-layer.sh), so that its kmod and libraries replace this machine's.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kroot=$1; ver=$2; out=$3; userland=${4:-}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
r=$work/root
mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,mnt,root,home/user,var/log,usr/lib/modgate-vm}

# busybox provides the shell and the usual tools; kmod overrides its module applets.
cp /bin/busybox "$r/bin/busybox"
for applet in $(/bin/busybox --list-full); do
  [ -e "$r/$applet" ] || ln -s /bin/busybox "$r/$applet"
done
"$here/lib/copy-with-libs.sh" "$r" /usr/bin/kmod /usr/sbin/bpftool
for tool in modprobe insmod rmmod lsmod modinfo depmod; do
  rm -f "$r/sbin/$tool" "$r/bin/$tool" "$r/usr/sbin/$tool" "$r/usr/bin/$tool"
  ln -s /usr/bin/kmod "$r/sbin/$tool"
done
printf '%s\n' /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu > "$r/etc/ld.so.conf"
ldconfig -r "$r"

gcc -static -O2 -Wall -Wextra -Werror -o "$r/usr/bin/trigger" "$here/guest/trigger.c"
# Loads BPF_PROG_TYPE_EXT (freplace) programs, which bpftool cannot: the lock tests attack modgate with it.
# sd_notify listener and denied-autoload burst for the agent's tests (tests/vm/tests/agent).
gcc -static -O2 -Wall -Wextra -Werror -o "$r/usr/bin/agent-helper" "$here/guest/agent-helper.c"
gcc -static -O2 -Wall -Wextra -Werror -o "$r/usr/bin/freplace-attack" "$here/guest/freplace-attack.c" -lbpf -lelf -lz
install -m 0755 "$here/guest/init" "$r/init"
install -m 0755 "$here/guest/modprobe-logger" "$r/usr/lib/modgate-vm/modprobe-logger"
install -m 0644 "$here/guest/lib.sh" "$r/usr/lib/modgate-vm/lib.sh"

cat > "$r/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
user:x:1000:1000:unprivileged test user:/home/user:/bin/sh
PASSWD
printf 'root:x:0:\nuser:x:1000:\n' > "$r/etc/group"

echo modgate-guest > "$r/etc/hostname"

"$here/lib/modules-subset.sh" "$kroot" "$ver" "$here/modules.list" "$r"

# Facts of the kernel image that a guest test cannot find out in the guest (read by lib.sh's kernel_fact):
# binfmt_request: exec of an unknown binary format asks for binfmt-XXXX (fs/exec.c's request_module, whose format
# string is in the image through 6.12 and gone from Debian's 7.3). MODGATE_VM_VMLINUX: the uncompressed image
# (lib/kernel.sh); a compressed one leaves the fact unknown, which the tests that need it report as a failure.
vmlinux=${MODGATE_VM_VMLINUX:-}
binfmt_request=unknown
if [ -s "$vmlinux" ] && [ "$(head -c4 "$vmlinux" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
  if LC_ALL=C grep -qaF 'binfmt-%04x' "$vmlinux"; then binfmt_request=yes; else binfmt_request=no; fi
fi
echo "binfmt_request=$binfmt_request" > "$r/usr/lib/modgate-vm/kernel-facts"

pack() { # DIR OUT
  (cd "$1" && find . -print0 | cpio --null -o -H newc --owner=+0:+0 --quiet) | gzip -1 > "$2.tmp"
  mv "$2.tmp" "$2"
}
if [ -n "$userland" ]; then
  mkdir -p "$work/userland"; chmod 0755 "$work/userland"
  "$here/lib/userland-layer.sh" "$userland" "$work/userland"
  pack "$work/userland" "${out%.cpio.gz}.userland.cpio.gz"
fi
pack "$r" "$out"
