# Editing the policy while the agent runs switches enforcement within 2 s (the agent's own share, noticing the edit,
# within 1 s); a broken file keeps the policy in force and the agent logs the error as FILE:LINE:COL.
. /usr/lib/modgate-vm/lib.sh
. /tests/agent/agent-lib.sh
printf 'version 1\ndeny module=qrtr,n_hdlc\n' > /etc/modgate/policy.conf
start_agent
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none socket qipcrtr dgram

printf 'version 1\ndeny module=n_hdlc\n' > /etc/modgate/policy.conf
edited=$(uptime_cs)
# Probe every 100 ms (a tighter loop would take the guest's one CPU from the agent).
until trigger --uid 1000 --caps none socket qipcrtr dgram > /dev/null; do
  [ $(( $(uptime_cs) - edited )) -le 1000 ] || { cat "$AGENT_LOG"; fail "qrtr still denied 10 s after the edit"; }
  sleep 0.1
done
took=$(( $(uptime_cs) - edited ))
# The agent's own share: noticing the edit (polls every 100 ms, applies after one quiet poll). The rest is the apply
# itself, which the agent reports (tables from the tree's cached keys: ~5 ms on the build machine, ~0.13 s under TCG).
i=0   # the kernel has the new tables before the agent logs the apply
until grep -q '^modgate: agent: policy files changed: applied policy' "$AGENT_LOG" || [ $i -ge 40 ]; do i=$((i + 1)); sleep 0.05; done
apply_ms=$(sed -n 's/^modgate: agent: policy files changed: applied policy .* (in \([0-9]*\) ms)$/\1/p' "$AGENT_LOG")
[ -n "$apply_ms" ] || { cat "$AGENT_LOG"; fail "no reload in the agent's log"; }
echo "enforcement switched $took cs after the edit; the apply took $((apply_ms / 10)) cs, noticing and probing $((took - apply_ms / 10)) cs"
[ $((took - apply_ms / 10)) -le 100 ] || fail "the agent took $((took - apply_ms / 10)) cs besides the apply"
[ "$took" -le 200 ] || fail "enforcement switched $took cs after the edit, more than 2 s (the apply took $apply_ms ms)"
expect_loaded qrtr
expect_log_has 'modgate: agent: policy files changed: applied policy'
expect_status 0 -- modgate status --wide
in_force=$(echo "$out" | grep -o '^policy: [^ ]* generation [0-9]*')
[ -n "$in_force" ] || fail "status shows no policy in force"

printf 'version 1\nautoload sometimes\ndeny module=n_hdlc\n' > /etc/modgate/policy.conf
i=0
until grep -q 'the policy has errors' "$AGENT_LOG"; do
  i=$((i + 1)); [ $i -le 60 ] || { cat "$AGENT_LOG"; fail "the broken file was not reported"; }
  sleep 0.05
done
cat "$AGENT_LOG"
expect_log_has '/etc/modgate/policy.conf:2:10: error: '
expect_log_has 'modgate: agent: policy files changed: the policy has errors; the policy in force is unchanged'
expect_status 0 -- modgate status --wide
expect_output_has "$in_force"
expect_output_has 'last reload'
expect_output_has 'refused: the policy has errors; the policy in force is unchanged'
denied_trigger_pid > /dev/null

# depmod rewrites modules.alias: the agent reads the tree again and re-applies (touch stands in for depmod, which
# would rewrite the guest's alias table from its module subset; the agent looks only at the mtime).
printf 'version 1\ndeny module=n_hdlc\n' > /etc/modgate/policy.conf
wait_log() {
  i=0
  until [ "$(grep -c "$1" "$AGENT_LOG")" -ge "$2" ]; do
    i=$((i + 1)); [ $i -le 300 ] || { cat "$AGENT_LOG"; fail "no '$1' in the agent's log"; }
    sleep 0.05
  done
}
wait_log 'policy files changed: applied policy' 2
touch "/lib/modules/$(uname -r)/modules.alias"
wait_log 'module tree changed (depmod): applied policy' 1
grep 'module tree changed' "$AGENT_LOG"
denied_trigger_pid > /dev/null
stop_agent
