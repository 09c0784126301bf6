# Issue 14 #7 after lock: programs that could skip modgate's are refused at load; others still load.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock-bypass/lib.sh
expect_status 1 -- freplace-attack hook fmod_ret security_kernel_post_read_file 2 /sys/fs/bpf/attack-fmod-ret
expect_output_has 'bpf_prog_load(BPF_PROG_TYPE_TRACING, fmod_ret): errno=EPERM'
expect_status 1 -- freplace-attack hook fmod_ret security_bpf one /sys/fs/bpf/attack-fmod-ret-bpf
expect_output_has 'errno=EPERM'
expect_status 1 -- freplace-attack hook lsm bpf_lsm_kernel_post_read_file 2 /sys/fs/bpf/attack-lsm
expect_output_has 'bpf_prog_load(BPF_PROG_TYPE_LSM): errno=EPERM'
expect_status 1 -- freplace-attack hook lsm bpf_lsm_bpf one /sys/fs/bpf/attack-lsm-bpf
expect_output_has 'errno=EPERM'
expect_status 1 -- freplace-attack control
expect_output_has 'bpf_prog_load(BPF_PROG_TYPE_EXT): errno=EPERM'
expect_n_hdlc_refused
# An LSM program on a hook modgate does not guard against skipping (systemd's RestrictFileSystems= uses file_open).
expect_status 0 -- freplace-attack hook lsm bpf_lsm_file_open zero /sys/fs/bpf/own-file-open
expect_output_has 'hook: attached'
rm /sys/fs/bpf/own-file-open
expect_n_hdlc_refused
