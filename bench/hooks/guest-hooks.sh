#!/bin/sh
# In-guest hook-cost benchmark of modgate's BPF programs (run by bench/hooks/run.sh through the VM harness's
# --script mode, booted with --bpf-stats). Prints "RESULT key value" lines.
set -u
ITER=${ITER:-1000}
ROUNDS=${ROUNDS:-3}
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# fork+exec+exit: the cost task_alloc and bprm_committed_creds add to every process.
spawn_ms() {
  start=$(now_ms); i=0
  while [ $i -lt "$ITER" ]; do /bin/true; i=$((i + 1)); done
  echo $(( $(now_ms) - start ))
}

# Total run time (ns) of all of modgate's programs so far, from kernel.bpf_stats_enabled.
programs_ns() {
  bpftool prog show | awk '/ name mg_/ { for (i = 1; i < NF; i++) if ($i == "run_time_ns") t += $(i + 1) } END { printf "%d\n", t }'
}

# The floor any BPF LSM tool pays: an empty program (r0 = 0) on each hook modgate uses, attached as an LSM program
# by the guest's freplace-attack tool (its programs are named "attack").
HOOKS="kernel_module_request kernel_post_read_file kernel_post_load_data capable task_alloc bprm_committed_creds task_prctl"
floor_attach() {
  for h in ${1:-$HOOKS}; do freplace-attack hook lsm "bpf_lsm_$h" zero "/sys/fs/bpf/floor-$h" > /dev/null || exit 1; done
}
floor_detach() { rm -f /sys/fs/bpf/floor-*; }
floor_ns() {
  bpftool prog show | awk '/ name attack / { for (i = 1; i < NF; i++) if ($i == "run_time_ns") t += $(i + 1) } END { printf "%d\n", t }'
}

printf 'version 1\nautoload classic\n' > /tmp/classic.conf
# Rounds alternate without / with modgate / with a per-process mode (every fork then also copies the task
# storage, the worst case), so that drift of the emulated machine hits all three alike.
without=; with=; mode=; floor=; r=0
while [ $r -lt "$ROUNDS" ]; do
  modgate disable -q
  without="$without $(spawn_ms)"
  floor_attach
  before=$(floor_ns)
  floor="$floor $(spawn_ms)"
  floor_prog_ns=$(( ${floor_prog_ns:-0} + $(floor_ns) - before ))
  floor_detach
  modgate apply -q /tmp/classic.conf || exit 1
  before=$(programs_ns)
  with="$with $(spawn_ms)"
  prog_ns=$(( ${prog_ns:-0} + $(programs_ns) - before ))
  mode="$mode $(modgate exec --autoload=privileged -- sh -c ". /opt/bench/spawn.sh; spawn_ms")"
  r=$((r + 1))
done
sum() { t=0; for x in "$@"; do t=$((t + x)); done; echo $t; }
echo "RESULT spawn_iterations $ITER x $ROUNDS rounds"
echo "RESULT spawn_ms_without$without total $(sum $without)"
echo "RESULT spawn_ms_with$with total $(sum $with)"
echo "RESULT spawn_ms_with_process_mode$mode total $(sum $mode)"
echo "RESULT spawn_ms_floor$floor total $(sum $floor)"
echo "RESULT spawn_bpf_ns_per_spawn $(( prog_ns / (ITER * ROUNDS) )) spawn_ns_without_avg $(( $(sum $without) * 1000000 / (ITER * ROUNDS) ))"
echo "RESULT spawn_floor_bpf_ns_per_spawn $(( floor_prog_ns / (ITER * ROUNDS) ))"

# Request hook: average run time per call with a 10-rule and a 10,000-rule policy. The requests (binfmt-NNNN,
# unknown magic) are denied by the last rule, so the kernel spawns no modprobe and every call walks the index.
REQS=${REQS:-150}
hook_avg() { # prints run_time_ns run_cnt of mg_module_request
  # bpftool prints the figures only once they are non-zero
  v=$(bpftool prog show name mg_module_request | sed -n 's/.* run_time_ns \([0-9]*\) run_cnt \([0-9]*\).*/\1 \2/p')
  echo "${v:-0 0}"
}
request_loop() {
  i=0; while [ $i -lt "$REQS" ]; do trigger binfmt /tmp/unknown.bin > /dev/null; i=$((i + 1)); done
}
bench_policy() { # FILE LABEL
  t0=$(now_ms)
  modgate apply -q "$1" || { echo "RESULT ${2}_apply failed"; return; }
  echo "RESULT apply_${2}_ms $(( $(now_ms) - t0 ))"
  set -- "$1" "$2" $(hook_avg)
  request_loop
  set -- "$1" "$2" "$3" "$4" $(hook_avg)
  echo "RESULT request_hook_${2} ns=$(( $5 - $3 )) calls=$(( $6 - $4 )) avg_ns=$(( ($5 - $3) / ($6 - $4) ))"
}
{ echo "version 1"; i=0; while [ $i -lt 9 ]; do echo "deny request=bench-request-$i"; i=$((i + 1)); done
  echo "deny request=binfmt-*"; } > /tmp/rules10.conf
awk 'BEGIN { print "version 1"; for (i = 0; i < 9999; i++) printf "deny request=bench-request-%d uid=%d\n", i, i % 60000; print "deny request=binfmt-*" }' > /tmp/rules10000.conf
# The floor of the request hook: the empty program alone on kernel_module_request, the same requests.
floor_request() {
  modgate disable -q
  floor_attach kernel_module_request
  v0=$(floor_ns); n0=$(bpftool prog show name attack | sed -n 's/.* run_cnt \([0-9]*\).*/\1/p')
  request_loop
  v1=$(floor_ns); n1=$(bpftool prog show name attack | sed -n 's/.* run_cnt \([0-9]*\).*/\1/p')
  floor_detach
  echo "RESULT request_hook_floor ns=$(( v1 - v0 )) calls=$(( ${n1:-0} - ${n0:-0} )) avg_ns=$(( (v1 - v0) / (${n1:-0} - ${n0:-0} + (${n1:-0} == ${n0:-0})) ))"
}
# Alternate, so that drift of the emulated machine hits both sizes (and the floor) alike.
for round in 1 2 3; do
  floor_request
  bench_policy /tmp/rules10.conf rules10
  bench_policy /tmp/rules10000.conf rules10000
done
