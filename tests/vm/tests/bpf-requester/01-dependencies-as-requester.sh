# Issue 14 #2: the loads an autoload causes (the module and its dependencies) are judged as the requester with
# origin=autoload. modprobe loads psnap and llc for appletalk as root: before, `deny module=psnap,llc uid=1000-60000`
# never saw uid 1000, and uid 1000's socket(AF_APPLETALK) loaded all three.
. /usr/lib/modgate-vm/lib.sh
printf 'version 1\ndeny module=psnap,llc uid=1000-60000\n' > /tmp/deps.conf
expect_status 0 -- modgate apply /tmp/deps.conf
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket appletalk dgram
expect_not_loaded appletalk psnap llc
# The same request string from a second requester within 10 s: the kernel cannot tell whose modprobe runs, so the
# requester is unknown, which fails closed (a deny rule keyed on uid matches an unknown requester).
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- socket appletalk dgram
expect_not_loaded appletalk psnap llc
# Later, root alone (outside the uid range) loads the module and its dependencies.
sleep 11
expect_trigger 0 ok -- socket appletalk dgram
expect_loaded appletalk psnap llc
