# After lock: kernel.modprobe (the helper every autoload runs) cannot be pointed elsewhere, by sysctl or by open(2).
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
before=$(cat /proc/sys/kernel/modprobe)
expect_status 1 -- sysctl -w kernel.modprobe=/tmp/x
expect_output_has "Operation not permitted"
expect_trigger 1 'open: errno=EPERM (Operation not permitted)' -- open /proc/sys/kernel/modprobe
[ "$(cat /proc/sys/kernel/modprobe)" = "$before" ] || fail "kernel.modprobe changed to $(cat /proc/sys/kernel/modprobe)"
# Reading it and writing other sysctls still work.
expect_status 0 -- sysctl kernel.modprobe
expect_status 0 -- sysctl -w kernel.printk_ratelimit=5
expect_enforced
