# After lock: modgate disable and modgate apply (of a policy that allows everything) exit 5 and change nothing.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
expect_status 5 -- modgate disable
expect_output_has "modgate: disable: policy is locked until reboot (locked since "
expect_status 5 -- modgate apply /tests/lock/allow-all.conf
expect_output_has "modgate: apply: policy is locked until reboot (locked since "
expect_status 5 -- modgate apply /tests/lock/deny-n_hdlc.conf
expect_status 0 -- modgate lock
expect_output_has "already locked"
expect_enforced
