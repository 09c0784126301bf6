# load off + lock: kernel.modules_disabled=1 (one way until reboot); disable and apply then refuse with exit 5.
. /usr/lib/modgate-vm/lib.sh
export MODGATE_BACKEND=fallback # the BPF programs would load as fmod_ret here: this group proves the fallback
expect_status 0 -- modgate apply /tests/fallback/load-off-lock.conf
expect_output_has 'enforced: kernel.modules_disabled=1 (load off + lock)'
[ "$(cat /proc/sys/kernel/modules_disabled)" = 1 ] || fail "kernel.modules_disabled is $(cat /proc/sys/kernel/modules_disabled)"
expect_status 1 -- /sbin/modprobe tun
expect_not_loaded tun
expect_status 5 -- modgate disable
expect_output_has 'policy is locked until reboot'
expect_status 5 -- modgate apply /tests/fallback/privileged-deny-n_hdlc.conf
expect_output_has 'policy is locked until reboot'
