# bpf is not an active LSM (see cmdline): apply attaches the same programs as fmod_ret to the security_* functions
# (fentry for the one that returns void), status says full with backend bpf-fmod-ret and the lsm= that gives BPF LSM.
. /usr/lib/modgate-vm/lib.sh
lsms=$(cat /sys/kernel/security/lsm)
case ",$lsms," in *,bpf,*) fail "bpf is an active LSM" ;; esac
expect_status 0 -- modgate apply /tests/bpf-fmod-ret/policy.conf
for p in mg_module_request mg_post_read_file mg_post_load_data mg_capable mg_task_alloc mg_task_prctl; do
  bpftool prog show name "$p" | grep -q "tracing  name $p" || fail "program $p is not a tracing program"
  [ -e "/sys/fs/bpf/modgate/links/$p" ] || fail "link of $p is not pinned"
done
bpftool link show | grep -q "attach_type modify_return" || fail "no fmod_ret link: $(bpftool link show)"
bpftool link show | grep -q "attach_type trace_fentry" || fail "no fentry link (bprm_committed_creds): $(bpftool link show)"
expect_status 0 -- modgate status --wide
expect_output_has "enforcement: full (backend bpf-fmod-ret, kernel $(uname -r))"
expect_output_has "  note: bpf not in active LSM list ($lsms): the programs are attached as fmod_ret to the kernel's security_* functions; for BPF LSM add lsm=$lsms,bpf to the kernel command line"
printf '%s\n' "$out" | grep -q 'missing:' && fail "status reports missing pieces"
expect_status 0 -- modgate status --json
expect_output_has '"level": "full"'
expect_output_has '"backend": "bpf-fmod-ret"'
