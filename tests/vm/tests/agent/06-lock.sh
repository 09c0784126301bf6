# The `lock` directive: the agent applies, then locks (last test of the boot: locked until reboot). Events keep
# flowing, an edit is refused once with the reason, and an agent started after the lock keeps the locked policy
# and still reads the events.
. /usr/lib/modgate-vm/lib.sh
. /tests/agent/agent-lib.sh
printf 'version 1\nautoload privileged\nlock\n' > /etc/modgate/policy.conf
start_agent
grep -q '^notify: READY=1|STATUS=applied generation [0-9]* (sha256:[0-9a-f]*); locked$' /tmp/notify.log || fail "READY=1 without the lock"
expect_log_has 'modgate: agent: policy locked until reboot (the lock directive;'
expect_status 0 -- modgate status --wide
expect_output_has 'locked: yes'
before=$(records)
pid=$(denied_trigger_pid)
wait_records $((before + 1))
tail -n 1 "$AUDIT" | grep -q "\"pid\":$pid," || fail "no record of the denial after the lock"

printf 'version 1\nautoload classic\n' > /etc/modgate/policy.conf
sleep 2
printf 'version 1\nautoload classic\n# again\n' > /etc/modgate/policy.conf
sleep 2
cat "$AGENT_LOG"
[ "$(grep -c 'the locked policy stays in force' "$AGENT_LOG")" = 1 ] || fail "the refusal is not logged exactly once"
expect_log_has 'modgate: agent: policy files changed: policy is locked until reboot (locked since '
denied_trigger_pid > /dev/null
stop_agent

# A new agent after the lock: the locked policy stays, and the pinned ring buffer still gives it the events.
start_agent
expect_log_has 'modgate: agent: start: policy is locked until reboot (locked since '
before=$(records)
pid=$(denied_trigger_pid)
wait_records $((before + 1))
tail -n 1 "$AUDIT" | grep -q "\"pid\":$pid," || fail "no record of the denial from an agent started after the lock"
stop_agent
