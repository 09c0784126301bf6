#!/bin/bash
# tests/system/lib.sh: what guest.sh (the first boot) and reboot.sh (the second) share: reporting on the second serial
# port and the helpers of their checks. Sourced; tests/system/run.sh puts it on the test disk.
exec 3> /dev/ttyS1
report() { echo "$*" >&3; echo "system-test: $*"; }
# check NAME WHY COMMAND...: one result from COMMAND's exit status; WHY (computed before) says what went wrong.
check() {
  local name=$1 why=$2; shift 2
  if "$@"; then report "result $name pass"; else report "result $name fail $(echo "$why" | tr '\n' ';' | cut -c1-1500)"; fi
}
uptime_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }
# wait_for SECONDS COMMAND...: until COMMAND succeeds, every 0.1 s; fails after SECONDS.
wait_for() {
  local end=$(( $(uptime_cs) + $1 * 100 )); shift
  until "$@"; do [ "$(uptime_cs)" -lt "$end" ] || return 1; sleep 0.1; done
}
# user_trigger ARGS...: `trigger ARGS` as uid 1000 without capabilities; sets tpid (its pid), trc, tout.
user_trigger() {
  trigger --uid 1000 --caps none "$@" > /tmp/trigger.out 2>&1 &
  tpid=$!; wait "$tpid"; trc=$?; tout=$(cat /tmp/trigger.out)
  echo "trigger $* (pid $tpid): exit $trc: $tout"
}
loaded() { [ -e "/sys/module/$1/initstate" ]; }
status_text() { systemctl show -p StatusText --value modgate; }
# The modgate audit entries of the journal for REQUEST (journalctl -o json, one line each).
journal_entries() { journalctl -q -b -o json MESSAGE_ID=6d6f64676174654a0b1dcb3e8c7a9e11 "MODGATE_REQUEST=$1"; }
journal_has() { [ -n "$(journal_entries "$1")" ]; }
# The agent's own lines (its stderr) in the journal.
agent_said() { journalctl -q -b -o cat -u modgate.service | grep -qF -- "$1"; }
has_all() { # TEXT FIELD...: TEXT contains every FIELD
  local text=$1 f; shift
  for f in "$@"; do case $text in *"$f"*) ;; *) echo "lacks: $f"; return 1 ;; esac; done
}
apt_run() { # LOG ARGS...: apt ARGS non-interactively, output in LOG and on the console
  local log=$1; shift
  DEBIAN_FRONTEND=noninteractive timeout 300 apt "$@" > "$log" 2>&1; local rc=$?
  cat "$log"; return $rc
}
# The ids of the BPF programs loaded now, but systemd's own (named sd_*: the cgroup device filter of a unit with
# PrivateDevices=, sd_fw_* of IPAddressDeny=, loaded and unloaded as units start and stop).
prog_ids() { bpftool prog show 2>/dev/null | sed -n '/^[0-9]*: .* name sd_/d; s/^\([0-9]*\): .*/\1/p' | sort; }   # comm's order
set_enforce() { sed -i 's/^enforcement complain$/enforcement enforce/' /etc/modgate/policy.conf; }
