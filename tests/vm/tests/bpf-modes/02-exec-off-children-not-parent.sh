# modgate exec --autoload=off as root: the child and its grandchildren are denied, the parent shell is not.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-modes/classic.conf
expect_status 0 -- modgate exec --autoload=off -- sh -c 'trigger socket qipcrtr dgram; sh -c "trigger socket kcm dgram"; true'
expect_output_has 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)'
[ "$(printf '%s\n' "$out" | grep -c EAFNOSUPPORT)" = 2 ] || fail "child and grandchild were not both denied"
expect_not_loaded qrtr kcm
expect_trigger 0 ok -- socket can dgram can-bcm
expect_loaded can
