# Baseline for freplace: the loader works (an extension over a global subprogram of its own test program loads),
# and modgate's programs offer nothing to replace even before lock: every function in their BTF is refused
# (EINVAL: "Cannot replace static functions", or not a subprogram of that program).
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
expect_enforced
expect_status 0 -- freplace-attack control
expect_output_has "freplace: loaded"
tried=0
for id in $(prog_ids | awk '{ print $1 }'); do
  btf=$(bpftool prog show id "$id" | sed -n 's/.*btf_id \([0-9]*\).*/\1/p')
  for func in $(bpftool btf dump id "$btf" | sed -n "s/.*FUNC '\([a-z_0-9]*\)'.*/\1/p"); do
    expect_status 1 -- freplace-attack "$id" "$func"
    expect_output_has "bpf_prog_load(BPF_PROG_TYPE_EXT): errno=EINVAL"
    tried=$((tried + 1))
  done
done
[ "$tried" -ge 7 ] || fail "only $tried functions tried"
expect_enforced
