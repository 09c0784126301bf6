#!/bin/bash
# tests/system/early-probe.sh, run by modgate-system-probe.service in the test's second boot (DefaultDependencies=no,
# Before=modgate.service): uid 1000's TIOCSETD 13 (n_hdlc, a module the real root has) every 0.3 s from early boot until
# modgate.service has been active for three rounds. A window without enforcement between the initramfs's apply and
# the agent's would let one of them load n_hdlc. One line per request in /run/modgate-system-test/early-probe.log:
# UPTIME_CS PID EXIT STATE-OF-modgate.service OUTPUT.
d=/run/modgate-system-test
mkdir -p "$d"
active_rounds=0
for _ in $(seq 1 1000); do
  state=$(systemctl is-active modgate.service 2>/dev/null)
  t=$(awk '{ printf "%d\n", $1 * 100 }' /proc/uptime)
  /usr/local/bin/trigger --uid 1000 --caps none tiocsetd 13 > "$d/probe.out" 2>&1 &
  pid=$!; wait "$pid"; rc=$?
  echo "$t $pid $rc $state $(cat "$d/probe.out")" >> "$d/early-probe.log"
  [ "$state" = active ] && active_rounds=$((active_rounds + 1))
  [ $active_rounds -ge 3 ] && break
  sleep 0.3
done
