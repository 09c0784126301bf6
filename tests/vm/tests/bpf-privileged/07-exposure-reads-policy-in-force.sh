# With no --policy, exposure judges against the policy in force: the copy apply kept in /run/modgate.
. /usr/lib/modgate-vm/lib.sh
grep -q '^autoload privileged    # ' /run/modgate/policy.conf || fail "apply kept no copy of the policy in /run/modgate/policy.conf"
expect_status 0 -- modgate exposure --wide
expect_output_has 'under the policy in force (/run/modgate/policy.conf): 0 open'
expect_status 0 -- modgate exposure --wide --policy /policies/examples/desktop.conf
expect_output_has 'under this policy (/policies/examples/desktop.conf)'
