# unload off: no module can be unloaded, by any entry.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-unload/unload-off.conf
expect_status 1 -- rmmod phonet
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module phonet trunc
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module phonet int80
expect_loaded phonet dummy
