# Lock, and status names the protections these tests check.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock-bypass/lib.sh
expect_status 0 -- modgate lock
expect_status 0 -- modgate status --wide
expect_output_has "protected: no new program that skips modgate's: BPF_PROG_LOAD refused for freplace, fmod_ret, and LSM programs on the hooks modgate uses (kernel_module_request, kernel_post_read_file"
expect_output_has "protected: sysctls that switch modgate off: kernel.modprobe and kernel.ftrace_enabled cannot be written"
expect_n_hdlc_refused
