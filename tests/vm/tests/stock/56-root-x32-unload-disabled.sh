# Baseline, root: Debian's kernel has the x32 ABI but disables it unless booted with
# syscall.x32=y, so delete_module through x32 fails with ENOSYS and the module stays.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nls_utf8
expect_trigger 0 ok -- finit_module "$(elf_module_file nls_utf8)"
expect_trigger 1 'delete_module: errno=ENOSYS (Function not implemented)' -- delete_module nls_utf8 x32
expect_loaded nls_utf8
expect_trigger 0 ok -- delete_module nls_utf8
expect_not_loaded nls_utf8
