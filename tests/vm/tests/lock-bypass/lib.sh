# shellcheck shell=sh
# Helpers of the lock-bypass tests (sourced after /usr/lib/modgate-vm/lib.sh): the two requests every attack aims at.
N_HDLC=$(module_file n_hdlc)

# Both are refused: uid 1000's autoload of n_hdlc and root's explicit load of it.
expect_n_hdlc_refused() {
  expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none tiocsetd 13
  expect_finit 1 'finit_module: errno=EPERM (Operation not permitted)' "$N_HDLC"
  expect_not_loaded n_hdlc
}
