# Issue 14 #8 after lock: no unmount, lazy or not, of any mount above the pins' bpffs, directly, after moving the
# bpffs under another mount, or through propagation from another mount namespace; a namespace's own copies are free.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock-bypass/lib.sh
expect_status 1 -- umount -l /sys
expect_output_has "Operation not permitted"
expect_status 1 -- umount /sys
expect_status 1 -- umount -l /sys/fs/bpf
# Moved under a mount of its own, that mount is now above the pins.
mkdir -p /tmp/holder && mount -t tmpfs holder /tmp/holder && mkdir /tmp/holder/bpf || fail "holder mount"
expect_status 0 -- mount --move /sys/fs/bpf /tmp/holder/bpf
expect_status 1 -- umount -l /tmp/holder
expect_output_has "Operation not permitted"
expect_status 0 -- mount --move /tmp/holder/bpf /sys/fs/bpf
expect_status 0 -- umount /tmp/holder
# Another mount namespace: with private propagation its copy of /sys goes alone; with shared propagation the unmount
# would reach the original, so it is refused.
expect_status 0 -- trigger --mountns run umount -l /sys
expect_status 0 -- mount --make-rshared /
expect_status 1 -- trigger --mountns run umount -l /sys
expect_output_has "Operation not permitted"
expect_n_hdlc_refused
[ -e /sys/fs/bpf/modgate ] || fail "the pins are gone"
