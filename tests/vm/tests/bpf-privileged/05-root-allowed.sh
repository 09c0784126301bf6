# Root (CAP_SYS_MODULE in the initial namespace) still autoloads; the modprobe the kernel runs then loads it.
. /usr/lib/modgate-vm/lib.sh
expect_trigger 0 ok -- tiocsetd 13
expect_trigger 0 ok -- socket qipcrtr dgram
expect_trigger 0 ok -- socket rxrpc dgram 2
expect_trigger 0 ok -- open /dev/net/tun
expect_loaded n_hdlc qrtr rxrpc tun
if kernel_resolves tcp-ulp-tls; then   # Debian 11's 5.10 builds no tls
  expect_trigger 1 'tcp-ulp: errno=ENOTCONN (Transport endpoint is not connected)' -- tcp-ulp tls   # loads tls, then needs a connection
  expect_loaded tls
fi
