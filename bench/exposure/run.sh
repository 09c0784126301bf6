#!/usr/bin/env bash
# Benchmark of `modgate exposure` on a Debian tree (BENCHMARKS.md, section "exposure").
#   1. full exposure, NativeAOT binary, a new process each run (the page cache is warm: run 0 is discarded)
#   2. the same request strings resolved by modprobe -R, one modprobe process per request
#   3. one modprobe -R for one alias
# Prints medians over RUNS runs and both ratios. Usage: bench/exposure/run.sh [MODGATE_BINARY] [RUNS] [SERIES]
# SERIES (scripts/fetch-debian-kernel.sh): 6.1 (default; this machine's kmod 30), 6.12 or newest (trixie's kmod 34
# from --userland, run through its own ld.so, reading the index trixie's depmod wrote: scripts/debian-depmod.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-}
runs=${2:-11}
if [ -z "$binary" ]; then
  mkdir -p artifacts/aot
  binary=$(scripts/publish-aot.sh artifacts/aot/modgate)   # the NativeAOT publish of the VM harness and the package
fi
series=${3:-6.1}
root=$(scripts/fetch-debian-kernel.sh "$series")
version=$(ls "$root/lib/modules")
tree=$root/lib/modules/$version
modprobe=(/usr/sbin/modprobe); index=$root
userland=$(scripts/fetch-debian-kernel.sh --userland "$series")
if [ -n "$userland" ]; then
  modprobe=("$userland/usr/lib64/ld-linux-x86-64.so.2" --library-path "$userland/usr/lib/x86_64-linux-gnu" --argv0 modprobe "$userland/usr/bin/kmod")
  index=$(scripts/debian-depmod.sh "$series")
fi
requests=$(mktemp); trap 'rm -f "$requests"' EXIT
"$binary" exposure --kernel-tree "$tree" --all --json | python3 -c '
import json, sys
for row in json.load(sys.stdin)["rows"]:
    print(row["request"])' > "$requests"
count=$(wc -l < "$requests")

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local s e; s=$(now); "$@" > /dev/null 2>&1 || true; e=$(now); echo $(( (e - s) / 1000 )); }   # microseconds

# --wide: the whole table, as BENCHMARKS.md measured it (without it, output to /dev/null is fitted to 80 columns).
"$binary" exposure --kernel-tree "$tree" --wide > /dev/null   # warm the page cache
exposure_us=$(for i in $(seq "$runs"); do time_ms "$binary" exposure --kernel-tree "$tree" --wide; done | median)
# CPU time (user+sys) as well: the wall time depends on what else the machine runs.
cpu_us=$(for i in $(seq "$runs"); do /usr/bin/time -f "%U %S" "$binary" exposure --kernel-tree "$tree" --wide 2>&1 >/dev/null | awk '{printf "%d\n", ($1 + $2) * 1000000}'; done | median)
per_request_us=$(for i in $(seq 3); do time_ms xargs -a "$requests" -d '\n' -n 1 "${modprobe[@]}" -d "$index" -S "$version" -R; done | median)
single_us=$(for i in $(seq "$runs"); do time_ms "${modprobe[@]}" -d "$index" -S "$version" -R tty-ldisc-13; done | median)

awk -v e="$exposure_us" -v c="$cpu_us" -v p="$per_request_us" -v s="$single_us" -v n="$count" -v r="$runs" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "load average at start: %s on %d cores\n", l, '"$(nproc)"'
  printf "tree: %s (%d modules), modprobe: %s\n", "'"$tree"'", '"$(find "$tree" -name '*.ko*' | wc -l)"', "'"$( [ -n "$userland" ] && echo "kmod of $(basename "$userland")" || echo /usr/sbin/modprobe)"'"
  printf "requests resolved: %d\n", n
  printf "modgate exposure (NativeAOT, cold process, median of %d): %.1f ms wall, %.0f ms CPU (user+sys)\n", r, e / 1000, c / 1000
  printf "modprobe -R, one process per request (%d processes, median of 3): %.1f ms  -> exposure is %.1fx faster\n", n, p / 1000, p / e
  printf "modprobe -R tty-ldisc-13, one process (median of %d): %.1f ms  -> exposure costs %.1f single lookups\n", r, s / 1000, e / s
}'
