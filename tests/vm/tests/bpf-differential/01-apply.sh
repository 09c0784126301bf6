# The policy every differential test compares against.
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate apply /tests/bpf-differential/policy.conf
# The decision oracle is closed to everyone else: uid 1000 (and root in a user namespace) get EACCES (exit 4).
expect_status 4 -- trigger --uid 1000 --caps none run modgate status --kernel-decision autoload:tty-ldisc-13
expect_output_has 'only for CAP_SYS_ADMIN'
expect_status 4 -- trigger --userns run modgate status --kernel-decision autoload:tty-ldisc-13
