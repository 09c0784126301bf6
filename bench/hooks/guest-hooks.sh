#!/bin/sh
# In-guest hook-cost benchmark of modgate's BPF programs (run by bench/hooks/run.sh through the VM harness's
# --script mode, booted with --bpf-stats). Prints "RESULT key value" lines.
set -u
ITER=${ITER:-1000}
ROUNDS=${ROUNDS:-4}
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# fork+exec+exit: the cost task_alloc and bprm_committed_creds add to every process.
spawn_ms() {
  start=$(now_ms); i=0
  while [ $i -lt "$ITER" ]; do /bin/true; i=$((i + 1)); done
  echo $(( $(now_ms) - start ))
}

# The floor any BPF LSM tool pays: an empty program (r0 = 0) on each hook modgate uses, attached as an LSM program
# by the guest's freplace-attack tool and pinned as /sys/fs/bpf/floor-HOOK. It runs beside modgate's program on the
# same hook, in the same calls: the kernel's accounting of both (kernel.bpf_stats_enabled) is then compared under the
# same drift of the emulated machine, which moves wall-clock figures by up to 5x between rounds.
HOOKS="kernel_module_request kernel_post_read_file kernel_post_load_data capable task_alloc bprm_committed_creds task_prctl"
floor_attach() {
  for h in ${1:-$HOOKS}; do freplace-attack hook lsm "bpf_lsm_$h" zero "/sys/fs/bpf/floor-$h" > /dev/null || exit 1; done
}
floor_detach() { rm -f /sys/fs/bpf/floor-*; }
# modgate's program on a hook: mg_ + the hook without its kernel_ prefix.
program_of() { h=${1#kernel_}; echo "mg_$h"; }
# run_time_ns and run_cnt of a program (bpftool prints them only once non-zero).
stats_of() { sed -n '1s/.* run_time_ns \([0-9]*\) run_cnt \([0-9]*\).*/\1 \2/p'; }
# The pin is the link: its program is named by the link's prog_id.
floor_stats() {
  id=$(bpftool link show pinned "/sys/fs/bpf/floor-$1" | sed -n 's/.* prog \([0-9]*\).*/\1/p' | head -1)
  v=$(bpftool prog show id "${id:-0}" 2>/dev/null | stats_of); echo "${v:-0 0}"
}
# The kernel keeps 15 characters of a program's name: compare that much.
modgate_stats() {
  v=$(bpftool prog show | awk -v want="$(program_of "$1" | cut -c1-15)" '/ name / {
      n = ""; t = 0; c = 0
      for (i = 1; i < NF; i++) { if ($i == "name") n = $(i + 1); if ($i == "run_time_ns") t = $(i + 1); if ($i == "run_cnt") c = $(i + 1) }
      if (index(n, want) == 1) { s += t; k += c } } END { printf "%d %d\n", s, k }')
  echo "${v:-0 0}"
}
# "HOOK floor_ns modgate_ns" for every hook, so far.
snapshot() { for h in $HOOKS; do echo "$h $(floor_stats "$h" | cut -d' ' -f1) $(modgate_stats "$h" | cut -d' ' -f1)"; done; }
# Adds the difference of two snapshots to the running totals file $3.
accumulate() { # BEFORE AFTER TOTALS
  paste -d' ' "$1" "$2" | awk '{ print $1, $5 - $2, $6 - $3 }' > /tmp/delta
  if [ -s "$3" ]; then paste -d' ' "$3" /tmp/delta | awk '{ print $1, $2 + $5, $3 + $6 }' > /tmp/sum; mv /tmp/sum "$3"; else mv /tmp/delta "$3"; fi
}

printf 'version 1\nautoload classic\n' > /tmp/classic.conf
# Rounds alternate without modgate / with modgate (autoload classic) / inside `modgate exec --autoload=privileged`
# (every fork then also copies the task storage, the worst case); the floor runs beside modgate in the last two.
without=; with=; mode=; r=0
rm -f /tmp/with.totals /tmp/mode.totals
while [ $r -lt "$ROUNDS" ]; do
  modgate disable -q
  without="$without $(spawn_ms)"
  # The trampoline runs its programs in the order they were attached: each goes first in every other round.
  if [ $((r % 2)) -eq 0 ]; then
    modgate apply -q /tmp/classic.conf || exit 1
    floor_attach
  else
    floor_attach
    modgate apply -q /tmp/classic.conf || exit 1
  fi
  snapshot > /tmp/s0
  with="$with $(spawn_ms)"
  snapshot > /tmp/s1
  mode="$mode $(modgate exec --autoload=privileged -- sh -c ". /opt/bench/spawn.sh; spawn_ms")"
  snapshot > /tmp/s2
  floor_detach
  accumulate /tmp/s0 /tmp/s1 /tmp/with.totals
  accumulate /tmp/s1 /tmp/s2 /tmp/mode.totals
  r=$((r + 1))
done
sum() { t=0; for x in "$@"; do t=$((t + x)); done; echo $t; }
spawns=$((ITER * ROUNDS))
echo "RESULT spawn_iterations $ITER x $ROUNDS rounds"
echo "RESULT spawn_ms_without$without total $(sum $without)"
echo "RESULT spawn_ms_with_and_floor$with total $(sum $with)"
echo "RESULT spawn_ms_process_mode_and_floor$mode total $(sum $mode)"
echo "RESULT spawn_ns_without_avg $(( $(sum $without) * 1000000 / spawns ))"
for run in with mode; do
  while read -r h f m; do
    [ "$f" -gt 0 ] || [ "$m" -gt 0 ] || continue
    echo "RESULT spawn_${run}_hook $h floor_ns_per_spawn=$(( f / spawns )) modgate_ns_per_spawn=$(( m / spawns ))"
  done < /tmp/$run.totals
  awk -v run="$run" -v n="$spawns" '{ f += $2; m += $3 } END {
      printf "RESULT spawn_%s_total floor_ns_per_spawn=%d modgate_ns_per_spawn=%d ratio=%.2f\n", run, f / n, m / n, (f ? m / f : 0) }' /tmp/$run.totals
done

# Request hook: average run time per call with a 10-rule and a 10,000-rule policy. The requests (binfmt-NNNN,
# unknown magic) are denied by the last rule, so the kernel spawns no modprobe and every call walks the index.
REQS=${REQS:-150}
request_loop() {
  i=0; while [ $i -lt "$REQS" ]; do trigger binfmt /tmp/unknown.bin > /dev/null; i=$((i + 1)); done
}
# Both policies' rounds run with the empty program beside modgate on kernel_module_request, in the same calls.
bench_policy() { # FILE LABEL
  t0=$(now_ms)
  modgate apply -q "$1" || { echo "RESULT ${2}_apply failed"; return; }
  echo "RESULT apply_${2}_ms $(( $(now_ms) - t0 ))"
  floor_attach kernel_module_request
  set -- "$1" "$2" $(modgate_stats kernel_module_request) $(floor_stats kernel_module_request)
  request_loop
  set -- "$@" $(modgate_stats kernel_module_request) $(floor_stats kernel_module_request)
  floor_detach
  echo "RESULT request_hook_${2} ns=$(( $7 - $3 )) calls=$(( $8 - $4 )) avg_ns=$(( ($7 - $3) / ($8 - $4 + ($8 == $4)) )) floor_avg_ns=$(( ($9 - $5) / (${10} - $6 + (${10} == $6)) ))"
}
{ echo "version 1"; i=0; while [ $i -lt 9 ]; do echo "deny request=bench-request-$i"; i=$((i + 1)); done
  echo "deny request=binfmt-*"; } > /tmp/rules10.conf
awk 'BEGIN { print "version 1"; for (i = 0; i < 9999; i++) printf "deny request=bench-request-%d uid=%d\n", i, i % 60000; print "deny request=binfmt-*" }' > /tmp/rules10000.conf
# Alternate, so that drift of the emulated machine hits both sizes (and the floor) alike.
for round in 1 2 3; do
  bench_policy /tmp/rules10.conf rules10
  bench_policy /tmp/rules10000.conf rules10000
done
