# modgate lock's programs pass the 5.10 verifier too: the policy in force (unload off) is locked, disable is refused
# with exit 5, the pins cannot be removed, and unload stays refused.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate lock
expect_output_has 'modgate: policy locked until reboot'
expect_status 0 -- modgate status --wide
expect_output_has 'locked: yes'
expect_status 5 -- modgate disable
rm /sys/fs/bpf/modgate/links/mg_capable 2>/dev/null && fail "a pinned link was removed after lock"
expect_status 1 -- rmmod dummy
expect_loaded dummy
