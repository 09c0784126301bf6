# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_SMC) autoloads smc (and ib_core).
# Debian's 7.3 builds no smc: the kernel still asks for net-pf-43, nothing answers, the socket fails.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded smc ib_core
log_requests
expect_socket_autoload net-pf-43 smc ib_core -- socket smc stream
