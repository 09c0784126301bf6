# Unload decisions read delete_module's arguments from the registers at the top of the kernel stack (no
# bpf_task_pt_regs before 5.15), for the 64-bit and the 32-bit entry; the name-race guard finds the name's VMA by
# walking the VMA tree (no bpf_find_vma before 5.17).
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/kernel-5.10/deny-unload.conf
expect_status 1 -- rmmod dummy
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy trunc
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module dummy int80
expect_loaded dummy
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module tun shared
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module tun threaded
expect_loaded tun
expect_trigger 0 ok -- delete_module tun
expect_not_loaded tun
expect_status 0 -- modgate apply /tests/kernel-5.10/unload-off.conf
expect_status 1 -- rmmod n_hdlc
expect_trigger 1 'delete_module: errno=EPERM (Operation not permitted)' -- delete_module n_hdlc trunc int80
expect_loaded n_hdlc dummy
