# After lock: freplace against any of modgate's programs fails at the first step, a descriptor of the target; an
# freplace program of any other target (the loader's own test program) cannot even be loaded: since issue 14 #7 the
# lock refuses every BPF_PROG_TYPE_EXT load (freplace could replace a global function of another LSM program).
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
while read -r id name; do
  expect_status 1 -- freplace-attack "$id" "$name"
  expect_output_has "bpf_prog_get_fd_by_id: errno=EPERM (Operation not permitted)"
done < /tmp/lock-prog-ids
expect_status 1 -- freplace-attack control
expect_output_has "bpf_prog_load(BPF_PROG_TYPE_EXT): errno=EPERM (Operation not permitted)"
expect_enforced
