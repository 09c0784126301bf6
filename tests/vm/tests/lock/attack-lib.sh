# shellcheck shell=sh
# Helpers of the lock tests (sourced after /usr/lib/modgate-vm/lib.sh).

# The attached programs deny the n_hdlc autoload (asked of the kernel, nothing loaded): enforcement is in force.
expect_enforced() {
  d=$(modgate status --kernel-decision autoload:tty-ldisc-13 2>&1) || fail "enforcement gone: $d"
  [ "${d%% *}" = "verdict=deny" ] || fail "enforcement gone: the kernel now says $d"
  echo "enforced: tty-ldisc-13 $d"
}

# ... and is not: the attack worked (the baseline before lock). The kernel may free the last link from a workqueue
# (6.12 defers bpf_link_put): the programs go a moment after the pins, so ask again for up to 10 s.
expect_not_enforced() {
  tries=0
  while d=$(modgate status --kernel-decision autoload:tty-ldisc-13 2>&1) && [ "${d%% *}" = "verdict=deny" ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || fail "still enforced 10 s after the attack: $d"
    sleep 0.2
  done
  echo "not enforced any more: ${d:-no answer}"
}

# CMD fails (any non-zero status: bpftool's differs by subcommand) and says TEXT.
expect_refused() {
  text=$1; shift 2
  out=$("$@" 2>&1); st=$?
  echo "$*: exit $st"; printf '%s\n' "$out"
  [ "$st" -ne 0 ] || fail "$*: succeeded"
  printf '%s\n' "$out" | grep -qF -- "$text" || fail "$*: output lacks '$text'"
}

# What modgate's object holds on this kernel. The reduced object (no BPF task storage, e.g. 5.10) has no per-process
# modes: neither task_alloc nor bprm_committed_creds, nor the maps mg_tasks (pinned) and mg_walk (not pinned).
# The lock's object is the same everywhere: 11 programs and links, 3 pinned maps.
if kernel_has_symbol bpf_task_storage_get; then
  MG_LINKS=7 MG_MAPS=14 MG_PINNED_MAPS=11 PER_PROCESS_MODES=yes
else
  MG_LINKS=5 MG_MAPS=12 MG_PINNED_MAPS=10 PER_PROCESS_MODES=no
fi
LOCK_LINKS=11 LOCK_PINNED_MAPS=3
ALL_PINS=$((MG_LINKS + MG_PINNED_MAPS + LOCK_LINKS + LOCK_PINNED_MAPS))

bpffs_mounted() { grep -q '^[^ ]* /sys/fs/bpf bpf ' /proc/mounts; }

# No program of that name is loaded any more (the kernel freed it when its last link went). Names are cut at 15.
expect_prog_gone() {
  ! bpftool prog show | grep -q " name $(printf %.15s "$1") " || fail "program $1 still loaded"
  echo "program $1 no longer loaded"
}

# A fresh modgate: whatever the last attack left, removed (bpffs remounted if need be), then the deny policy applied.
reapply() {
  bpffs_mounted || mount -t bpf bpf /sys/fs/bpf || fail "cannot mount bpffs"
  modgate disable -q >/dev/null 2>&1
  rm -rf /sys/fs/bpf/modgate
  expect_status 0 -- modgate apply -q /tests/lock/deny-n_hdlc.conf
  expect_enforced
}

# ids of modgate's objects as bpftool lists them: "ID NAME" lines (names cut at 15 characters by the kernel).
map_ids() { bpftool map show | sed -n 's/^\([0-9]*\): .* name \(mg_[a-z_]*\) .*/\1 \2/p'; }
prog_ids() { bpftool prog show | sed -n 's/^\([0-9]*\): .* name \(mg_[a-z_]*\) .*/\1 \2/p'; }
map_id() { map_ids | awk -v n="$1" '$2 == n { print $1 }'; }
# Links of the given program ids (bpftool prints "ID: tracing  prog PROG_ID").
link_ids_of() { bpftool link show | sed -n 's/^\([0-9]*\): .* prog \([0-9]*\).*/\1 \2/p' | awk -v ids=" $* " 'index(ids, " " $2 " ") { print $1 }'; }

# bpftool's byte lists for the keys and values of modgate.h: N zero bytes.
zeros() { i=0; while [ "$i" -lt "$1" ]; do printf '0 '; i=$((i + 1)); done; }
# A harmless mg_literal entry: slot 0, table 9 (no such table), empty string; value an empty candidate list.
LITERAL_KEY="0 9 $(zeros 58)"
LITERAL_VALUE="$(zeros 128)"
