# Without any unload rule that looks at a name, the race guard stays off: the threaded and shared unloads that
# 03-name-race-guard saw refused go through (so that test can fail). The policy still names modules, for loads.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-unload/no-unload-names.conf
expect_status 0 -- modprobe nls_cp437
expect_trigger 0 'ok' -- delete_module nls_cp437 threaded
expect_not_loaded nls_cp437
expect_status 0 -- modprobe nls_cp437
expect_trigger 0 'ok' -- delete_module nls_cp437 shared
expect_not_loaded nls_cp437
