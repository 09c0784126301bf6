# Baseline, uid 1000 with no capabilities: the root-only paths make no request at all
# (TCP ULP and congestion control check CAP_NET_ADMIN first, /dev/ppp is 0600, rtnetlink
# and mount in the initial namespaces need capabilities).
. /usr/lib/modgate-vm/lib.sh
log_requests
expect_trigger 1 'tcp-ulp: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps none tcp-ulp tls
expect_trigger 1 'tcp-congestion: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps none tcp-congestion bbr
expect_trigger 1 'open: errno=EACCES (Permission denied)' -- --uid 1000 --caps none open /dev/ppp
expect_trigger 1 'link-add: errno=EPERM (Operation not permitted)' -- --uid 1000 --caps none link-add veth
expect_trigger 1 'mount: errno=EPERM (Operation not permitted)' -- --uid 1000 --caps none mount hfsplus
expect_no_request
expect_not_loaded tls tcp_bbr ppp_generic veth hfsplus
