# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_KCM) autoloads kcm.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded kcm
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket kcm dgram
expect_requested 'net-pf-41'
expect_loaded kcm
