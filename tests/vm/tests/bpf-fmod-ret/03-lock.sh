# lock with the fmod_ret backend: its own programs are fmod_ret too; disable, a new fmod_ret program on modgate's
# functions and kernel.ftrace_enabled=0 (which would stop every trampoline) are refused.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock-bypass/lib.sh
expect_status 0 -- modgate lock
expect_status 5 -- modgate disable
expect_output_has 'policy is locked until reboot'
expect_status 1 -- freplace-attack hook fmod_ret security_kernel_post_read_file 2 /sys/fs/bpf/attack-fmod-ret
expect_output_has 'bpf_prog_load(BPF_PROG_TYPE_TRACING, fmod_ret): errno=EPERM'
expect_status 1 -- sysctl -w kernel.ftrace_enabled=0
expect_n_hdlc_refused
