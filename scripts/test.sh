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

# Guest tests: the harness writes one "pass NAME" / "fail NAME" line per guest test.
if [ -x tests/vm/run.sh ]; then
  tests/vm/run.sh "$results/vm-results.txt" 2>&1 | tee "$results/vm.log"
  vm_rc=${PIPESTATUS[0]}
  vp=$(grep -c '^pass ' "$results/vm-results.txt" 2>/dev/null); vf=$(grep -c '^fail ' "$results/vm-results.txt" 2>/dev/null)
  passed=$((passed + ${vp:-0})); failed=$((failed + ${vf:-0}))
  if [ "$vm_rc" -ne 0 ] && [ "${vf:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "VM harness failed (exit $vm_rc) without a failing test: counted as 1 failure"; fi
fi

# Package tests: the .deb installed into a debootstrap'ed Debian root; one "pass NAME" / "fail NAME" line each.
if [ -x tests/package/run.sh ]; then
  tests/package/run.sh "$results/package-results.txt" 2>&1 | tee "$results/package.log"
  pkg_rc=${PIPESTATUS[0]}
  pp=$(grep -c '^pass ' "$results/package-results.txt" 2>/dev/null); pf=$(grep -c '^fail ' "$results/package-results.txt" 2>/dev/null)
  passed=$((passed + ${pp:-0})); failed=$((failed + ${pf:-0}))
  if [ "$pkg_rc" -ne 0 ] && [ "${pf:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "package tests failed (exit $pkg_rc) without a failing test: counted as 1 failure"; fi
fi

# System tests: the .deb under systemd and journald in a QEMU guest booting a real Debian root; one line per check.
if [ -x tests/system/run.sh ]; then
  tests/system/run.sh "$results/system-results.txt" 2>&1 | tee "$results/system.log"
  sys_rc=${PIPESTATUS[0]}
  sp=$(grep -c '^pass ' "$results/system-results.txt" 2>/dev/null); sf=$(grep -c '^fail ' "$results/system-results.txt" 2>/dev/null)
  passed=$((passed + ${sp:-0})); failed=$((failed + ${sf:-0}))
  if [ "$sys_rc" -ne 0 ] && [ "${sf:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "system tests failed (exit $sys_rc) without a failing test: counted as 1 failure"; fi
fi

# CI shows only the tail of this output: name every failure once more right above the counters.
if [ "$failed" -gt 0 ]; then
  echo "failures:"
  grep -h -A4 -E '^\s+Failed [^ ]' "$results/dotnet.log" 2>/dev/null | cut -c1-400 | head -60
  cat "$results"/vm-results.txt "$results"/package-results.txt "$results"/system-results.txt 2>/dev/null | grep '^fail ' | head -40
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
