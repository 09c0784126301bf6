# A per-process mode only rises: asking for a lower one fails; status --pid shows the mode.
. /usr/lib/modgate-vm/lib.sh
expect_status 4 -- modgate exec --autoload=off -- modgate exec --autoload=privileged -- true
expect_output_has 'modgate: exec: refused: a per-process mode can only be raised, and this process already has a stricter one'
expect_status 0 -- modgate exec --autoload=privileged -- sh -c 'modgate status --wide --pid $$'
expect_output_has 'autoload privileged, load classic, unload classic'
expect_status 0 -- modgate exec --autoload=off --load=off -- sh -c 'modgate status --pid $$ --json'
expect_output_has '"autoload": "off"'
expect_output_has '"load": "off"'
expect_status 0 -- modgate status --wide --pid $$
expect_output_has "process $$: autoload classic, load classic, unload classic"
