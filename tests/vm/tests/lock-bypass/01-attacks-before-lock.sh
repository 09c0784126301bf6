# Issue 14 #6, #7, #8 before lock: each attack switches modgate off (the baseline that makes the after-lock tests mean
# something), and is undone before the next.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock-bypass/lib.sh
expect_status 0 -- modgate apply /tests/lock-bypass/deny-n_hdlc.conf
expect_n_hdlc_refused

# #7: fmod_ret on security_kernel_post_read_file returning the file size: the read looks done, no LSM runs.
expect_status 0 -- freplace-attack hook fmod_ret security_kernel_post_read_file 2 /sys/fs/bpf/attack-fmod-ret
expect_finit 0 ok "$N_HDLC"
expect_loaded n_hdlc
drop_attack /sys/fs/bpf/attack-fmod-ret
expect_trigger 0 ok -- delete_module n_hdlc
expect_n_hdlc_refused

# #7, the LSM variant: a newer program on the same hook runs first; before 6.12 its positive return skips modgate's.
# From 6.12 the verifier itself refuses an LSM program whose return it cannot bound to [-4095, 0].
if freplace-attack hook lsm bpf_lsm_kernel_post_read_file 2 /sys/fs/bpf/attack-lsm > /tmp/lsm-attack.out; then
  expect_finit 0 ok "$N_HDLC"
  expect_loaded n_hdlc
  drop_attack /sys/fs/bpf/attack-lsm
  expect_trigger 0 ok -- delete_module n_hdlc
else
  cat /tmp/lsm-attack.out
  grep -q 'bpf_prog_load(BPF_PROG_TYPE_LSM): errno=EINVAL' /tmp/lsm-attack.out || fail "the LSM attack failed for another reason"
fi
expect_n_hdlc_refused

# #6: kernel.ftrace_enabled=0 stops every BPF trampoline, modgate's programs with them. (The newest kernels refuse the
# write itself with EOPNOTSUPP; 5.10 refuses it with EBUSY while a permanent ftrace user, the trampolines' direct
# ops among them, is registered: no such attack there.)
if sysctl -w kernel.ftrace_enabled=0 > /tmp/ftrace.out 2>&1; then
  expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
  expect_loaded n_hdlc
  expect_status 0 -- sysctl -w kernel.ftrace_enabled=1
  expect_trigger 0 ok -- delete_module n_hdlc
else
  cat /tmp/ftrace.out
  grep -qE 'Operation not supported|Device or resource busy' /tmp/ftrace.out ||
    fail "kernel.ftrace_enabled=0 failed for another reason"
  echo "kernel $(uname -r) does not let kernel.ftrace_enabled be written"
fi
expect_n_hdlc_refused

# #8: a lazy unmount of /sys (above the bpffs) drops the pins and every link with them.
expect_status 0 -- umount -l /sys
expect_trigger_within 10 0 ok -- --uid 1000 --caps none tiocsetd 13
mount -t sysfs sysfs /sys && mount -t securityfs securityfs /sys/kernel/security && mount -t bpf bpf /sys/fs/bpf &&
  mount -t cgroup2 cgroup2 /sys/fs/cgroup && mount -t tracefs tracefs /sys/kernel/tracing || fail "remounting /sys"
expect_loaded n_hdlc
expect_trigger 0 ok -- delete_module n_hdlc
expect_status 0 -- modgate apply /tests/lock-bypass/deny-n_hdlc.conf
expect_n_hdlc_refused
