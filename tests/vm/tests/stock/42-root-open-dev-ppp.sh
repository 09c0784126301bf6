# Baseline, root: opening /dev/ppp (static node, char 108:0) autoloads ppp_generic.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded ppp_generic
log_requests
expect_trigger 0 ok -- open /dev/ppp
expect_requested char-major-108-0
expect_loaded ppp_generic
