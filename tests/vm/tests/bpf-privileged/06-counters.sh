# The kernel counts per verb and verdict: the denials of the tests before this one are there.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate status
line=$(printf '%s\n' "$out" | grep '^counters autoload:') || fail "no autoload counters"
denied=$(echo "$line" | sed -n 's/.*denied \([0-9]*\),.*/\1/p')
allowed=$(echo "$line" | sed -n 's/.*allowed \([0-9]*\),.*/\1/p')
want=20; ! builtin_module fuse || want=19   # 02's /dev/fuse is no request where fuse is built in (6.12)
[ "${denied:-0}" -ge "$want" ] || fail "autoload denied counter $denied < $want"
[ "${allowed:-0}" -ge 6 ] || fail "autoload allowed counter $allowed < 6"
expect_output_has 'counters load: allowed '
