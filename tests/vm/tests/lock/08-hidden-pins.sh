# After lock: the bpffs cannot be unmounted, but the mount can be moved and /sys/fs mounted over (switch_root moves
# /sys: the lock cannot forbid it). Either hides the pins from modgate's paths, not the programs: enforcement holds,
# and apply/disable still find the lock (by map id) and refuse.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
mkdir -p /mnt/moved
expect_status 0 -- mount --move /sys/fs/bpf /mnt/moved
[ ! -e /sys/fs/bpf/modgate ] || fail "the pins are still at /sys/fs/bpf/modgate"
expect_enforced
expect_status 5 -- modgate apply /tests/lock/allow-all.conf
expect_output_has "modgate: apply: policy is locked until reboot (locked since "
expect_status 5 -- modgate disable
expect_status 0 -- modgate lock
expect_output_has "already locked"
expect_enforced
expect_status 0 -- mount --move /mnt/moved /sys/fs/bpf
expect_status 0 -- mount -t tmpfs none /sys/fs
[ ! -e /sys/fs/bpf/modgate ] || fail "the pins are still visible under the tmpfs"
expect_status 5 -- modgate apply /tests/lock/allow-all.conf
expect_enforced
expect_status 0 -- umount /sys/fs
[ -e /sys/fs/bpf/modgate/lock/maps/mg_lock_state ] || fail "the pins did not come back"
