# `load off` + `unload off` + the `lock` directive: apply locks at once (same as apply then modgate lock), sets
# kernel.modules_disabled=1, and no module can be unloaded, forced or not, nor the policy replaced.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/lock-unload/load-unload-off-lock.conf
expect_output_has "modgate: policy locked until reboot ("
expect_output_has "; kernel.modules_disabled=1)"
[ "$(cat /proc/sys/kernel/modules_disabled)" = 1 ] || fail "kernel.modules_disabled is not 1"
expect_status 1 -- rmmod -f dummy
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy trunc
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy trunc int80
expect_loaded dummy
expect_status 1 -- modprobe tun
expect_not_loaded tun
expect_status 5 -- modgate apply /tests/lock-unload/unload-classic.conf
expect_output_has "policy is locked until reboot"
expect_status 1 -- rmmod -f dummy
expect_loaded dummy
expect_status 0 -- modgate status --wide
expect_output_has "locked: yes"
expect_output_has "protected: kernel.modules_disabled: 1 (load off + lock)"
