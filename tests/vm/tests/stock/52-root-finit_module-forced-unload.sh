# Baseline, root: finit_module loads nls_cp850; a forced unload (O_TRUNC) removes it.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nls_cp850
expect_trigger 0 ok -- finit_module "$(elf_module_file nls_cp850)"
expect_loaded nls_cp850
expect_trigger 0 ok -- delete_module nls_cp850 trunc
expect_not_loaded nls_cp850
