# After lock: no pin can be removed, moved, replaced, hard-linked or opened, and the bpffs cannot be unmounted or hidden.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
pins=$(find /sys/fs/bpf/modgate -type f)
[ "$(echo "$pins" | wc -l)" -eq "$ALL_PINS" ] ||
  fail "expected $ALL_PINS pins ($MG_LINKS+$MG_PINNED_MAPS modgate, $LOCK_LINKS+$LOCK_PINNED_MAPS lock): $pins"
for pin in $pins; do
  expect_status 1 -- rm -f "$pin"
  expect_output_has "Operation not permitted"
  expect_status 1 -- mv "$pin" /sys/fs/bpf/stolen
  expect_output_has "Operation not permitted"
  [ -e "$pin" ] || fail "$pin is gone"
done
for dir in /sys/fs/bpf/modgate/links /sys/fs/bpf/modgate/maps /sys/fs/bpf/modgate/lock /sys/fs/bpf/modgate; do
  expect_status 1 -- mv "$dir" /sys/fs/bpf/stolen
  expect_output_has "Operation not permitted"
done
expect_status 1 -- rm -rf /sys/fs/bpf/modgate
expect_status 1 -- ln /sys/fs/bpf/modgate/links/mg_module_request /sys/fs/bpf/hardlink
expect_output_has "Operation not permitted"
# A pin of one's own renamed over modgate's would unlink it.
expect_status 0 -- mkdir /sys/fs/bpf/other
expect_status 0 -- bpftool map create /sys/fs/bpf/other/decoy type array key 4 value 16 entries 1 name decoy
expect_status 1 -- mv /sys/fs/bpf/other/decoy /sys/fs/bpf/modgate/maps/mg_state
expect_output_has "Operation not permitted"
expect_status 1 -- umount /sys/fs/bpf
expect_output_has "Operation not permitted"
expect_status 1 -- umount -l /sys/fs/bpf
expect_status 1 -- umount -f /sys/fs/bpf
expect_status 1 -- mount -t tmpfs none /sys/fs/bpf
expect_status 1 -- mount -t tmpfs none /sys/fs/bpf/modgate
bpffs_mounted || fail "bpffs no longer mounted"
[ "$(find /sys/fs/bpf/modgate -type f | wc -l)" -eq "$ALL_PINS" ] || fail "pins lost"
expect_enforced
