# A program whose link is gone (unpinned) makes status partial, naming what is lost and the fix.
. /usr/lib/modgate-vm/lib.sh
rm /sys/fs/bpf/modgate/links/mg_capable
expect_status 0 -- modgate status --wide
expect_output_has 'enforcement: partial'
expect_output_has 'missing: program mg_capable not attached to capable: unload decisions unavailable (run modgate disable, then modgate apply)'
expect_status 0 -- modgate status --json
expect_output_has '"level": "partial"'
