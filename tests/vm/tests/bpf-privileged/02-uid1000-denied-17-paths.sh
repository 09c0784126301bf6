# autoload privileged: uid 1000 without capabilities is denied every autoload path the stock kernel gives it
# (tests/vm/tests/stock), the caller sees the errno of a missing module, and no module is loaded. Where a kernel lacks
# the module (appletalk, smc on Debian's 7.3) the request is still made and denied, with the same errno.
. /usr/lib/modgate-vm/lib.sh
EAFNO='errno=EAFNOSUPPORT (Address family not supported by protocol)'
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none tiocsetd 13
expect_trigger 1 "socket: $EAFNO" -- --uid 1000 --caps none socket appletalk dgram
expect_trigger 1 "socket: $EAFNO" -- --uid 1000 --caps none socket can dgram can-bcm
expect_trigger 1 "socket: $EAFNO" -- --uid 1000 --caps none socket kcm dgram
expect_trigger 1 "socket: $EAFNO" -- --uid 1000 --caps none socket smc stream
expect_trigger 1 "socket: $EAFNO" -- --uid 1000 --caps none socket qipcrtr dgram
expect_trigger 1 "socket: $EAFNO" -- --uid 1000 --caps none socket bluetooth raw 1
expect_trigger 1 "socket: $EAFNO" -- --uid 1000 --caps none socket rxrpc dgram 2
expect_trigger 1 "af_alg: socket: $EAFNO" -- --uid 1000 --caps none af_alg hash md4
expect_trigger 1 'open: errno=ENODEV (No such device)' -- --uid 1000 --caps none open /dev/net/tun
if builtin_module fuse; then   # Debian 13's 6.12: nothing to autoload, nothing to deny
  expect_trigger 0 ok -- --uid 1000 --caps none open /dev/fuse
else
  expect_trigger 1 'open: errno=ENODEV (No such device)' -- --uid 1000 --caps none open /dev/fuse
fi
expect_trigger 1 'genl-family: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps none genl-family wireguard
if kernel_has_symbol nfnetlink_subsys_register; then   # built into Debian's 7.3: nothing to autoload, nothing to deny
  expect_trigger 0 ok -- --uid 1000 --caps none socket netlink raw 12
else
  expect_trigger 1 'socket: errno=EPROTONOSUPPORT (Protocol not supported)' -- --uid 1000 --caps none socket netlink raw 12
fi
expect_trigger 1 'binfmt: errno=ENOEXEC (Exec format error)' -- --uid 1000 --caps none binfmt /tmp/unknown.bin
expect_trigger 1 'mount: errno=ENODEV (No such device)' -- --uid 1000 --caps none --userns --mountns mount hfs
expect_trigger 1 'link-add: errno=EOPNOTSUPP (Operation not supported)' -- --uid 1000 --caps none --userns --netns link-add dummy
if kernel_has_symbol nfnetlink_subsys_register; then   # the socket exists; nf_tables' own request is denied
  expect_trigger 1 'nfnl-subsys: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none --userns --netns nfnl-subsys 10
else
  expect_trigger 1 'netlink: socket: errno=EPROTONOSUPPORT (Protocol not supported)' -- --uid 1000 --caps none --userns --netns nfnl-subsys 10
fi
expect_not_loaded n_hdlc appletalk can can_bcm kcm smc qrtr bluetooth rxrpc af_alg md4 tun fuse wireguard nfnetlink hfs dummy nf_tables
