# shellcheck shell=sh
# Helpers of the lock-bypass tests (sourced after /usr/lib/modgate-vm/lib.sh): the two requests every attack aims at.
# The plain ELF image (a decompressed copy on .ko.xz trees): from 7.0 a compressed finit_module passes
# security_kernel_post_read_file twice and a non-zero return of the second ends the load, so the fmod_ret attack
# below (return the size: "read done") only shows its effect on a plain image, on every kernel alike.
N_HDLC=$(elf_module_file n_hdlc)

# Both are refused: uid 1000's autoload of n_hdlc and root's explicit load of it.
expect_n_hdlc_refused() {
  expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none tiocsetd 13
  expect_finit 1 'finit_module: errno=EPERM (Operation not permitted)' "$N_HDLC"
  expect_not_loaded n_hdlc
}

# Removes an attack's pin and waits (up to 10 s) until the kernel freed its program: 6.12 releases a link from a
# workqueue, a moment after its last pin goes.
drop_attack() {
  rm "$1" || fail "rm $1"
  i=0
  while bpftool prog show name attack 2>/dev/null | grep -q .; do
    i=$((i + 1)); [ "$i" -lt 50 ] || fail "the attack program is still loaded 10 s after rm $1"
    sleep 0.2
  done
}
