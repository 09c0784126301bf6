# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_SMC) autoloads smc (and ib_core).
# Debian's 7.3 builds no smc: the kernel still asks for net-pf-43, nothing answers, the socket fails.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded smc ib_core
log_requests
if kernel_resolves net-pf-43; then
  expect_trigger 0 'ok' -- --uid 1000 --caps none socket smc stream
  expect_requested 'net-pf-43'
  expect_loaded smc ib_core
else
  expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket smc stream
  expect_requested 'net-pf-43'
  echo "no module of $(uname -r) answers net-pf-43"
fi
