# Baseline, stock kernel, no policy, uid 1000 with no capabilities: opening /dev/net/tun (static node, char 10:200) autoloads tun.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded tun
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none open /dev/net/tun
expect_requested 'char-major-10-200'
expect_loaded tun
