# Baseline, root: setsockopt(TCP_ULP, "tls") autoloads tls, then fails on the unconnected socket.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded tls
log_requests
expect_trigger 1 'tcp-ulp: errno=ENOTCONN (Transport endpoint is not connected)' -- tcp-ulp tls
expect_requested tcp-ulp-tls
expect_loaded tls
