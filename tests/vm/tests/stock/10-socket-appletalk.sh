# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_APPLETALK) autoloads appletalk.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded appletalk
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket appletalk dgram
expect_requested 'net-pf-5'
expect_loaded appletalk
