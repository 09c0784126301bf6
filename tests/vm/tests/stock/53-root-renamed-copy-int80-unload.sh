# Baseline, root: a renamed copy of nls_cp1250.ko loads under its true name (the name inside the
# file, not the file name); the 32-bit delete_module entry (int 0x80) unloads it.
. /usr/lib/modgate-vm/lib.sh
cp "$(elf_module_file nls_cp1250)" /tmp/innocent.ko
expect_not_loaded nls_cp1250
expect_trigger 0 ok -- finit_module /tmp/innocent.ko
expect_loaded nls_cp1250
[ ! -e /sys/module/innocent ] || fail "a module named innocent appeared"
expect_trigger 0 ok -- delete_module nls_cp1250 int80
expect_not_loaded nls_cp1250
