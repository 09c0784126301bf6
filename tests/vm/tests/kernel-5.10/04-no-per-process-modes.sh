# Per-process modes need BPF task storage (5.11): exec, restrict and status --pid exit 3 and say why.
. /usr/lib/modgate-vm/lib.sh
reason='kernel 5.10 < 5.11: per-process modes unavailable (no BPF task storage)'
expect_status 3 -- modgate exec --autoload=off -- true
expect_output_has "modgate: exec: $reason"
expect_status 3 -- as_user modgate exec --autoload=privileged -- true
expect_output_has "modgate: exec: $reason"
expect_status 3 -- modgate restrict --pid $$ --autoload=off
expect_output_has "modgate: restrict: $reason"
expect_status 3 -- modgate status --wide --pid $$
expect_output_has "modgate: status: modes of process $$: $reason"
