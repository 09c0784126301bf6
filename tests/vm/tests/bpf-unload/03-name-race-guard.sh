# With a by-name unload rule (deny unload module=dummy) in force, an unload the rules allow is still refused
# when the name could be rewritten after modgate read it: a second thread alive (mm_users > 1), or the name in
# a MAP_SHARED mapping. The same unload from a single thread with a private name goes through.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-unload/deny-dummy.conf
expect_status 0 -- modprobe nls_cp437
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module nls_cp437 threaded
expect_loaded nls_cp437
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module nls_cp437 shared
expect_loaded nls_cp437
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module nls_cp437 threaded int80
expect_loaded nls_cp437
expect_trigger 0 'ok' -- delete_module nls_cp437
expect_not_loaded nls_cp437
# The denied name stays denied whatever the thread count.
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy threaded
expect_loaded dummy
