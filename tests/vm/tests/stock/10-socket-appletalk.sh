# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_APPLETALK) autoloads appletalk.
# Debian's 7.3 builds no appletalk: the kernel still asks for net-pf-5, nothing answers, the socket fails.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded appletalk
log_requests
expect_socket_autoload net-pf-5 appletalk -- socket appletalk dgram
