# Issue 14 #3: delete_module's name in a page not faulted in yet: the kernel reads it (and faults it in), modgate's
# hook cannot, and judged the empty name, which `deny unload module=dummy` never matched: dummy was unloaded.
. /usr/lib/modgate-vm/lib.sh
expect_loaded dummy nls_cp437
printf 'version 1\ndeny unload module=dummy\n' > /tmp/deny-unload.conf
expect_status 0 -- modgate apply /tmp/deny-unload.conf
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy unfaulted
expect_loaded dummy
# A name modgate cannot read is refused whatever it is, while a rule looks at unload names (fail closed) ...
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module nls_cp437 unfaulted
expect_loaded nls_cp437
# ... and read normally, the same module unloads.
expect_trigger 0 ok -- delete_module nls_cp437
expect_not_loaded nls_cp437
