# modgate's unload gate covers the x32 entry too: with `deny unload module=nls_utf8`, delete_module through
# the x32 ABI fails with EPERM and the module stays.
. /usr/lib/modgate-vm/lib.sh
printf 'version 1\ndeny unload module=nls_utf8\n' > /tmp/deny-nls.conf
expect_status 0 -- modgate apply /tmp/deny-nls.conf
is_loaded nls_utf8 || expect_trigger 0 ok -- finit_module "$(elf_module_file nls_utf8)"
expect_loaded nls_utf8
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module nls_utf8 x32
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module nls_utf8 x32 trunc
expect_loaded nls_utf8
expect_status 0 -- modgate disable
expect_trigger 0 ok -- delete_module nls_utf8 x32
expect_not_loaded nls_utf8
