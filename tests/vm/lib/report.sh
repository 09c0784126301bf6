# shellcheck shell=bash
# Turning a group's boot into pass/fail lines (sourced by run.sh; uses run, results_file, failed, log).

# report_group GROUP NAME...: prints each test's outcome (the output of a failing one), appends
# "pass NAME"/"fail NAME" to $results_file and adds its failures to $failed. A test with no result
# line fails, with the reason the boot gave (panic, timeout, early power-off).
report_group() {
  local group=$1; shift
  local console=$run/$group.console.log res=$run/$group.results.log n verdict
  local problem; problem=$(cat "$run/$group.problem" 2>/dev/null || echo "no boot")
  if [ "$problem" = "kernel panic" ]; then
    log "$group: the kernel panicked:"; grep -A25 'Kernel panic' "$console" | head -n 30 | sed 's/^/    /'
  fi
  for n in "$@"; do
    verdict=$(awk -v n="$n" '$1 == "result:" && $2 == n && ($3 == "pass" || $3 == "fail") { v = $3 } END { print v }' "$res")
    if [ -z "$verdict" ] && grep -qx "=== begin $n" "$console"; then
      verdict=fail; log "FAIL $n: no result (${problem:-missing result line}) while it ran; its output:"
      sed -n "\|^=== begin $n\$|,\$p" "$console" | sed 's/^/    /' | head -n 60
    elif [ -z "$verdict" ]; then
      verdict=fail; log "FAIL $n: no result (${problem:-missing result line}); it did not start"
    elif [ "$verdict" = fail ]; then
      log "FAIL $n; its output:"
      sed -n "\|^=== begin $n\$|,\|^=== end $n |p" "$console" | sed 's/^/    /'
    else
      log "pass $n ($(sed -n "s|^=== end $n (exit 0, \(.*\)\.\.\(.*\) s)\$|\1 \2|p" "$console" | awk '{ printf "%.2f s", $2 - $1 }'))"
    fi
    [ "$verdict" = pass ] || failed=$((failed + 1))
    [ -z "$results_file" ] || echo "$verdict $n" >> "$results_file"
  done
}
