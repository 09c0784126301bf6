# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_KCM) autoloads kcm.
# Debian 11's 5.10 builds no kcm: the kernel still asks for net-pf-41, nothing answers, the socket fails.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded kcm
log_requests
if kernel_resolves net-pf-41; then
  expect_trigger 0 'ok' -- --uid 1000 --caps none socket kcm dgram
  expect_requested 'net-pf-41'
  expect_loaded kcm
else
  expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket kcm dgram
  expect_requested 'net-pf-41'
  echo "no module of $(uname -r) answers net-pf-41"
fi
