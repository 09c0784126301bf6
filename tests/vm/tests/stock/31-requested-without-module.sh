# Requests that reach modprobe but resolve to nothing on Debian (rds, tipc and dccp ship without
# their aliases): the kernel still asks, so a gate sees them; nothing loads.
. /usr/lib/modgate-vm/lib.sh
log_requests
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket rds seqpacket
expect_requested net-pf-21
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket tipc rdm
expect_requested net-pf-30
expect_trigger 1 'socket: errno=EPROTONOSUPPORT (Protocol not supported)' -- --uid 1000 --caps none socket inet dgram dccp
expect_requested net-pf-2-proto-33
for req in net-pf-21 net-pf-30 net-pf-2-proto-33; do
  modprobe -R "$req" 2>/dev/null && fail "$req resolves to $(modprobe -R "$req")"
done
expect_not_loaded rds tipc dccp
