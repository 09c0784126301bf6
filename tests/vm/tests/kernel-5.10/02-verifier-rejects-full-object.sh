# The full object forced onto 5.10 (MODGATE_BPF_OBJECT=full; the loader leaves out the task storage map 5.10 cannot
# create, so the programs reach the verifier): the 5.10 verifier rejects the first program, whose bpf_loop callbacks
# are function pointers (BPF_PSEUDO_FUNC, 5.13) it does not know as subprograms. apply exits 1 with the verifier's
# words, leaves nothing behind, and the kernel behaves as before. A value naming no object is refused before any load.
. /usr/lib/modgate-vm/lib.sh
expect_status 1 -- env MODGATE_BPF_OBJECT=full modgate apply /tests/kernel-5.10/privileged.conf
# The cause first (the program and the verifier's last word), then the log's last lines.
expect_output_has 'modgate: apply: the kernel rejected modgate'"'"'s BPF program mg_module_request (EINVAL): '
expect_output_has 'verifier log (last lines):'
printf '%s\n' "$out" | head -n 1 | grep -qE "unrecognized bpf_ld_imm64 insn|number of funcs in func_info doesn't match number of subprogs" ||
  fail "the first line does not carry the verifier's reason"
expect_output_has 'the policy in force is unchanged'
[ ! -e /sys/fs/bpf/modgate ] || fail "left behind: $(find /sys/fs/bpf/modgate)"
bpftool prog show | grep -q ' name mg_' && fail "modgate programs still loaded: $(bpftool prog show)"
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
expect_loaded n_hdlc
expect_status 0 -- rmmod n_hdlc
expect_status 1 -- env MODGATE_BPF_OBJECT=fast modgate apply /tests/kernel-5.10/privileged.conf
expect_output_has 'MODGATE_BPF_OBJECT=fast: expected full or reduced; the policy in force is unchanged'
[ ! -e /sys/fs/bpf/modgate ] || fail "left behind after a bad MODGATE_BPF_OBJECT"
