# Baseline, root: setsockopt(TCP_ULP, "tls") autoloads tls, then fails on the unconnected socket.
# Debian 11's 5.10 builds no tls: the kernel asks for tcp-ulp-tls, nothing answers, the ULP is unknown.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded tls
log_requests
if kernel_resolves tcp-ulp-tls; then
  expect_trigger 1 'tcp-ulp: errno=ENOTCONN (Transport endpoint is not connected)' -- tcp-ulp tls
  expect_requested tcp-ulp-tls
  expect_loaded tls
else
  expect_trigger 1 'tcp-ulp: errno=ENOENT (No such file or directory)' -- tcp-ulp tls
  expect_requested tcp-ulp-tls
  echo "no module of $(uname -r) answers tcp-ulp-tls"
fi
