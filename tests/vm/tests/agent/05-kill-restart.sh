# kill -9: enforcement stays, the events wait in the ring buffer (the rest counted as dropped); a new agent
# drains them and reports the loss.
. /usr/lib/modgate-vm/lib.sh
. /tests/agent/agent-lib.sh
start_agent
before=$(records); dropped_before=$(agent_json kernelDropped)
kill -9 "$agent"
wait "$agent" 2>/dev/null   # reaped: no zombie left that still looks like the agent
denied_trigger_pid > /dev/null
trigger --uid 1000 --caps none run agent-helper burst 9999 || fail "the burst was not denied"
expect_not_loaded n_hdlc
expect_status 0 -- modgate status --wide
expect_output_has "agent: not running (pid $agent, "
start_agent
wait_records $((before + 1))
last=-1
while [ "$(agent_json eventsWritten)" != "$last" ]; do last=$(agent_json eventsWritten); sleep 1; done
written=$(( $(records) - before )); dropped=$(( $(agent_json kernelDropped) - dropped_before ))
echo "while no agent ran: written later $written + dropped $dropped = $((written + dropped))"
[ $((written + dropped)) = 10000 ] || fail "$((written + dropped)) of 10000 requests accounted for"
[ "$dropped" -gt 0 ] || fail "10000 events fit in the ring buffer: the loss path was not exercised"
expect_log_has "modgate: agent: the kernel has dropped $(agent_json kernelDropped) audit events since boot"
expect_status 0 -- modgate status --wide
expect_output_has "$(agent_json kernelDropped) dropped by the kernel"
stop_agent
