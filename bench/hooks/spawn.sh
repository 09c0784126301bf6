# spawn_ms for the `modgate exec` child of guest-hooks.sh (the same loop, in the restricted shell).
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
spawn_ms() {
  start=$(now_ms); i=0
  while [ $i -lt "${ITER:-1000}" ]; do /bin/true; i=$((i + 1)); done
  echo $(( $(now_ms) - start ))
}
