# Baseline, root in the initial namespaces: ip link add type veth autoloads veth.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded veth
log_requests
expect_trigger 0 ok -- link-add veth
expect_requested rtnl-link-veth
expect_loaded veth
