#!/usr/bin/env bash
# QEMU guest test harness of modgate. See tests/vm/README.md.
#
#   tests/vm/run.sh [OPTIONS] [RESULTS_FILE]       run guest tests, one boot per group
#   tests/vm/run.sh [OPTIONS] --script FILE        boot once, run FILE as root in the guest, exit with its status
#
# Options:
#   --group G          run only group G (tests/vm/tests/G); repeatable
#   --test G/NAME      run only this test (tests/vm/tests/G/NAME.sh), in a boot of its group; repeatable
#   --cmdline ARGS     extra kernel command-line arguments (added to the group's own `cmdline`)
#   --kernel SERIES    the Debian kernel of a --script or --shell boot: 6.1 (default), 5.10, 6.12 (Debian 13's,
#                      with trixie's kmod) or newest (trixie-backports'); a group chooses its own with a `kernel` file
#   --modgate-bin PATH use this modgate binary instead of publishing src/Modgate.Cli
#   --no-modgate       put no modgate in the guest (no publish)
#   --add HOST:GUEST   also put file HOST at GUEST in the guest (repeatable; --script mode too)
#   --matrix "S..."    boot every group on these kernel series instead of its `kernels` (groups with a `kernel`
#                      file keep theirs), e.g. --matrix 6.12 runs the suite on Debian 13's kernel
#   --bpf-stats        set kernel.bpf_stats_enabled=1 at boot
#   --out DIR          --script mode: put the files the script wrote to $VM_OUT into DIR
#   --shell            boot once into an interactive root shell on this terminal (exit it to power off)
#   --tests-dir DIR    take boot groups from DIR instead of tests/vm/tests (harness self-test)
#   -j N               boot up to N groups at once (default 2 where there are 2+ CPUs)
#   -v                 print the guest console live (default: only the output of failed tests)
# RESULTS_FILE gets one "pass NAME" / "fail NAME" line per test (NAME = GROUP/NN-name).
# Exit status: 0 every test passed; 1 a test failed or the harness failed (panic, timeout, missing result).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=$here/.cache
artifacts=${MODGATE_VM_ARTIFACTS:-$repo/artifacts/vm}
mkdir -p "$cache" "$artifacts"

groups=(); only=(); script=; shell=0; extra_cmdline=; modgate_bin=; adds=(); bpf_stats=0; matrix_override=; verbose=0; results_file=
kernel_series=
tests_dir=$here/tests; max_jobs=; out_dir=
need_file() { [ -e "${2:-}" ] || { echo "run.sh: $1 ${2:-}: no such file or directory" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case $1 in --group|--test|--script|--cmdline|--kernel|--modgate-bin|--add|--tests-dir|--out|-j)
    [ $# -ge 2 ] || { echo "run.sh: $1 needs a value (see --help)" >&2; exit 2; } ;; esac
  case $1 in
    --group) groups+=("$2"); shift 2 ;;
    --test) only+=("$2"); shift 2 ;;
    --script) need_file "$1" "$2"; script=$(realpath "$2"); shift 2 ;;
    --cmdline) extra_cmdline=$2; shift 2 ;;
    --kernel) kernel_series=$2; shift 2 ;;
    --modgate-bin) need_file "$1" "$2"; modgate_bin=$(realpath "$2"); shift 2 ;;
    --no-modgate) modgate_bin=none; shift ;;
    --add) need_file "$1" "${2%%:*}"; [[ $2 == *:/* ]] || { echo "run.sh: --add $2: expected HOST:/GUEST/PATH" >&2; exit 2; }
           adds+=("$(realpath "${2%%:*}"):${2#*:}"); shift 2 ;;
    --matrix) matrix_override=$2; shift 2 ;;
    --bpf-stats) bpf_stats=1; shift ;;
    --out) out_dir=$(realpath -m "$2"); shift 2 ;;
    --shell) shell=1; shift ;;
    --tests-dir) need_file "$1" "$2"; tests_dir=$(realpath "$2"); shift 2 ;;
    -j) max_jobs=$2; shift 2 ;;
    -v) verbose=1; shift ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) results_file=$1; shift ;;
  esac
done
[ -n "$results_file" ] && : > "$results_file"
# This run's own files (images, result logs): several runs may share the tree at the same time.
run=$(mktemp -d "$cache/run.XXXXXX"); trap 'rm -rf "$run"' EXIT
log() { echo "vm: $*"; }

# ---- the kernel and the layers of the initramfs --------------------------------------------------
export PATH=$PATH:/usr/sbin:/sbin   # depmod, ldconfig, bpftool: not in a normal user's PATH on Debian
missing_tools() {
  missing=()
  for tool in qemu-system-x86_64 /bin/busybox kmod depmod bpftool gcc cpio xz ldconfig flock readelf; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [ -e /usr/lib/x86_64-linux-gnu/libbpf.so.1 ] || missing+=(libbpf.so.1)
  [ ${#missing[@]} -gt 0 ]
}
if missing_tools; then
  log "missing on this machine: ${missing[*]}; running scripts/setup.sh"
  "$repo/scripts/setup.sh" || { log "scripts/setup.sh failed"; exit 1; }
  ! missing_tools || { log "still missing after scripts/setup.sh: ${missing[*]}"; exit 1; }
fi
. "$here/lib/kernel.sh"
. "$here/lib/layers.sh"
. "$here/lib/qemu.sh"
. "$here/lib/report.sh"
case $modgate_bin in
  none) ;;
  "") modgate_bin=$(publish_modgate); [ -z "$modgate_bin" ] || build_modgate_layer "$modgate_bin" "$run/modgate.cpio.gz" ;;
  *) build_modgate_layer "$modgate_bin" "$run/modgate.cpio.gz" ;;
esac

# ---- developer modes: an interactive shell, or one script -----------------------------------------
if [ "$shell" = 1 ] || [ -n "$script" ]; then
  kernel_series=${kernel_series:-$default_kernel}
  [[ " $known_kernels " == *" $kernel_series "* ]] || { log "--kernel $kernel_series: known kernels: $known_kernels"; exit 2; }
  prepare_kernel "$kernel_series" || exit 1
  use_kernel "$kernel_series"
fi
if [ "$shell" = 1 ]; then
  make_boot_image "shell" "$run/shell.cpio.gz"
  boot_shell "$run/shell.cpio.gz" "$extra_cmdline"
  exit $?
fi
if [ -n "$script" ]; then
  make_boot_image "script /vm/script.sh" "$run/script.cpio.gz"
  boot script "$extra_cmdline" "${MODGATE_VM_TIMEOUT:-600}" "$run/script.cpio.gz" "$out_dir"
  status=$(sed -n 's/^status: //p' "$run/script.results.log")
  [ -n "$status" ] || { log "no status from the script ($(cat "$run/script.problem")); console: $artifacts/script.console.log"; exit 1; }
  exit "$status"
fi

# ---- test mode: one boot per group ----------------------------------------------------------------
# --group G runs all of G, --test G/NAME adds one test of G; neither: every group.
whole_groups=("${groups[@]}")
for t in "${only[@]}"; do groups+=("${t%%/*}"); done
if [ ${#groups[@]} -eq 0 ]; then
  for d in "$tests_dir"/*/; do groups+=("$(basename "$d")"); whole_groups+=("$(basename "$d")"); done
fi
mapfile -t groups < <(printf '%s\n' "${groups[@]}" | awk '!seen[$0]++')
for t in "${only[@]}"; do
  [ -f "$tests_dir/$t.sh" ] || { log "no test $t ($tests_dir/$t.sh)"; exit 2; }
done

# Plan every group first (its tests, kernel arguments, timeouts), boot up to $max_jobs groups at a
# time, then report in group order.
declare -A group_names group_cmdline group_test_timeout group_timeout group_kernel group_dir
planned=()
number_in() { # FILE DEFAULT: the number FILE holds, DEFAULT without FILE; a bad value is a usage error
  local value=$2
  [ ! -f "$1" ] || value=$(tr -d ' \n' < "$1")
  [[ $value =~ ^[1-9][0-9]*$ ]] || { log "$1: expected a number of seconds, found '$value'" >&2; exit 2; }
  echo "$value"
}
for group in "${groups[@]}"; do
  dir=$tests_dir/$group
  [ -d "$dir" ] || { log "no test group $group ($dir)"; exit 2; }
  names=()
  for f in "$dir"/[0-9]*.sh; do
    name=$(basename "$f" .sh)
    [[ $name != *[[:space:]]* ]] || { log "test names must not contain spaces: $f"; exit 2; }
    if ! printf '%s\n' "${whole_groups[@]}" | grep -qxF "$group" &&
       ! printf '%s\n' "${only[@]}" | grep -qxF "$group/$name"; then continue; fi
    names+=("$name")
  done
  [ ${#names[@]} -gt 0 ] || continue
  # One boot per kernel of the group (kernel_of_group: its `kernel` file, or each series of its `kernels` file,
  # the matrix). The first series' boot is named GROUP, the others GROUP@SERIES (their tests GROUP@SERIES/NN-name).
  read -ra series_list <<< "$(kernels_of_group "$dir")" || exit 2
  [ ${#series_list[@]} -gt 0 ] || exit 2
  for series in "${series_list[@]}"; do
    boot_id=$group; [ "$series" = "${series_list[0]}" ] || boot_id=$group@$series
    group_names[$boot_id]=$(printf "$boot_id/%s " "${names[@]}")
    group_dir[$boot_id]=$group
    # Kernel arguments: cmdline-SERIES when the group has one for this series (5.10 needs lsm=...,bpf), else cmdline.
    group_cmdline[$boot_id]=
    for c in "$dir/cmdline-$series" "$dir/cmdline"; do
      [ -f "$c" ] && { group_cmdline[$boot_id]=$(tr '\n' ' ' < "$c"); break; }
    done
    # A group that does not choose its LSMs gets the series' list with bpf (lib/kernel.sh: 5.10 lacks it).
    [[ " ${group_cmdline[$boot_id]} " == *" lsm="* ]] ||
      group_cmdline[$boot_id]="$(series_lsm_cmdline "$series") ${group_cmdline[$boot_id]}"
    group_test_timeout[$boot_id]=$(number_in "$dir/test-timeout" 120) || exit 2
    group_kernel[$boot_id]=$series
    default=$((90 + 60 * ${#names[@]}))
    [ "$default" -ge $((group_test_timeout[$boot_id] + 90)) ] || default=$((group_test_timeout[$boot_id] + 90))
    group_timeout[$boot_id]=$(number_in "$dir/timeout" "$default") || exit 2
    planned+=("$boot_id")
  done
done

run_group() { # GROUP: its image (the plan lists its tests), its boot
  local group=$1 n names
  read -ra names <<< "${group_names[$1]}"
  local test_timeout=${group_test_timeout[$1]}
  local plan; plan=$(for n in "${names[@]}"; do echo "test $n /tests/${group_dir[$1]}/${n#*/}.sh $test_timeout"; done)
  # The stall watchdog waits for the guest's own per-test timeout plus a margin.
  local stall_s=${MODGATE_VM_STALL:-$((test_timeout + 60))}
  use_kernel "${group_kernel[$1]}"
  make_boot_image "$plan" "$run/boot-$group.cpio.gz"
  local start=$SECONDS
  boot "$group" "${group_cmdline[$1]} $extra_cmdline" "${group_timeout[$1]}" "$run/boot-$group.cpio.gz" "" "$stall_s"
  rm -f "$run/boot-$group.cpio.gz"
  mkdir -p "$cache/durations"; echo $((SECONDS - start)) > "$cache/durations/$group"
}

# Longest boots first (durations of the last runs; unknown ones first of all): with 2 at a time,
# a long group started last would leave one core idle for its whole length.
mapfile -t boot_order < <(for group in "${planned[@]}"; do
  echo "$(cat "$cache/durations/$group" 2>/dev/null || echo 100000) $group"; done | sort -rn -k1,1 | cut -d' ' -f2)

for series in $(printf '%s\n' "${group_kernel[@]}" | sort -u); do prepare_kernel "$series" || exit 1; done
[ -n "$max_jobs" ] || max_jobs=$(( $(nproc) >= 2 ? 2 : 1 ))
total_start=$SECONDS
log "${#planned[@]} boot group(s), up to $max_jobs at a time"
for group in "${boot_order[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$max_jobs" ]; do wait -n; done
  run_group "$group" &
done
wait

failed=0
for group in "${planned[@]}"; do
  read -ra names <<< "${group_names[$group]}"
  report_group "$group" "${names[@]}"
done
log "boot durations (s): $(for group in "${planned[@]}"; do echo "$(cat "$cache/durations/$group") $group"; done |
  sort -rn | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " }')"
log "guest tests done in $((SECONDS - total_start)) s: $failed failed; consoles in $artifacts"
[ "$failed" -eq 0 ]
