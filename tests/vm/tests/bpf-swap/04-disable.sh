# disable removes enforcement: stock behaviour is back, status says none.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate disable
expect_output_has 'modgate: enforcement removed'
[ ! -e /sys/fs/bpf/modgate ] || fail "pins left behind"
bpftool prog show | grep -q mg_module_request && fail "programs still loaded"
expect_trigger 0 ok -- --uid 1000 --caps none socket appletalk dgram
expect_loaded appletalk
expect_status 0 -- modgate status --wide
expect_output_has 'enforcement: none'
