# Baseline: with `unload classic`, root unloads a module, forced (O_TRUNC) too.
. /usr/lib/modgate-vm/lib.sh
# Nothing to lock yet, and only root may lock.
expect_status 1 -- modgate lock
expect_output_has "modgate: lock: no policy applied: run modgate apply first, then modgate lock"
expect_status 0 -- modgate status --wide
expect_output_has "locked: no"
expect_status 0 -- modgate apply /tests/lock-unload/unload-classic.conf
expect_status 4 -- as_user modgate lock
expect_output_has "modgate: lock: permission denied: needs root"
expect_status 0 -- modprobe dummy
expect_status 0 -- modprobe tun
expect_status 0 -- modprobe kcm
expect_status 0 -- rmmod -f tun
expect_not_loaded tun
expect_trigger 0 ok -- delete_module kcm trunc
expect_not_loaded kcm
[ "$(cat /proc/sys/kernel/modules_disabled)" = 0 ] || fail "modules_disabled already set"
