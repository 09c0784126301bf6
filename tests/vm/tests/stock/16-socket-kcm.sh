# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_KCM) autoloads kcm.
# Debian 11's 5.10 builds no kcm: the kernel still asks for net-pf-41, nothing answers, the socket fails.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded kcm
log_requests
expect_socket_autoload net-pf-41 kcm -- socket kcm dgram
