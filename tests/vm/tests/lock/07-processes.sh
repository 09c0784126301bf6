# "Kill the agent": there is no long-running modgate process (the agent is issue 7); enforcement lives in pinned
# links. Killing every modgate process, and the processes that ran it, leaves enforcement in place.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
modgate status --kernel-decision autoload:tty-ldisc-13 >/dev/null &
pids=$(pidof modgate)
echo "modgate processes: ${pids:-none}"
[ -z "$pids" ] || kill -9 $pids
wait
[ -z "$(pidof modgate)" ] || fail "a modgate process survived kill -9"
expect_enforced
