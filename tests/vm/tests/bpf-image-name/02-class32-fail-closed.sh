# Issue 14 #4: the ELF class byte says 32-bit; the kernel does not check it and loads the module, while modgate could
# not read a name (it judged the empty name, which `deny module=n_hdlc` never matches). A name modgate cannot read
# never passes a rule that needs one: refused wherever a load rule names modules, loaded where none does.
. /usr/lib/modgate-vm/lib.sh
printf 'version 1\ndeny module=n_hdlc\n' > /tmp/deny.conf
expect_status 0 -- modgate apply /tmp/deny.conf
expect_trigger 0 ok -- elf-mutate class32 "$(elf_module_file n_hdlc)" /tmp/n_hdlc-class32.ko
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module /tmp/n_hdlc-class32.ko
expect_trigger 1 'init_module: errno=EPERM (Operation not permitted)' -- init_module /tmp/n_hdlc-class32.ko
expect_not_loaded n_hdlc
# Any other unnamed image is refused under that policy too (fail closed) ...
expect_trigger 0 ok -- elf-mutate class32 "$(elf_module_file dummy)" /tmp/dummy-class32.ko
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module /tmp/dummy-class32.ko
expect_not_loaded dummy
# ... and the kernel really loads such an image when no rule needs a name: the attack was real.
printf 'version 1\nload classic\n' > /tmp/classic.conf
expect_status 0 -- modgate apply /tmp/classic.conf
expect_trigger 0 ok -- finit_module /tmp/dummy-class32.ko
expect_loaded dummy
