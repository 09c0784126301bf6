# Baseline, root: setsockopt(TCP_CONGESTION, "bbr") autoloads tcp_bbr.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded tcp_bbr
log_requests
expect_trigger 0 ok -- tcp-congestion bbr
expect_requested tcp_bbr
expect_loaded tcp_bbr
