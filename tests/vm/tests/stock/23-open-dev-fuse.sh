# Baseline, stock kernel, no policy, uid 1000 with no capabilities: opening /dev/fuse (static node, char 10:229) autoloads fuse.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded fuse
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none open /dev/fuse
expect_requested 'char-major-10-229'
expect_loaded fuse
