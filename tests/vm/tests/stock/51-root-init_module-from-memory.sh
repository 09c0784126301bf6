# Baseline, root: init_module from a memory buffer loads nls_cp437; delete_module unloads it.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nls_cp437
expect_trigger 0 ok -- init_module "$(elf_module_file nls_cp437)"
expect_loaded nls_cp437
expect_trigger 0 ok -- delete_module nls_cp437
expect_not_loaded nls_cp437
