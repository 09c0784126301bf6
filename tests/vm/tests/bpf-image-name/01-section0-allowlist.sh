# Issue 14 #4: an image whose section header 0 (which the kernel never reads) is named .gnu.linkonce.this_module and
# points at a fake struct module named nls_cp437. The kernel loads what it finds from section 1 on: n_hdlc. modgate
# must judge that name too (before the fix it judged "nls_cp437" and the allowlist let n_hdlc in).
. /usr/lib/modgate-vm/lib.sh
printf 'version 1\nallow module=nls_cp437\ndefault deny\n' > /tmp/allow.conf
expect_status 0 -- modgate apply /tmp/allow.conf
expect_trigger 0 ok -- elf-mutate section0 "$(elf_module_file n_hdlc)" /tmp/section0.ko nls_cp437
expect_trigger 1 'init_module: errno=EPERM (Operation not permitted)' -- init_module /tmp/section0.ko
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module /tmp/section0.ko
expect_trigger 1 'memfd_module: errno=EPERM (Operation not permitted)' -- memfd_module /tmp/section0.ko
expect_not_loaded n_hdlc
# The module the allowlist names still loads.
expect_trigger 0 ok -- finit_module "$(elf_module_file nls_cp437)"
expect_loaded nls_cp437
