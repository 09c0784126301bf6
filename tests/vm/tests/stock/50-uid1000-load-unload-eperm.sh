# Baseline, uid 1000 with no capabilities: every explicit load and unload is refused with EPERM.
. /usr/lib/modgate-vm/lib.sh
ko=$(elf_module_file nls_cp437)
U="--uid 1000 --caps none"
expect_trigger 1 'init_module: errno=EPERM (Operation not permitted)' -- $U init_module "$ko"
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- $U finit_module "$ko"
expect_trigger 1 'memfd_module: errno=EPERM (Operation not permitted)' -- $U memfd_module "$ko"
expect_not_loaded nls_cp437
expect_loaded n_hdlc   # loaded by 01-tiocsetd-n_hdlc
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- $U delete_module n_hdlc
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- $U delete_module n_hdlc trunc
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- $U delete_module n_hdlc int80
expect_loaded n_hdlc
