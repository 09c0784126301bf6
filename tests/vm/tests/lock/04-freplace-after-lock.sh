# After lock: freplace against any of modgate's programs fails at the first step, a descriptor of the target;
# freplace elsewhere (the loader's own test program) still works: the lock guards modgate's objects only.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
while read -r id name; do
  expect_status 1 -- freplace-attack "$id" "$name"
  expect_output_has "bpf_prog_get_fd_by_id: errno=EPERM (Operation not permitted)"
done < /tmp/lock-prog-ids
expect_status 0 -- freplace-attack control
expect_output_has "freplace: loaded"
expect_enforced
