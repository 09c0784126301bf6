# The fmod_ret programs decide as the LSM ones: autoload (uid 1000 denied by privileged, root by the deny rule),
# explicit load by the name inside the image, unload by name, and the per-process mode of modgate exec.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock-bypass/lib.sh
expect_n_hdlc_refused
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- tiocsetd 13
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket qipcrtr dgram
expect_trigger 0 ok -- socket qipcrtr dgram
expect_loaded qrtr
expect_status 0 -- /sbin/modprobe dummy
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy trunc int80
expect_loaded dummy
expect_status 0 -- rmmod qrtr
expect_status 1 -- modgate exec --autoload=off -- trigger socket kcm dgram
expect_output_has 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)'
expect_not_loaded n_hdlc kcm
expect_trigger 0 ok -- socket kcm dgram
expect_loaded kcm
