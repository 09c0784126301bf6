# The guest half of scripts/demo.sh: run inside the QEMU guest (tests/vm/run.sh --script) as root, with
# Debian 13's 6.12 kernel and trixie's kmod, the NativeAOT modgate, the `trigger` program and a uid-1000 user.
say() { printf '\n== %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
loaded() { if [ -e "/sys/module/$1/initstate" ]; then echo "   -> module $1 is LOADED"; else echo "   -> module $1 is not loaded"; fi; }

say "Stock kernel, no policy: uid 1000 makes the kernel load CAN BCM by opening a socket"
run trigger --uid 1000 --caps none socket can dgram can-bcm; loaded can_bcm

say "Apply the ModAutoRestrict-like policy (autoload privileged)"
run modgate apply /policies/examples/modautorestrict.conf
run modgate status

say "Start the agent (what modgate.service runs): it writes every kernel decision worth auditing to /var/log/modgate/audit.jsonl"
printf '$ modgate agent --policy /policies/examples/modautorestrict.conf &\n'
modgate agent --policy /policies/examples/modautorestrict.conf > /tmp/agent.log 2>&1 &
agent=$!
until grep -q 'agent: start: ' /tmp/agent.log 2>/dev/null; do sleep 0.2; done
cat /tmp/agent.log

say "uid 1000 asks for n_hdlc (TIOCSETD 13, CVE-2017-2636) and appletalk: denied, the caller sees the usual errno"
run trigger --uid 1000 --caps none tiocsetd 13; loaded n_hdlc
run trigger --uid 1000 --caps none socket appletalk dgram; loaded appletalk

say "uid 1000 as root of its own user+net namespace (the nf_tables exploit path) has no CAP_SYS_MODULE in the initial namespace: denied"
run trigger --uid 1000 --caps none --userns --netns nfnl-subsys 10; loaded nf_tables

say "Root may still autoload"
run trigger tiocsetd 13; loaded n_hdlc

say "modgate exec --autoload=off: even root's children are denied, for good"
run modgate exec --autoload=off -- trigger socket appletalk dgram; loaded appletalk

say "The kernel's own counters, and the agent's"
sleep 1   # the agent writes its state file at most once a poll
run modgate status

say "The audit log: one record per denied request, with who asked and the rule that decided"
run modgate log
kill -TERM "$agent"; wait "$agent"
