# deny unload module=dummy: rmmod, forced delete_module and the 32-bit entry all fail; dummy stays; others unload.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-unload/deny-dummy.conf
expect_status 0 -- modprobe dummy
expect_status 0 -- modprobe tun
expect_status 0 -- modprobe phonet
expect_status 1 -- rmmod dummy
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy trunc
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy int80
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy trunc int80
expect_loaded dummy
expect_status 0 -- rmmod tun
expect_not_loaded tun
