# Baseline, uid 1000 keeping only CAP_NET_ADMIN: looking up a missing interface asks for
# netdev-NAME (the path `grant netdev-* cap=CAP_NET_ADMIN` is about) and loads sit; a congestion
# control algorithm autoloads tcp_vegas. Without the capability neither makes a request.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded sit tcp_vegas
log_requests
expect_trigger 1 'netdev: errno=ENODEV (No such device)' -- --uid 1000 --caps none netdev sit0
expect_trigger 1 'tcp-congestion: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps none tcp-congestion vegas
expect_no_request
expect_not_loaded sit tcp_vegas
expect_trigger 0 ok -- --uid 1000 --caps NET_ADMIN netdev sit0
expect_requested netdev-sit0
expect_loaded sit
expect_trigger 0 ok -- --uid 1000 --caps NET_ADMIN tcp-congestion vegas
expect_requested tcp_vegas
expect_loaded tcp_vegas
