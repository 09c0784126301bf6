# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_CAN, SOCK_DGRAM, CAN_BCM) autoloads can, then can_bcm.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded can can_bcm
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket can dgram can-bcm
expect_requested 'net-pf-29'
expect_requested 'can-proto-2'
expect_loaded can can_bcm
