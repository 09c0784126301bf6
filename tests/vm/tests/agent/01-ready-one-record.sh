# The agent applies /etc/modgate at start, says READY=1 over $NOTIFY_SOCKET, and writes exactly one audit
# record for one denied autoload of uid 1000, with its pid, uid, comm, module and the rule position.
. /usr/lib/modgate-vm/lib.sh
. /tests/agent/agent-lib.sh
mkdir -p /etc/modgate
printf 'version 1\n# uid 1000 has no CAP_SYS_MODULE\nautoload privileged\n' > /etc/modgate/policy.conf
start_agent
grep -q '^notify: READY=1|STATUS=applied generation 1 (sha256:' /tmp/notify.log || fail "READY=1 without the applied policy"
expect_log_has 'modgate: agent: start: applied policy sha256:'
expect_status 0 -- modgate status --wide
expect_output_has "agent: running (pid $agent, since "
expect_output_has '0 audit records written, 0 not written, 0 dropped by the kernel'

pid=$(denied_trigger_pid)
wait_records 1
sleep 1   # a second record would have come by now
[ "$(records)" = 1 ] || { cat "$AUDIT"; fail "$(records) records for one denied request"; }
line=$(cat "$AUDIT")
echo "record: $line"
for field in "\"pid\":$pid," "\"tgid\":$pid," '"uid":1000,' '"comm":"trigger",' \
             '"module":"n_hdlc",' '"request":"tty-ldisc-13",' '"verb":"autoload",' '"origin":"autoload",' \
             '"decision":"deny",' '"layer":"global-mode",' '"rule":"/etc/modgate/policy.conf:3",' '"caps":[]' \
             "\"cgroup\":\"$(sed -n 's/^0:://p' /proc/self/cgroup)\","; do
  case $line in *"$field"*) ;; *) fail "record lacks $field" ;; esac
done
# exe: the full path when the agent read /proc/PID/exe before the trigger exited, else the kernel's basename.
case $line in *'"exe":"/usr/bin/trigger",'*|*'"exe":"trigger",'*) ;; *) fail "record lacks the exe" ;; esac
expect_status 0 -- modgate log --wide
expect_output_has "trigger[$pid]"
expect_status 0 -- modgate status --wide
expect_output_has '1 audit records written, 0 not written, 0 dropped by the kernel'
expect_status 0 -- modgate status --json
expect_output_has '"running": true,'
expect_output_has "\"pid\": $agent,"
expect_output_has '"eventsWritten": 1,'

stop_agent
# Stopping the agent stops the logging only.
denied_trigger_pid > /dev/null
expect_not_loaded n_hdlc
expect_status 0 -- modgate status --wide
expect_output_has "agent: not running (pid $agent, started "
