# Each fallback at work. uid 1000: the kernel itself refuses the line discipline (ldisc_autoload=0, no request).
# root: the request reaches the gate, which refuses n_hdlc by the rule and says so in the kernel log.
# An allowed autoload passes the gate to the real modprobe; explicit modprobe is refused by modprobe.d.
. /usr/lib/modgate-vm/lib.sh
export MODGATE_BACKEND=fallback # the BPF programs would load as fmod_ret here: this group proves the fallback
expect_trigger 1 'tiocsetd: errno=EPERM (Operation not permitted)' -- --uid 1000 --caps none tiocsetd 13
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- tiocsetd 13
expect_not_loaded n_hdlc
dmesg | grep -F 'modgate: modprobe-gate: deny autoload request=tty-ldisc-13 module=n_hdlc (denied by rule /tests/fallback/privileged-deny-n_hdlc.conf:4)' ||
  fail "the gate's refusal is not in the kernel log: $(dmesg | grep modgate | tail -3)"
expect_trigger 0 ok -- socket appletalk dgram
expect_loaded appletalk
expect_status 1 -- /sbin/modprobe n_hdlc
expect_not_loaded n_hdlc
