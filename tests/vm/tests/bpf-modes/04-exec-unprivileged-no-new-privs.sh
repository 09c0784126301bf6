# An unprivileged caller gets no_new_privs (as with seccomp) and the mode applies to it.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- as_user modgate exec --autoload=off -- trigger id
expect_output_has 'NoNewPrivs:	1'
expect_status 1 -- as_user modgate exec --autoload=off -- trigger socket qipcrtr dgram
expect_output_has 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)'
expect_not_loaded qrtr
expect_status 0 -- as_user trigger socket qipcrtr dgram
expect_loaded qrtr
