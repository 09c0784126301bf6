# complain mode: the kernel decides and counts would-deny, but allows.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-origin-complain/complain.conf
expect_output_has 'complain mode'
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
expect_loaded n_hdlc
expect_status 0 -- modgate status --json
wd=$(printf '%s\n' "$out" | grep -A3 '"autoload": {' | sed -n 's/.*"wouldDeny": \([0-9]*\).*/\1/p')
[ "${wd:-0}" -ge 1 ] || fail "no would-deny counted ($wd)"
expect_status 0 -- modgate exec --allow-kernel-decisions -- trigger --uid 1000 --caps none run modgate status --kernel-decision autoload:net-pf-5
expect_output_has 'verdict=allow decision=would-deny layer=global-mode'
