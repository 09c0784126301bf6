# Baseline, stock kernel, no policy, uid 1000 with no capabilities: in its own user+net namespace, ip link add type dummy autoloads dummy.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded dummy
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none --userns --netns link-add dummy
expect_requested 'rtnl-link-dummy'
expect_loaded dummy
