# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_APPLETALK) autoloads appletalk.
# Debian's 7.3 builds no appletalk: the kernel still asks for net-pf-5, nothing answers, the socket fails.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded appletalk
log_requests
if kernel_resolves net-pf-5; then
  expect_trigger 0 'ok' -- --uid 1000 --caps none socket appletalk dgram
  expect_requested 'net-pf-5'
  expect_loaded appletalk
else
  expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket appletalk dgram
  expect_requested 'net-pf-5'
  echo "no module of $(uname -r) answers net-pf-5"
fi
