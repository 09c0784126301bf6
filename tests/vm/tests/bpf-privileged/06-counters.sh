# The kernel counts per verb and verdict: the denials of the tests before this one are there.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate status --wide
line=$(printf '%s\n' "$out" | grep '^counters autoload:') || fail "no autoload counters"
denied=$(echo "$line" | sed -n 's/.*denied \([0-9]*\),.*/\1/p')
allowed=$(echo "$line" | sed -n 's/.*allowed \([0-9]*\),.*/\1/p')
# 02 makes 20 requests where the kernel asks for each; fewer where it has the code built in or asks for nothing.
want=20
! builtin_module fuse || want=$((want - 1))                            # /dev/fuse on 6.12 and later
! kernel_has_symbol nfnetlink_subsys_register || want=$((want - 1))   # NETLINK_NETFILTER on 7.3
[ "$(kernel_fact binfmt_request)" != no ] || want=$((want - 1))       # binfmt-XXXX on 7.3
[ "${denied:-0}" -ge "$want" ] || fail "autoload denied counter $denied < $want"
[ "${allowed:-0}" -ge 6 ] || fail "autoload allowed counter $allowed < 6"
expect_output_has 'counters load: allowed '
