# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_SMC) autoloads smc (and ib_core).
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded smc ib_core
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket smc stream
expect_requested 'net-pf-43'
expect_loaded smc ib_core
