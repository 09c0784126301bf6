# Allowlist through the reduced object: only listed modules load; explicit loads are judged by the name inside the
# image (a bounded section scan), also renamed, from memory or a memfd; origin=autoload is told by the kernel's
# modprobe having a kernel-thread parent.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/kernel-5.10/allowlist.conf
cp437=$(module_file nls_cp437)
expect_status 1 -- insmod "$cp437"
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module "$cp437"
cp "$cp437" /tmp/tun.ko
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module /tmp/tun.ko
expect_trigger 1 'init_module: errno=EPERM (Operation not permitted)' -- init_module /tmp/tun.ko
expect_trigger 1 'memfd_module: errno=EPERM (Operation not permitted)' -- memfd_module /tmp/tun.ko
expect_not_loaded nls_cp437
# n_hdlc is allowed only with origin=autoload: insmod by hand is explicit.
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module "$(module_file n_hdlc)"
expect_not_loaded n_hdlc
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket appletalk dgram
expect_not_loaded appletalk
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
expect_loaded n_hdlc
expect_trigger 0 ok -- init_module "$(module_file tun)"
expect_status 0 -- modprobe dummy
expect_loaded tun dummy
