# A second apply switches generations: the new policy holds at once.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-swap/classic.conf
expect_output_has '(generation 2): autoload classic'
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
expect_loaded n_hdlc
expect_status 0 -- modgate apply /tests/bpf-swap/privileged.conf
expect_output_has '(generation 3): autoload privileged'
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket appletalk dgram
expect_not_loaded appletalk
