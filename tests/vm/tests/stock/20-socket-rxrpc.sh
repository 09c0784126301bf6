# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_RXRPC) autoloads rxrpc.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded rxrpc
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket rxrpc dgram 2
expect_requested 'net-pf-33'
expect_loaded rxrpc
