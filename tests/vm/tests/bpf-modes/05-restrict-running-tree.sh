# modgate restrict raises the mode of a running process; what it starts afterwards is denied.
. /usr/lib/modgate-vm/lib.sh
rm -f /tmp/go
sh -c 'while [ ! -e /tmp/go ]; do sleep 1; done; trigger socket rxrpc dgram 2' > /tmp/restricted.out 2>&1 &
pid=$!
expect_status 0 -- modgate restrict --pid $pid --autoload=off
expect_output_has "modgate: restricted"
expect_status 0 -- modgate status --wide --pid $pid
expect_output_has "process $pid: autoload off"
touch /tmp/go; wait $pid
cat /tmp/restricted.out
grep -qF 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' /tmp/restricted.out || fail "the restricted process autoloaded"
expect_not_loaded rxrpc
expect_status 4 -- as_user modgate restrict --pid $$ --autoload=off
expect_output_has 'modgate: restrict: permission denied: needs root'
