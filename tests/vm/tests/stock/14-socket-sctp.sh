# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) autoloads sctp (sctp cannot be unloaded afterwards).
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded sctp
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket inet stream sctp
expect_requested 'net-pf-2-proto-132-type-1'
expect_loaded sctp
