# Baseline, stock kernel, no policy, uid 1000 with no capabilities: in its own user+mount namespace, mount -t hfs autoloads hfs before the mount is refused.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded hfs
log_requests
expect_trigger 1 'mount: errno=EPERM (Operation not permitted)' -- --uid 1000 --caps none --userns --mountns mount hfs
expect_requested 'fs-hfs'
expect_loaded hfs
