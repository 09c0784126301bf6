# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_KEY) autoloads af_key, although the call then fails with EPERM.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded af_key
log_requests
expect_trigger 1 'socket: errno=EPERM (Operation not permitted)' -- --uid 1000 --caps none socket key raw pfkeyv2
expect_requested 'net-pf-15'
expect_loaded af_key
