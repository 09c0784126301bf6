# Baseline, root: a module another module depends on (can, used by can_bcm loaded by
# 11-socket-can-bcm) cannot be unloaded, forced or not; a missing module gives ENOENT.
. /usr/lib/modgate-vm/lib.sh
expect_loaded can can_bcm
expect_trigger 1 'delete_module: errno=EAGAIN (Resource temporarily unavailable)' -- delete_module can
expect_trigger 1 'delete_module: errno=EAGAIN (Resource temporarily unavailable)' -- delete_module can trunc
expect_trigger 1 'delete_module: errno=ENOENT (No such file or directory)' -- delete_module no_such_module
expect_loaded can
