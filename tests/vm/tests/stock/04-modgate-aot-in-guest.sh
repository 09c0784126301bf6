# The NativeAOT modgate does real work in the guest: parses and digests a policy (SHA-256 through
# the .NET crypto shim, which needs libssl.so.3), reports errors as SPEC §1 says (exit 2,
# FILE:LINE:COL: error:), and resolves a request through the guest kernel's alias table.
. /usr/lib/modgate-vm/lib.sh
command -v modgate >/dev/null || fail "no modgate in the guest"
expect_status 0 -- modgate check /policies/examples/server.conf
expect_output_has 'sha256:'
printf 'version 1\nautoload sometimes\n' > /tmp/bad.conf
expect_status 2 -- modgate check /tmp/bad.conf
expect_output_has '/tmp/bad.conf:2:'
expect_output_has ': error: '
expect_status 0 -- modgate simulate --json autoload tty-ldisc-13 --uid 1000 --policy /policies/examples/server.conf
expect_output_has '"n_hdlc"'
expect_output_has '"schema"'
