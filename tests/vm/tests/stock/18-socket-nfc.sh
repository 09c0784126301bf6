# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_NFC, SOCK_DGRAM) autoloads nfc, although the type is then refused.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nfc
log_requests
expect_trigger 1 'socket: errno=ESOCKTNOSUPPORT (Socket type not supported)' -- --uid 1000 --caps none socket nfc dgram
expect_requested 'net-pf-39'
expect_loaded nfc
