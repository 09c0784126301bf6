# Helpers of the agent's guest tests (sourced after /usr/lib/modgate-vm/lib.sh). The guest has no systemd:
# agent-helper notify-listen plays its part of sd_notify, the agent runs in the background of the test.
AUDIT=/var/log/modgate/audit.jsonl
# The agent's stderr, kept for the host (artifacts/vm/agent.out/).
AGENT_LOG=$VM_OUT/$(basename "$0" .sh).agent.log
NOTIFY=/run/agent-notify.sock

uptime_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }   # centiseconds since boot

# start_agent [ARGS...]: starts `modgate agent ARGS` with NOTIFY_SOCKET and waits for its READY=1. The agent of a
# test is stopped when the test ends, passed or failed, so that no agent outlives its test.
start_agent() {
  trap 'kill -TERM "$agent" 2>/dev/null' EXIT
  agent-helper notify-listen "$NOTIFY" 90 > /tmp/notify.log &
  listener=$!
  while [ ! -S "$NOTIFY" ]; do sleep 0.05; done
  : > "$AGENT_LOG"
  started=$(uptime_cs)
  NOTIFY_SOCKET=$NOTIFY modgate agent "$@" >> "$AGENT_LOG" 2>&1 &
  agent=$!
  echo "$agent" > /run/agent.pid
  while [ -d "/proc/$listener" ] && [ "$(awk '{ print $3 }' "/proc/$listener/stat")" != Z ]; do
    [ -d "/proc/$agent" ] || { cat "$AGENT_LOG"; fail "the agent exited before it reported READY=1"; }
    sleep 0.05
  done
  wait "$listener" || { cat /tmp/notify.log "$AGENT_LOG"; fail "the agent did not report READY=1"; }
  echo "agent $agent ready after $(( $(uptime_cs) - started )) cs: $(cat /tmp/notify.log)"
}

# stop_agent: SIGTERM, then the agent must be gone within 5 s.
stop_agent() {
  agent=$(cat /run/agent.pid)
  kill -TERM "$agent"
  i=0
  while [ -d "/proc/$agent" ] && [ "$(awk '{ print $3 }' "/proc/$agent/stat" 2>/dev/null)" != Z ]; do
    i=$((i + 1)); [ $i -le 100 ] || fail "the agent did not stop within 5 s of SIGTERM"
    sleep 0.05
  done
  wait "$agent" 2>/dev/null
  grep -q 'modgate: agent: stopped after writing .* audit records; enforcement stays in force' "$AGENT_LOG" ||
    { cat "$AGENT_LOG"; fail "no clean stop in the agent's log"; }
}

# records: the number of lines of the audit log (0 without one).
records() { [ -e "$AUDIT" ] && wc -l < "$AUDIT" || echo 0; }

# wait_records N: until the audit log has N lines (10 s at most).
wait_records() {
  i=0
  while [ "$(records)" -lt "$1" ]; do
    i=$((i + 1)); [ $i -le 200 ] || { cat "$AGENT_LOG"; fail "audit log has $(records) records, expected $1"; }
    sleep 0.05
  done
}

# agent_json FIELD: a number of /run/modgate/agent.json.
agent_json() { sed -n "s/^ *\"$1\": \([0-9]*\),*$/\1/p" /run/modgate/agent.json; }

# expect_log_has TEXT: the agent's stderr contains TEXT.
expect_log_has() { grep -qF -- "$1" "$AGENT_LOG" || { cat "$AGENT_LOG"; fail "agent log lacks '$1'"; }; }

# denied_trigger_pid: runs the n_hdlc trigger as uid 1000, checks it was denied and prints its pid.
denied_trigger_pid() {
  out=$(sh -c 'echo $$; exec trigger --uid 1000 --caps none tiocsetd 13' 2>&1)
  [ "$(echo "$out" | sed -n 2p)" = 'tiocsetd: errno=EINVAL (Invalid argument)' ] || fail "trigger not denied: $out"
  echo "$out" | sed -n 1p
}
