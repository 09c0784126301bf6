# Baseline, root: finit_module on a memfd (no file on any filesystem) loads nls_iso8859_1.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nls_iso8859_1
expect_trigger 0 ok -- memfd_module "$(elf_module_file nls_iso8859_1)"
expect_loaded nls_iso8859_1
expect_trigger 0 ok -- delete_module nls_iso8859_1
expect_not_loaded nls_iso8859_1
