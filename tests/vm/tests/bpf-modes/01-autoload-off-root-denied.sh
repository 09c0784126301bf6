# autoload off: root is denied too.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-modes/off.conf
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- tiocsetd 13
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- socket appletalk dgram
expect_not_loaded n_hdlc appletalk
