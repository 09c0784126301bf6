# After every attack of 03-08: n_hdlc still cannot be autoloaded, by uid 1000 or by root, and every pin is there.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none tiocsetd 13
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- tiocsetd 13
expect_not_loaded n_hdlc
expect_status 0 -- modgate status --wide
# The reduced object (no task storage) is partial by design; the lock changes neither.
if [ "$PER_PROCESS_MODES" = yes ]; then expect_output_has "enforcement: full"; else expect_output_has "enforcement: partial"; fi
expect_output_has "locked: yes"
# Read-only descriptors of the frozen policy maps and the counters are still handed out: status reports them.
expect_output_has "counters autoload: allowed "
expect_output_has "  autoload classic, load classic, unload classic, enforce"
