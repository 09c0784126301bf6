# Issue 14 #2: the loads an autoload causes (the module and its dependencies) are judged as the requester with
# origin=autoload. uid 1000's socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP) asks for sctp; modprobe, run as root, loads
# sctp's dependencies first (udp_tunnel and ip6_udp_tunnel from 6.1 on, libcrc32c up to 6.12; appletalk with psnap
# and llc, the first case found, is gone from Debian's 7.3). Before, a deny rule on the dependencies with
# uid=1000-60000 never saw uid 1000, and the socket loaded them all.
. /usr/lib/modgate-vm/lib.sh
deps=$(/sbin/modprobe --show-depends sctp | sed -n 's|^insmod .*/\([^/]*\)\.ko[^ ]*.*|\1|p' | grep -vx sctp | tr '\n-' ' _')
[ -n "$deps" ] || fail "sctp has no dependencies on $(uname -r)"
echo "sctp's dependencies: $deps"
expect_not_loaded sctp $deps
printf 'version 1\ndeny module=%s uid=1000-60000\n' "$(echo $deps | tr ' ' ,)" > /tmp/deps.conf
expect_status 0 -- modgate apply /tmp/deps.conf
expect_trigger 1 'socket: errno=EPROTONOSUPPORT (Protocol not supported)' -- --uid 1000 --caps none socket inet stream sctp
expect_not_loaded sctp $deps
# The same request string from a second requester within 10 s: the kernel cannot tell whose modprobe runs, so the
# requester is unknown, which fails closed (a deny rule keyed on uid matches an unknown requester).
expect_trigger 1 'socket: errno=EPROTONOSUPPORT (Protocol not supported)' -- socket inet stream sctp
expect_not_loaded sctp $deps
# Later, root alone (outside the uid range) loads the module and its dependencies.
sleep 11
expect_trigger 0 ok -- socket inet stream sctp
expect_loaded sctp $deps
