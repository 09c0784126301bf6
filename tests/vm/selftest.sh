#!/usr/bin/env bash
# Checks that run.sh turns every kind of guest outcome into the right result lines and exit status
# (the groups of selftest/): pass, fail (with the failing test's output shown), a failing lib.sh
# assertion, a kernel panic, a hang (host timeout), a stall (no result for MODGATE_VM_STALL s), a
# guest that stops before reporting, files from $VM_OUT; and --script with --add, --cmdline, --out.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export MODGATE_VM_ARTIFACTS=$out/artifacts   # keep artifacts/vm for real runs
MODGATE_VM_STALL=30 "$here/run.sh" --no-modgate --tests-dir "$here/selftest" "$out/results" > "$out/log" 2>&1
rc=$?
problems=0
check() { if eval "$2"; then echo "ok: $1"; else echo "NOT OK: $1"; problems=$((problems + 1)); fi; }
expected='fail hang/01-hang
pass outcomes/01-pass
fail outcomes/02-fail
fail outcomes/03-helper-fails
pass outcomes/04-after-failure
fail panic/01-panic
fail panic/02-never-runs
fail poweroff/01-poweroff
fail poweroff/02-never-runs
fail stall/01-hangs-longer-than-the-watchdog'
check "run.sh exits 1" '[ $rc -eq 1 ]'
check "one result line per test, each right" '[ "$(cat "$out/results")" = "$expected" ]'
check "a failing test's output is shown" 'grep -q "    selftest: this output must be shown by the host" "$out/log"'
check "a failing assertion names what failed" 'grep -q "FAIL: trigger --uid 1000 --caps none tiocsetd 99: exit 1, expected 0" "$out/log"'
check "a kernel panic is reported" 'grep -q "panic: KERNEL PANIC" "$out/log"'
check "a hang is reported as a timeout" 'grep -q "hang: TIMEOUT after 25 s" "$out/log"'
check "a guest silent for MODGATE_VM_STALL seconds is killed and reported" 'grep -q "stall: STALLED: no result for 30 s" "$out/log"'
check "an early power-off is reported" 'grep -q "poweroff: the guest did not finish" "$out/log"'
check "files a test writes to \$VM_OUT reach \$MODGATE_VM_ARTIFACTS/GROUP.out" \
  '[ "$(cat "$out/artifacts/outcomes.out/marker" 2>/dev/null)" = "from outcomes/01-pass" ]'
check "consoles go to \$MODGATE_VM_ARTIFACTS" '[ -s "$out/artifacts/panic.console.log" ]'
# --script mode: the script's exit status comes back; --add and --cmdline reach the guest.
echo "added by selftest" > "$out/added.txt"
cat > "$out/script.sh" <<'SCRIPT'
grep -qx 'added by selftest' /opt/added.txt || exit 10
grep -q 'modgate.selftest=yes' /proc/cmdline || exit 11
echo "from the script" > "$VM_OUT/script-marker"
exit 7
SCRIPT
"$here/run.sh" --no-modgate --add "$out/added.txt:/opt/added.txt" --cmdline modgate.selftest=yes \
  --script "$out/script.sh" --out "$out/script-out" >> "$out/log" 2>&1
script_rc=$?
check "--script returns the script's status, --add and --cmdline reach the guest" '[ $script_rc -eq 7 ]'
check "--out receives the script's \$VM_OUT" '[ "$(cat "$out/script-out/script-marker" 2>/dev/null)" = "from the script" ]'
if [ $problems -ne 0 ]; then echo "--- run.sh output:"; cat "$out/log"; echo "--- results:"; cat "$out/results"; fi
echo "selftest: $problems problem(s)"
[ $problems -eq 0 ]
