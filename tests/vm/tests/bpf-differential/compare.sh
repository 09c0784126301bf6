# Sourced by the differential tests: compare the kernel's decision (the attached programs, asked through
# `modgate status --kernel-decision` by a process with the identity) with the reference evaluator's
# (`modgate simulate --json` with the same identity), request by request.
# The kernel answers --kernel-decision only for CAP_SYS_ADMIN and the descendants of a process that
# `modgate exec --allow-kernel-decisions` marked: the test runs again under that mark, once.
if [ -z "${MODGATE_DECISIONS_ALLOWED:-}" ]; then
  MODGATE_DECISIONS_ALLOWED=1 exec modgate exec --allow-kernel-decisions -- sh "$0" "$@"
fi
POLICY=/tests/bpf-differential/policy.conf
compared=0

# rule_line N: the line of the policy's Nth rule (0-based), as simulate names it.
rule_line() { awk -v n="$1" '/^(allow|deny|audit) / { if (i++ == n) { print NR; exit } }' "$POLICY"; }

# compare "KERNEL-PREFIX" "SIMULATE-OPTIONS" VERB NAME [ORIGIN]
#   KERNEL-PREFIX: the command that runs `modgate status` with the identity, e.g. "trigger --uid 1000 --caps none run"
#   (the test runs under `modgate exec --allow-kernel-decisions`, below: the kernel answers others only CAP_SYS_ADMIN)
compare() {
  prefix=$1; simopts=$2; verb=$3; name=$4; origin=${5:-explicit}
  kernel=$($prefix modgate status --kernel-decision "$verb:$name" --origin "$origin" 2>&1) ||
    fail "kernel decision for $verb $name failed: $kernel"
  sim=$(modgate simulate "$verb" "$name" --policy "$POLICY" --origin "$origin" $simopts --json 2>/dev/null) || fail "simulate $verb $name failed"
  s_decision=$(printf '%s\n' "$sim" | sed -n 's/^  "decision": "\(.*\)",$/\1/p')
  s_layer=$(printf '%s\n' "$sim" | sed -n 's/^  "layer": "\(.*\)",$/\1/p')
  s_rule=$(printf '%s\n' "$sim" | sed -n 's/^  "rule": "\(.*\)",$/\1/p')
  k_decision=$(echo "$kernel" | sed -n 's/.*decision=\([^ ]*\).*/\1/p')
  k_layer=$(echo "$kernel" | sed -n 's/.*layer=\([^ ]*\).*/\1/p')
  k_rule=$(echo "$kernel" | sed -n 's/.*rule=\([-0-9]*\).*/\1/p')
  expected_rule=
  [ "$s_layer" = rule ] && expected_rule=$POLICY:$(rule_line "$k_rule")
  echo "$verb $name [$prefix | $simopts]: kernel $k_decision/$k_layer/$k_rule reference $s_decision/$s_layer/$s_rule"
  [ -n "$s_decision" ] && [ -n "$k_decision" ] || fail "could not read a decision (kernel: $kernel)"
  [ "$k_decision" = "$s_decision" ] && [ "$k_layer" = "$s_layer" ] || fail "$verb $name: kernel $k_decision/$k_layer, reference $s_decision/$s_layer"
  [ "$s_layer" != rule ] || [ "$s_rule" = "$expected_rule" ] || fail "$verb $name: kernel rule $expected_rule, reference $s_rule"
  compared=$((compared + 1))
}

AUTOLOAD_REQUESTS="tty-ldisc-13 net-pf-5 net-pf-41 net-pf-43 net-pf-29 can-proto-2 fs-hfs fs-cramfs binfmt-1234 char-major-10-200 netdev-sit0 tcp-ulp-tls crypto-md4 unknown-xyz net-pf-21"
