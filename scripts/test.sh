#!/usr/bin/env bash
# Runs every test of modgate: the .NET unit/property tests and the QEMU guest tests.
# Installs what it needs (apt packages, NuGet restore, the Debian guest kernel) on first use.
# Ends with the line "N passed, N failed" covering every test it ran.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results=$root/artifacts/test-results
rm -rf "$results"; mkdir -p "$results"

./scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0
# .NET tests: one TRX file per test project; the counters line is the truth.
dotnet test Modgate.sln --logger "trx" --results-directory "$results/dotnet" 2>&1 | tee "$results/dotnet.log"
dotnet_rc=${PIPESTATUS[0]}
trx_count=0
for trx in "$results"/dotnet/*.trx; do
  [ -e "$trx" ] || continue
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
# A build failure produces no TRX: count it as a failure rather than "0 failed".
if [ "$dotnet_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=$((failed + 1)); echo "dotnet test failed (exit $dotnet_rc) without a failing test: counted as 1 failure"; fi
[ "$trx_count" -gt 0 ] || { failed=$((failed + 1)); echo "no test results from dotnet test"; }

# The guest, package and system phases: each script writes one "pass NAME" / "fail NAME" line per test into
# RESULTS/NAME-results.txt; its output goes to RESULTS/NAME.log. A script that fails without a failing test (it could
# not build or boot anything) counts as one failure, not as "0 failed".
run_phase() { # SCRIPT NAME WHAT
  [ -x "$1" ] || return 0
  "$1" "$results/$2-results.txt" 2>&1 | tee "$results/$2.log"
  local rc=${PIPESTATUS[0]} p f
  p=$(grep -c '^pass ' "$results/$2-results.txt" 2>/dev/null); f=$(grep -c '^fail ' "$results/$2-results.txt" 2>/dev/null)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "$3 failed (exit $rc) without a failing test: counted as 1 failure"; fi
}

# Guest tests: the QEMU harness, one line per guest test.
run_phase tests/vm/run.sh vm "VM harness"
# Package tests: the .deb installed into a debootstrap'ed Debian root.
run_phase tests/package/run.sh package "package tests"
# System tests: the .deb under systemd and journald in a QEMU guest booting a real Debian root; one line per check.
run_phase tests/system/run.sh system "system tests"

# CI shows only the tail of this output: name every failure once more right above the counters.
if [ "$failed" -gt 0 ]; then
  echo "failures:"
  grep -h -A4 -E '^\s+Failed [^ ]' "$results/dotnet.log" 2>/dev/null | cut -c1-400 | head -60
  cat "$results"/vm-results.txt "$results"/package-results.txt "$results"/system-results.txt 2>/dev/null | grep '^fail ' | head -40
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
