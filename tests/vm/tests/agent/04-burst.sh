# A burst of 10,000 denied autoloads: every one is either written or counted as dropped by the kernel, exactly;
# the agent's memory stays bounded (VmRSS before and after).
. /usr/lib/modgate-vm/lib.sh
. /tests/agent/agent-lib.sh
printf 'version 1\nautoload privileged\n' > /etc/modgate/policy.conf
start_agent
first=$(records)
denied_trigger_pid > /dev/null   # warm up: the first record
wait_records $((first + 1))
sleep 1
before=$(records); dropped_before=$(agent_json kernelDropped); written_before=$(agent_json eventsWritten)
rss_before=$(awk '/^VmRSS/ { print $2 }' /proc/$agent/status)
start=$(uptime_cs)
trigger --uid 1000 --caps none run agent-helper burst 10000 || fail "the burst was not denied 10,000 times"
echo "burst took $(( $(uptime_cs) - start )) cs"
# Wait until the agent has written everything it will write: its count stands still for 1 s.
last=-1
while [ "$(agent_json eventsWritten)" != "$last" ]; do last=$(agent_json eventsWritten); sleep 1; done
rss_after=$(awk '/^VmRSS/ { print $2 }' /proc/$agent/status)
written=$(( $(records) - before )); dropped=$(( $(agent_json kernelDropped) - dropped_before ))
echo "written $written + dropped by the kernel $dropped = $((written + dropped)); agent says written $(( last - written_before )), not written $(agent_json eventsNotWritten)"
echo "agent VmRSS before ${rss_before} kB, after ${rss_after} kB"
[ $((written + dropped)) = 10000 ] || fail "$((written + dropped)) of 10000 requests accounted for"
[ $(( last - written_before )) = "$written" ] || fail "the agent counts $(( last - written_before )) written, the log has $written"
[ "$(agent_json eventsNotWritten)" = 0 ] || fail "records not written"
[ $((rss_after - rss_before)) -lt 32768 ] || fail "VmRSS grew by $((rss_after - rss_before)) kB"
expect_status 0 -- modgate status --wide
expect_output_has "audit events dropped: $(agent_json kernelDropped)"
stop_agent
