# A policy that fails validation leaves the policy in force untouched, and apply exits 2 with the reason.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-swap/privileged.conf
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none tiocsetd 13
expect_status 2 -- modgate apply /tests/bpf-swap/broken.conf
expect_output_has '/tests/bpf-swap/broken.conf:2:10: error:'
expect_output_has 'modgate: apply: the policy has errors; the policy in force is unchanged'
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none tiocsetd 13
expect_not_loaded n_hdlc
expect_status 0 -- modgate status --wide
expect_output_has 'generation 1'
expect_output_has 'autoload privileged'
