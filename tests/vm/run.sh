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
#   --modgate-bin PATH use this modgate binary instead of publishing src/Modgate.Cli
#   --no-modgate       put no modgate in the guest (no publish)
#   --add HOST:GUEST   also put file HOST at GUEST in the guest (repeatable; --script mode too)
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
artifacts=$repo/artifacts/vm
mkdir -p "$cache" "$artifacts"

groups=(); only=(); script=; shell=0; extra_cmdline=; modgate_bin=; adds=(); bpf_stats=0; verbose=0; results_file=
tests_dir=$here/tests; max_jobs=; out_dir=
need_file() { [ -e "${2:-}" ] || { echo "run.sh: $1 ${2:-}: no such file or directory" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case $1 in --group|--test|--script|--cmdline|--modgate-bin|--add|--tests-dir|--out|-j)
    [ $# -ge 2 ] || { echo "run.sh: $1 needs a value (see --help)" >&2; exit 2; } ;; esac
  case $1 in
    --group) groups+=("$2"); shift 2 ;;
    --test) only+=("$2"); shift 2 ;;
    --script) need_file "$1" "$2"; script=$(realpath "$2"); shift 2 ;;
    --cmdline) extra_cmdline=$2; shift 2 ;;
    --modgate-bin) need_file "$1" "$2"; modgate_bin=$(realpath "$2"); shift 2 ;;
    --no-modgate) modgate_bin=none; shift ;;
    --add) need_file "$1" "${2%%:*}"; [[ $2 == *:/* ]] || { echo "run.sh: --add $2: expected HOST:/GUEST/PATH" >&2; exit 2; }
           adds+=("$(realpath "${2%%:*}"):${2#*:}"); shift 2 ;;
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
kroot=$("$repo/scripts/fetch-debian-kernel.sh") || { log "fetching the Debian kernel failed"; exit 1; }
kver=$(ls "$kroot/lib/modules")
vmlinuz=$kroot/boot/vmlinuz-$kver

# Base layer: rebuilt only when its inputs change.
base_key=$( { cat "$here"/lib/build-base.sh "$here"/lib/modules-subset.sh "$here"/lib/copy-with-libs.sh \
                  "$here"/guest/* "$here"/modules.list; echo "$kroot";
              dpkg-query -W busybox-static kmod bpftool libbpf1 libc6 2>/dev/null; } | sha256sum | cut -c1-16)
base=$cache/base-$base_key.cpio.gz
exec 8>"$cache/.base.lock"; flock 8
if [ ! -e "$base" ]; then
  log "building the base layer (busybox, kmod, bpftool, trigger, modules of modules.list)"
  rm -f "$cache"/base-*.cpio.gz
  "$here/lib/build-base.sh" "$kroot" "$kver" "$base" || { log "building the base layer failed"; exit 1; }
fi
# Our own link to it: a concurrent run with other inputs may replace the cached one.
ln -f "$base" "$run/base.cpio.gz" 2>/dev/null || cp "$base" "$run/base.cpio.gz"
base=$run/base.cpio.gz
flock -u 8

# modgate layer: the NativeAOT binary and its libraries (libbpf comes with the base layer).
layer_modgate=$run/modgate.cpio.gz
if [ -z "$modgate_bin" ]; then
  log "publishing modgate (NativeAOT)"
  # One publish at a time (another run may publish into the same obj/); take our copy under the lock.
  if flock "$cache/.publish.lock" sh -c 'dotnet publish "$1" -c Release -r linux-x64 -p:PublishAot=true -o "$2" &&
         cp "$2/modgate" "$3"' publish "$repo/src/Modgate.Cli" "$cache/publish" "$run/modgate" > "$artifacts/publish.log" 2>&1; then
    modgate_bin=$run/modgate
  else
    log "dotnet publish failed (tests that need modgate will fail); the end of $artifacts/publish.log:"
    grep -E 'error|Error' "$artifacts/publish.log" | sort -u | tail -n 15
  fi
fi
[ "$modgate_bin" = none ] && modgate_bin=
if [ -n "$modgate_bin" ]; then
  work=$(mktemp -d); chmod 0755 "$work"   # its "." becomes the guest's /
  "$here/lib/copy-with-libs.sh" "$work" "$modgate_bin"     # the libraries it links (libc, libm...)
  # ...and those it opens at run time, which ldd cannot see: libbpf (BPF backend), liblzma and
  # libzstd (compressed .ko), libssl (the .NET crypto shim: SHA-256 policy digest; without it
  # modgate aborts with "No usable version of libssl was found").
  for lib in libbpf.so.1 liblzma.so.5 libzstd.so.1 libssl.so.3; do
    "$here/lib/copy-with-libs.sh" "$work" "/usr/lib/x86_64-linux-gnu/$lib"
  done
  rm "$work$modgate_bin"; find "$work" -type d -empty -delete; mkdir -p "$work/usr/bin"
  cp "$modgate_bin" "$work/usr/bin/modgate"
  (cd "$work" && find . -print0 | cpio --null -o -H newc --owner=+0:+0 --quiet) | gzip -1 > "$layer_modgate"
  rm -rf "$work"
fi

# The per-boot layer: tests, policy fixtures, extra files, and the plan for this boot.
make_boot_image() { # PLAN_TEXT OUT
  local work; work=$(mktemp -d); chmod 0755 "$work"
  mkdir -p "$work/vm" "$work/tests" "$work/policies"
  cp -r "$tests_dir/." "$work/tests/"
  [ -d "$here/policies" ] && cp -r "$here/policies/." "$work/policies/"
  cp -r "$repo/examples" "$work/policies/examples"
  [ -n "$script" ] && cp "$script" "$work/vm/script.sh"
  local add
  for add in "${adds[@]}"; do
    mkdir -p "$work$(dirname "${add#*:}")"; cp -r "${add%%:*}" "$work${add#*:}"
  done
  printf '%s\n' "$1" > "$work/vm/plan"
  (cd "$work" && find . -print0 | cpio --null -o -H newc --owner=+0:+0 --quiet) | gzip -1 > "$work.layer"
  # The kernel unpacks concatenated compressed cpio archives in order; later files win.
  local layers=("$base"); [ -e "$layer_modgate" ] && layers+=("$layer_modgate")
  cat "${layers[@]}" "$work.layer" > "$2"
  rm -rf "$work" "$work.layer"
}

boot() { # NAME CMDLINE TIMEOUT INITRD CONSOLE_LOG RESULTS_LOG [OUT_DIR]
  local cmdline="console=ttyS0 panic=-1 oops=panic $2"
  [ "$bpf_stats" = 1 ] && cmdline+=" modgate.bpf_stats=1"
  log "booting $1 ($cmdline)"
  local start=$SECONDS
  : > "$5"; : > "$6"
  timeout -k 5 "$3" qemu-system-x86_64 -nodefaults -no-user-config -machine pc -accel tcg -cpu max \
    -m 1024 -smp 1 -display none -no-reboot -serial stdio -serial "file:$6" -serial "file:$run/$1.out.b64" \
    -kernel "$vmlinuz" -initrd "$4" -append "$cmdline" < /dev/null > "$5" 2>&1 &
  local qemu=$!
  if [ "$verbose" = 1 ] || [ -n "$script" ]; then tail -n +1 -f --pid=$qemu "$5"; fi
  wait $qemu; local rc=$?
  boot_seconds=$((SECONDS - start))
  sed -i 's/\r$//' "$5" "$6"   # the guest's serial ports end lines with CR LF
  local problem=
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then problem="timeout after $3 s"; log "$1: TIMEOUT after $3 s"
  elif grep -q 'Kernel panic' "$5"; then problem="kernel panic"; log "$1: KERNEL PANIC (see its console log)"
  elif ! grep -q '^modgate-vm: done' "$6"; then problem="guest did not finish"; log "$1: the guest did not finish (qemu exit $rc)"; fi
  echo "$problem" > "$run/$1.problem"
  local out=${7:-$artifacts/$1.out}
  rm -rf "$out"
  if [ -s "$run/$1.out.b64" ]; then
    mkdir -p "$out"
    tr -d '\r' < "$run/$1.out.b64" | base64 -d | tar -xzf - -C "$out" || log "$1: the guest's \$VM_OUT did not arrive whole"
    log "$1: guest files from \$VM_OUT in $out"
  fi
  cp "$5" "$6" "$artifacts/"
  log "$1: $(sed -n 's/^modgate-vm: booted in \(.*\)/guest booted in \1,/p' "$6") qemu ran ${boot_seconds} s"
}

# ---- developer modes: one script, or an interactive shell ----------------------------------------
if [ "$shell" = 1 ]; then
  initrd=$run/shell.cpio.gz
  make_boot_image "shell" "$initrd"
  cmdline="console=ttyS0 panic=-1 oops=panic $extra_cmdline"
  [ "$bpf_stats" = 1 ] && cmdline+=" modgate.bpf_stats=1"
  log "interactive guest; leave the shell (exit or Ctrl-D) to power off; Ctrl-A X kills qemu"
  qemu-system-x86_64 -nodefaults -no-user-config -machine pc -accel tcg -cpu max \
    -m 1024 -smp 1 -display none -no-reboot -serial mon:stdio -serial null \
    -kernel "$vmlinuz" -initrd "$initrd" -append "$cmdline"
  exit $?
fi
if [ -n "$script" ]; then
  initrd=$run/script.cpio.gz
  make_boot_image "script /vm/script.sh" "$initrd"
  boot script "$extra_cmdline" "${MODGATE_VM_TIMEOUT:-600}" "$initrd" "$run/script.console.log" "$run/script.results.log" "$out_dir"
  status=$(sed -n 's/^status: //p' "$run/script.results.log")
  [ -n "$status" ] || { log "no status from the script ($(cat "$run/script.problem")); console: $artifacts/script.console.log"; exit 1; }
  exit "$status"
fi

# ---- test mode: one boot per group ----------------------------------------------------------------
if [ ${#groups[@]} -eq 0 ]; then
  if [ ${#only[@]} -gt 0 ]; then for t in "${only[@]}"; do groups+=("${t%%/*}"); done
  else for d in "$tests_dir"/*/; do groups+=("$(basename "$d")"); done; fi
fi
mapfile -t groups < <(printf '%s\n' "${groups[@]}" | awk '!seen[$0]++')

# Plan every group first, boot up to $jobs groups at a time, then report in group order.
[ -n "$max_jobs" ] || max_jobs=$(( $(nproc) >= 2 ? 2 : 1 ))
declare -A group_names
planned=()
for group in "${groups[@]}"; do
  dir=$tests_dir/$group
  [ -d "$dir" ] || { log "no test group $group ($dir)"; exit 2; }
  names=()
  for f in "$dir"/[0-9]*.sh; do
    name=$group/$(basename "$f" .sh)
    if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qxF "$name"; then continue; fi
    names+=("$name")
  done
  [ ${#names[@]} -gt 0 ] || continue
  group_names[$group]="${names[*]}"
  planned+=("$group")
done

run_group() { # GROUP: build its image and boot it
  local group=$1 dir=$tests_dir/$1 n
  local -a names=(${group_names[$1]})
  local plan; plan=$(for n in "${names[@]}"; do echo "test $n /tests/$n.sh"; done)
  local group_cmdline; group_cmdline=$(cat "$dir/cmdline" 2>/dev/null | tr '\n' ' ')
  local group_timeout; group_timeout=$(cat "$dir/timeout" 2>/dev/null || echo $((90 + 60 * ${#names[@]})))
  local initrd=$run/boot-$group.cpio.gz
  make_boot_image "$plan" "$initrd"
  boot "$group" "$group_cmdline $extra_cmdline" "$group_timeout" "$initrd" \
    "$run/$group.console.log" "$run/$group.results.log"
  rm -f "$initrd"
}

for t in "${only[@]}"; do
  [ -f "$tests_dir/$t.sh" ] || { log "no test $t ($tests_dir/$t.sh)"; exit 2; }
done
total_start=$SECONDS
log "${#planned[@]} boot group(s), up to $max_jobs at a time"
for group in "${planned[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$max_jobs" ]; do wait -n; done
  run_group "$group" &
done
wait

failed=0
for group in "${planned[@]}"; do
  console=$run/$group.console.log; res=$run/$group.results.log
  boot_problem=$(cat "$run/$group.problem" 2>/dev/null || echo "no boot")
  if [ "$boot_problem" = "kernel panic" ]; then
    log "$group: the kernel panicked:"; grep -A25 'Kernel panic' "$console" | head -n 30 | sed 's/^/    /'
  fi
  for n in ${group_names[$group]}; do
    verdict=$(awk -v n="$n" '$1 == "result:" && $2 == n && ($3 == "pass" || $3 == "fail") { v = $3 } END { print v }' "$res")
    if [ -z "$verdict" ] && grep -qx "=== begin $n" "$console"; then
      verdict=fail; log "FAIL $n: no result (${boot_problem:-missing result line}) while it ran; its output:"
      sed -n "\|^=== begin $n\$|,\$p" "$console" | sed 's/^/    /' | head -n 60
    elif [ -z "$verdict" ]; then
      verdict=fail; log "FAIL $n: no result (${boot_problem:-missing result line}); it did not start"
    elif [ "$verdict" = fail ]; then
      log "FAIL $n; its output:"
      sed -n "\|^=== begin $n\$|,\|^=== end $n |p" "$console" | sed 's/^/    /'
    else
      log "pass $n ($(sed -n "s|^=== end $n (exit 0, \(.*\)\.\.\(.*\) s)\$|\1 \2|p" "$console" | awk '{ printf "%.2f s", $2 - $1 }'))"
    fi
    [ "$verdict" = pass ] || failed=$((failed + 1))
    [ -n "$results_file" ] && echo "$verdict $n" >> "$results_file"
  done
done
log "guest tests done in $((SECONDS - total_start)) s: $failed failed; consoles in $artifacts"
[ "$failed" -eq 0 ]
