# No bpf in the LSM list: apply enforces with the fallback backends, says partial and what is not enforced;
# --require full refuses instead (exit 3) and changes nothing.
. /usr/lib/modgate-vm/lib.sh
export MODGATE_BACKEND=fallback # the BPF programs would load as fmod_ret here: this group proves the fallback
expect_status 3 -- modgate apply --require full /tests/fallback/privileged-deny-n_hdlc.conf
expect_output_has 'bpf not in active LSM list'
[ "$(cat /proc/sys/kernel/modprobe)" = /sbin/modprobe ] || fail "--require full changed kernel.modprobe"
expect_status 0 -- modgate apply /tests/fallback/privileged-deny-n_hdlc.conf
expect_output_has 'modgate: apply: enforcement partial: bpf not in active LSM list'
expect_output_has 'enforced: modprobe gate'
expect_output_has 'enforced: /etc/modprobe.d/modgate.conf: 1 module(s) refused to modprobe'
expect_output_has 'enforced: dev.tty.ldisc_autoload=0'
expect_output_has 'not enforced: autoload privileged: the modprobe gate cannot see who asked'
[ "$(cat /proc/sys/kernel/modprobe)" = /run/modgate/modprobe-gate ] || fail "kernel.modprobe is $(cat /proc/sys/kernel/modprobe)"
[ "$(cat /proc/sys/dev/tty/ldisc_autoload)" = 0 ] || fail "dev.tty.ldisc_autoload is $(cat /proc/sys/dev/tty/ldisc_autoload)"
grep -qx 'install n_hdlc /bin/false' /etc/modprobe.d/modgate.conf || fail "no modprobe.d line for n_hdlc"
cat /etc/modprobe.d/modgate.conf
