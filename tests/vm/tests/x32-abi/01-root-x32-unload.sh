# Booted with syscall.x32=y (see cmdline): root unloads a module through the x32 delete_module
# entry, a third way into delete_module that an unload gate must cover.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nls_utf8
expect_trigger 0 ok -- finit_module "$(elf_module_file nls_utf8)"
expect_loaded nls_utf8
expect_trigger 0 ok -- delete_module nls_utf8 x32
expect_not_loaded nls_utf8
