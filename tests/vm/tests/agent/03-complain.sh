# Complain mode: the trigger is allowed and the agent logs would-deny.
. /usr/lib/modgate-vm/lib.sh
. /tests/agent/agent-lib.sh
printf 'version 1\nautoload privileged\nenforcement complain\n' > /etc/modgate/policy.conf
start_agent
before=$(records)
expect_trigger 0 ok -- --uid 1000 --caps none socket rxrpc dgram 2
expect_loaded rxrpc
wait_records $((before + 1))
sleep 1
new=$(tail -n +$((before + 1)) "$AUDIT")
echo "$new"
echo "$new" | grep -q '"decision":"would-deny".*"layer":"global-mode".*"uid":1000' || fail "no would-deny record of uid 1000"
echo "$new" | grep -q '"module":"rxrpc"' || fail "no record names rxrpc"
echo "$new" | grep -q '"decision":"deny"' && fail "complain mode wrote a deny"
stop_agent
