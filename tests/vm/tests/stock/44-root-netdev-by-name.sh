# Baseline, root: looking up a missing interface named like a module makes the kernel ask for
# netdev-NAME (CAP_NET_ADMIN) and, as that resolves to nothing, for NAME itself (CAP_SYS_MODULE):
# the legacy path by which an interface name loads any module, here tcp_htcp.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded tcp_htcp
log_requests
expect_trigger 1 'netdev: errno=ENODEV (No such device)' -- netdev tcp_htcp
expect_requested netdev-tcp_htcp
expect_requested tcp_htcp
expect_loaded tcp_htcp
