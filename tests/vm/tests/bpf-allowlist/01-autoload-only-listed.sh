# Allowlist (default deny): a listed module autoloads (request and the kernel's modprobe load), others do not.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-allowlist/allowlist.conf
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
expect_loaded n_hdlc
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- socket appletalk dgram
expect_not_loaded appletalk
