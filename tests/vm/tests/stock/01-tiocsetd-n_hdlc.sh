# Baseline, stock kernel, no policy: uid 1000 with no capabilities autoloads n_hdlc by setting line
# discipline 13 on a pty. The enforcement tests rely on this being possible without modgate.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded n_hdlc
log_requests
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
expect_requested tty-ldisc-13
expect_loaded n_hdlc
