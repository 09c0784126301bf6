# autoload privileged through the reduced object: it passes the 5.10 verifier (five programs, no task storage ones),
# uid 1000 is denied the n_hdlc autoload with the kernel's usual errno, root gets it; status says partial with the
# exact reason for each missing piece.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/kernel-5.10/privileged.conf
for p in mg_module_request mg_post_read_file mg_post_load_data mg_capable mg_task_prctl; do
  [ -e "/sys/fs/bpf/modgate/links/$p" ] || fail "link of $p is not pinned"
done
for p in mg_task_alloc mg_bprm_committed_creds; do
  [ ! -e "/sys/fs/bpf/modgate/links/$p" ] || fail "$p attached on 5.10"
done
[ ! -e /sys/fs/bpf/modgate/maps/mg_tasks ] || fail "a task storage map on 5.10"
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none tiocsetd 13
expect_not_loaded n_hdlc
expect_status 0 -- modgate status --wide
expect_output_has 'enforcement: partial (backend bpf-lsm, kernel 5.10.'
[ "$(printf '%s\n' "$out" | grep '^  missing: ')" = "  missing: kernel 5.10 < 5.11: per-process modes unavailable (no BPF task storage)
  missing: kernel 5.10 < 5.11: origin=autoload reaches only the modprobe the kernel starts, not the programs it runs (no BPF task storage)
  missing: kernel 5.10 < 5.17: explicit loads of module images with more than 128 sections are judged without a name (no bpf_loop)" ] ||
  fail "missing pieces are not exactly the three of the reduced object"
expect_status 0 -- modgate status --json
expect_output_has '"level": "partial"'
expect_trigger 0 ok -- tiocsetd 13
expect_loaded n_hdlc
expect_status 0 -- rmmod n_hdlc
