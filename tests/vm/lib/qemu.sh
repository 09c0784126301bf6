# shellcheck shell=bash
# Booting the guest (sourced by run.sh; uses its variables vmlinuz, run, artifacts, bpf_stats,
# verbose, script and log).

kernel_cmdline() { # EXTRA_ARGS
  local cmdline="console=ttyS0 panic=-1 oops=panic $1"
  [ "$bpf_stats" = 1 ] && cmdline+=" modgate.bpf_stats=1"
  echo "$cmdline"
}

# qemu_args INITRD CMDLINE SERIAL1 SERIAL2 SERIAL3: the one QEMU command line of every boot.
# ttyS0 is the console; the guest reports results on ttyS1 and sends $VM_OUT on ttyS2.
qemu_args() {
  qemu=(qemu-system-x86_64 -nodefaults -no-user-config -machine pc -accel tcg -cpu max -m 1024 -smp 1
        -display none -no-reboot -serial "$3" -serial "$4" -serial "$5"
        -kernel "$vmlinuz" -initrd "$1" -append "$2")
}

# A guest that reports nothing for STALL seconds is stuck: the guest's init kills a test after its
# test timeout and then reports it, so silence well beyond that means a hung kernel, not a slow test.
watch_progress() { # QEMU_PID RESULTS_LOG STALL_MARKER STALL
  local size last=-1 quiet=0
  while kill -0 "$1" 2>/dev/null; do
    sleep 5
    size=$(stat -c %s "$2")
    if [ "$size" != "$last" ]; then last=$size; quiet=0; else quiet=$((quiet + 5)); fi
    if [ $quiet -ge "$4" ]; then touch "$3"; kill "$1"; return; fi
  done
}

# boot NAME EXTRA_CMDLINE TIMEOUT INITRD [OUT_DIR [STALL]]
# Boots once; leaves $run/NAME.console.log, $run/NAME.results.log and $run/NAME.problem (empty, or
# why the guest did not finish), copies the logs to $artifacts and unpacks $VM_OUT to OUT_DIR
# (default $artifacts/NAME.out).
boot() {
  local name=$1 timeout_s=$3 console=$run/$1.console.log results=$run/$1.results.log
  local cmdline; cmdline=$(kernel_cmdline "$2")
  log "booting $name ($cmdline)"
  local start=$SECONDS
  : > "$console"; : > "$results"
  qemu_args "$4" "$cmdline" stdio "file:$results" "file:$run/$name.out.b64"
  timeout -k 5 "$timeout_s" "${qemu[@]}" < /dev/null > "$console" 2>&1 &
  local pid=$!
  local watcher=
  # Tests report as they go; a --script reports once at its end (MODGATE_VM_TIMEOUT bounds it).
  local stall_s=${6:-180}
  if [ -z "$script" ]; then watch_progress "$pid" "$results" "$run/$name.stalled" "$stall_s" & watcher=$!; fi
  if [ "$verbose" = 1 ] || [ -n "$script" ]; then tail -n +1 -f --pid=$pid "$console"; fi
  wait $pid; local rc=$?
  [ -z "$watcher" ] || { kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null; }
  sed -i 's/\r$//' "$console" "$results"   # the guest's serial ports end lines with CR LF
  local problem=
  if [ -e "$run/$name.stalled" ]; then problem="no progress for $stall_s s"; log "$name: STALLED: no result for $stall_s s, guest killed"
  elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then problem="timeout after $timeout_s s"; log "$name: TIMEOUT after $timeout_s s"
  elif grep -q 'Kernel panic' "$console"; then problem="kernel panic"; log "$name: KERNEL PANIC (see its console log)"
  elif ! grep -q '^modgate-vm: done' "$results"; then problem="guest did not finish"; log "$name: the guest did not finish (qemu exit $rc)"; fi
  echo "$problem" > "$run/$name.problem"
  local out=${5:-$artifacts/$name.out}
  rm -rf "$out"
  if [ -s "$run/$name.out.b64" ]; then
    mkdir -p "$out"
    tr -d '\r' < "$run/$name.out.b64" | base64 -d | tar -xzf - -C "$out" || log "$name: the guest's \$VM_OUT did not arrive whole"
    log "$name: guest files from \$VM_OUT in $out"
  fi
  cp "$console" "$results" "$artifacts/"
  log "$name: $(sed -n 's/^modgate-vm: booted in \(.*\)/guest booted in \1,/p' "$results") qemu ran $((SECONDS - start)) s"
}

# An interactive boot on this terminal.
boot_shell() { # INITRD EXTRA_CMDLINE
  qemu_args "$1" "$(kernel_cmdline "$2")" mon:stdio null null
  log "interactive guest; leave the shell (exit or Ctrl-D) to power off; Ctrl-A X kills qemu"
  "${qemu[@]}"
}
