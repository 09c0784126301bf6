# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_QIPCRTR) autoloads qrtr.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded qrtr
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket qipcrtr dgram
expect_requested 'net-pf-42'
expect_loaded qrtr
