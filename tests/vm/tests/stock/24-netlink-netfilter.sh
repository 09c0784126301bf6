# Baseline, stock kernel, no policy, uid 1000 with no capabilities: socket(AF_NETLINK, NETLINK_NETFILTER) autoloads
# nfnetlink. Debian's 7.3 builds nfnetlink into the kernel: the socket works and the kernel asks for nothing.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nfnetlink
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none socket netlink raw 12
if kernel_has_symbol nfnetlink_subsys_register; then
  echo "nfnetlink is built into $(uname -r)"
  expect_no_request
else
  expect_requested 'net-pf-16-proto-12'
  expect_loaded nfnetlink
fi
