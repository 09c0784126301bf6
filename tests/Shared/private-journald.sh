#!/bin/bash
# Runs Debian's real systemd-journald in the mount namespace this script was started in (the caller uses
# `unshare --mount --propagation private --fork`), with /run on a private tmpfs and volatile storage, so it
# touches nothing of the machine's. Prints its pid once the native socket exists, then becomes journald.
# From outside, the socket is /proc/PID/root/run/systemd/journal/socket and the journal
# /proc/PID/root/run/log/journal.
set -eu
journald=/lib/systemd/systemd-journald
[ -x "$journald" ] || { echo "no $journald (apt-get install systemd)" >&2; exit 1; }
mount -t tmpfs tmpfs /run
mkdir -p /run/systemd/journal /run/modgate-test
printf '[Journal]\nStorage=volatile\nReadKMsg=no\nForwardToSyslog=no\nForwardToKMsg=no\nForwardToConsole=no\nForwardToWall=no\n' \
    > /run/modgate-test/journald.conf
mkdir -p /etc/systemd
touch /etc/systemd/journald.conf 2>/dev/null || true
mount --bind /run/modgate-test/journald.conf /etc/systemd/journald.conf
"$journald" &
pid=$!
for _ in $(seq 100); do
    [ -S /run/systemd/journal/socket ] && { echo "$pid"; wait "$pid"; exit $?; }
    sleep 0.1
done
echo "journald did not create its socket in 10 s" >&2
kill "$pid"
exit 1
