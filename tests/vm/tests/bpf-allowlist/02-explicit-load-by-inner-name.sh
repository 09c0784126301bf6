# Explicit loads are judged by the name inside the module: modprobe/insmod of a listed module work; an unlisted
# one is refused by finit_module, init_module from memory and a memfd, also when renamed to a listed file name.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modprobe dummy
expect_loaded dummy
phonet=$(elf_module_file phonet)
expect_status 1 -- modprobe phonet
expect_status 1 -- insmod "$phonet"
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module "$phonet"
cp "$phonet" /tmp/tun.ko
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module /tmp/tun.ko
expect_trigger 1 'init_module: errno=EPERM (Operation not permitted)' -- init_module /tmp/tun.ko
expect_trigger 1 'memfd_module: errno=EPERM (Operation not permitted)' -- memfd_module /tmp/tun.ko
expect_not_loaded phonet
expect_trigger 0 ok -- init_module "$(elf_module_file tun)"
expect_loaded tun
