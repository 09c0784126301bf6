# Issue 14 #6 after lock: kernel.ftrace_enabled cannot be written; the programs keep running.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock-bypass/lib.sh
expect_status 1 -- sysctl -w kernel.ftrace_enabled=0
expect_output_has "Operation not permitted"
expect_trigger 1 'open: errno=EPERM (Operation not permitted)' -- open /proc/sys/kernel/ftrace_enabled
[ "$(cat /proc/sys/kernel/ftrace_enabled)" = 1 ] || fail "ftrace_enabled is $(cat /proc/sys/kernel/ftrace_enabled)"
expect_status 0 -- sysctl kernel.ftrace_enabled
expect_n_hdlc_refused
