# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_NETLINK, NETLINK_NETFILTER) autoloads nfnetlink.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nfnetlink
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket netlink raw 12
expect_requested 'net-pf-16-proto-12'
expect_loaded nfnetlink
