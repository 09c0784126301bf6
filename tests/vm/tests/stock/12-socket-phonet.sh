# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_PHONET) autoloads phonet, although the call then fails with EPERM.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded phonet
log_requests
expect_trigger 1 'socket: errno=EPERM (Operation not permitted)' -- --uid 1000 --caps none socket phonet dgram
expect_requested 'net-pf-35'
expect_loaded phonet
