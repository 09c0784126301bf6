# disable puts every sysctl back and removes its files: the stock behaviour returns (so 02 could fail).
. /usr/lib/modgate-vm/lib.sh
export MODGATE_BACKEND=fallback # the BPF programs would load as fmod_ret here: this group proves the fallback
expect_status 0 -- modgate disable
expect_output_has 'modgate: enforcement removed'
[ "$(cat /proc/sys/kernel/modprobe)" = /sbin/modprobe ] || fail "kernel.modprobe is $(cat /proc/sys/kernel/modprobe)"
[ "$(cat /proc/sys/dev/tty/ldisc_autoload)" = 1 ] || fail "dev.tty.ldisc_autoload is $(cat /proc/sys/dev/tty/ldisc_autoload)"
[ ! -e /etc/modprobe.d/modgate.conf ] || fail "/etc/modprobe.d/modgate.conf is still there"
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
expect_loaded n_hdlc
