# The policy every differential test compares against.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-differential/policy.conf
