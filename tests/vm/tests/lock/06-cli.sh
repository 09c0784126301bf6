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
expect_status 0 -- modgate lock --json
expect_output_has '"schema": 1,'
expect_output_has '"alreadyLocked": true,'
expect_output_has '"name": "lsm/sb_umount",'
expect_enforced
# Per-process modes: modgate exec (prctl, written by the kernel side) still raises modes; modgate restrict (a bpf()
# write to task storage) is refused like every other write to modgate's maps. Without task storage (the reduced
# object) both say the kernel cannot, locked or not.
sleep 100 &
if [ "$PER_PROCESS_MODES" = yes ]; then
  expect_status 0 -- modgate exec --autoload=off -- true
  expect_status 1 -- modgate restrict --pid $! --autoload=off
  expect_output_has "bpf(BPF_OBJ_GET, /sys/fs/bpf/modgate/maps/mg_tasks) failed: EPERM"
else
  expect_status 3 -- modgate exec --autoload=off -- true
  expect_output_has "modgate: exec: "
  expect_status 3 -- modgate restrict --pid $! --autoload=off
  expect_output_has "modgate: restrict: "
fi
kill $!
