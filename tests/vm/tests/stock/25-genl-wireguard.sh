# Baseline, stock kernel, no policy, uid 1000 with no capabilities: a generic-netlink family lookup of wireguard autoloads wireguard.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded wireguard
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none genl-family wireguard
expect_requested 'net-pf-16-proto-16-family-wireguard'
expect_loaded wireguard
