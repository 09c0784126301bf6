# The generic helpers of lib.sh that enforcement tests use around modgate: exit status, output,
# running as the unprivileged user.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- as_user id -u
expect_output_has 1000
[ "$out" = 1000 ] || fail "as_user runs as uid '$out'"
expect_status 1 -- as_user cat /proc/1/environ
expect_output_has 'Permission denied'
expect_status 0 -- trigger --uid 1000 --caps NET_ADMIN id
expect_output_has 'CapEff:	0000000000001000'
