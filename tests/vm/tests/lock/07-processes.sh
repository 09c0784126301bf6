# Kill the agent after lock. Enforcement lives in pinned links, not in a process: killing the agent (and every
# other modgate process) changes nothing. A new agent reopens the audit ring buffer, the one map the lock leaves
# openable (docs/security.md), and writes the event of a request denied while no agent ran.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
. /tests/agent/agent-lib.sh
start_agent --policy /tests/lock/deny-n_hdlc.conf
expect_log_has "the locked policy stays in force"
before=$(records)
pid=$(denied_trigger_pid)
wait_records $((before + 1))
tail -n 1 "$AUDIT" | grep -F "\"pid\":$pid," || fail "the denied request of pid $pid is not the last record: $(tail -n 1 "$AUDIT")"

modgate status --kernel-decision autoload:tty-ldisc-13 >/dev/null &
pids=$(pidof modgate)
echo "modgate processes: $pids"
kill -9 $pids
wait
[ -z "$(pidof modgate)" ] || fail "a modgate process survived kill -9"
expect_enforced
pid=$(denied_trigger_pid)
expect_not_loaded n_hdlc

start_agent --policy /tests/lock/deny-n_hdlc.conf
wait_records $((before + 2))
tail -n 1 "$AUDIT" | grep -F "\"pid\":$pid," || fail "the request denied while no agent ran (pid $pid) was not written: $(tail -n 1 "$AUDIT")"
tail -n 1 "$AUDIT" | grep -F '"decision":"deny"' | grep -F '"module":"n_hdlc"' | grep -F '"rule":"/tests/lock/deny-n_hdlc.conf:3"' ||
  fail "record lacks decision/module/rule: $(tail -n 1 "$AUDIT")"
stop_agent
expect_enforced
