# modgate's BPF object passes the kernel's verifier, attaches all seven programs, and status says full. A kernel
# without BPF task storage (5.10) gets the reduced object: five programs, status partial (kernel-5.10/03 checks the
# exact reasons).
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate status --wide
expect_output_has 'enforcement: none'
expect_output_has 'missing: no policy applied: run modgate apply'
expect_status 0 -- modgate apply /tests/bpf-privileged/privileged.conf
expect_output_has 'autoload privileged, load classic, unload classic, 0 rules, default allow'
programs="mg_module_request mg_post_read_file mg_post_load_data mg_capable mg_task_prctl"
if kernel_has_symbol bpf_task_storage_get; then level=full; programs="$programs mg_task_alloc mg_bprm_committed_creds"
else level=partial; fi
for p in $programs; do
  bpftool prog show name "$p" | grep -q "lsm  name $p" || fail "program $p is not loaded"
  [ -e "/sys/fs/bpf/modgate/links/$p" ] || fail "link of $p is not pinned"
done
expect_status 0 -- modgate status --wide
expect_output_has "enforcement: $level (backend bpf-lsm, kernel $(uname -r)"
if [ $level = full ]; then
  printf '%s\n' "$out" | grep -q 'missing:' && fail "status reports missing pieces"
else
  printf '%s\n' "$out" | grep -q '^  missing: kernel ' || fail "status names no missing piece"
fi
expect_status 0 -- modgate status --json
expect_output_has "\"level\": \"$level\""
expect_output_has '"autoload": "privileged"'
