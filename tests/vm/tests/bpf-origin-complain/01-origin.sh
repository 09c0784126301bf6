# origin: the load done by the modprobe the kernel spawned for an autoload carries origin=autoload; modprobe run by
# a user carries origin=explicit.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-origin-complain/origin.conf
expect_status 1 -- modprobe kcm
expect_output_has 'Operation not permitted'
expect_not_loaded kcm
expect_trigger 0 ok -- socket kcm dgram
expect_loaded kcm
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- socket qipcrtr dgram
expect_not_loaded qrtr
expect_status 0 -- modprobe qrtr
expect_loaded qrtr
