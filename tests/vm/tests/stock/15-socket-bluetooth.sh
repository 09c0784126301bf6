# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_BLUETOOTH, SOCK_RAW, BTPROTO_HCI) autoloads bluetooth.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded bluetooth
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket bluetooth raw 1
expect_requested 'net-pf-31'
expect_loaded bluetooth
