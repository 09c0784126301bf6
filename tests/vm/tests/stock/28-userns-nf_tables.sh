# Baseline, stock kernel, no policy, uid 1000 with no capabilities: in its own user+net namespace, a netfilter message to subsystem 10 autoloads nf_tables (the nf_tables exploit path).
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded nf_tables
log_requests
expect_trigger 1 'nfnl-subsys: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none --userns --netns nfnl-subsys 10
expect_requested 'nfnetlink-subsys-10'
expect_loaded nf_tables
