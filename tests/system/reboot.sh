#!/bin/bash
# tests/system/reboot.sh: the second boot of the system test's disk (guest.sh hands over to it when `expect` says
# phase=reboot). The first boot installed the package, upgraded it, left it installed with `enforcement enforce` and
# the allowlist `modgate learn` wrote (policy.d/50-learned.conf, `default deny`); the host built the initramfs from
# those files with initramfs-tools and the package's hook (run.sh, build_initrd) and boots it now (root=/dev/vda). Two test-only probes ran before this script:
#   - scripts/init-premount/modgate-system-test, in the initramfs after modgate's own init-premount script: `modgate
#     status`, uid 1000's TIOCSETD 13, `modgate status` again, the mounts; in /run/modgate-system-test/initramfs.log;
#   - modgate-system-probe.service (DefaultDependencies=no, Before=modgate.service): uid 1000's TIOCSETD 13 every
#     0.3 s from early boot until modgate.service has been active for three rounds; in early-probe.log there.
# Issue 15 #4 (reboot through the package's initramfs) and issue 13 #3 (a `learn` allowlist brings the hardware up).
set -u
dir=/mnt/system-test
. "$dir/expect"
. "$dir/lib.sh"
state=/var/lib/modgate-system-test
probe=/run/modgate-system-test
digest=$(cat "$state/reboot-digest" 2>/dev/null)
mainpid=$(systemctl show -p MainPID --value modgate)

report "info booted again: $(cut -d' ' -f1 /proc/uptime) s to the test unit, system $(systemctl is-system-running)$(systemctl --failed --plain --no-legend | awk '{ printf " %s", $1 }'); cmdline: $(cat /proc/cmdline)"
install -m 0755 "$dir/busybox" /usr/local/bin/busybox
udevadm settle -t 60

# --- the initramfs: the policy in force before the real root is mounted, a request there denied and recorded ---------
ilog=$(cat "$probe/initramfs.log" 2>&1)
before=$(echo "$ilog" | sed -n '/^--- status before$/,/^--- status after$/p')
after=$(echo "$ilog" | sed -n '/^--- status after$/,$p')
ipid=$(echo "$ilog" | sed -n 's/^trigger-pid //p')
root_mounted=$(echo "$ilog" | grep -c '^mount /root ')
check reboot-initramfs-enforces "$(has_all "$before" "enforcement: full (backend bpf-lsm, kernel $kernel)" "policy: $digest generation 1, applied " \
    "  autoload privileged, load classic, unload classic, enforce"); real root mounted: $root_mounted; the initramfs probe said: $ilog" \
  bash -c '[ -n "$1" ] && [ "$2" -eq 0 ] && echo "$3" | grep -q "^rootmnt /root$" &&
           [ -z "$(has_all "$4" "enforcement: full (backend bpf-lsm, kernel $5)" "policy: $1 generation 1, applied " "  autoload privileged, load classic, unload classic, enforce")" ]' \
  _ "$digest" "$root_mounted" "$ilog" "$before" "$kernel"
denied_before=$(echo "$before" | sed -n 's/^counters autoload: allowed [0-9]*, denied \([0-9]*\),.*/\1/p')
denied_after=$(echo "$after" | sed -n 's/^counters autoload: allowed [0-9]*, denied \([0-9]*\),.*/\1/p')
check reboot-initramfs-denies "uid 1000 TIOCSETD 13 in the initramfs (pid ${ipid:-?}): $(echo "$ilog" | grep '^trigger-' | paste -sd' '); autoload denied ${denied_before:-?} before, ${denied_after:-?} after" \
  bash -c 'echo "$1" | grep -qx "trigger-rc 1" && echo "$1" | grep -qx "trigger-out tiocsetd: errno=EINVAL (Invalid argument)" &&
           [ -n "$2" ] && [ -n "$3" ] && [ "$3" -eq $(( $2 + 1 )) ]' _ "$ilog" "$denied_before" "$denied_after"
# Its record waited in the ring buffer from the initramfs until the agent ran, and reached the journal.
wait_for 10 sh -c "journalctl -q -b -o cat MESSAGE_ID=6d6f64676174654a0b1dcb3e8c7a9e11 MODGATE_PID=$ipid | grep -q ."
entry=$(journal_entries tty-ldisc-13 | grep -F "\"MODGATE_PID\":\"$ipid\"")
check reboot-initramfs-record "journal entries for the initramfs request (pid ${ipid:-?}): $entry" \
  bash -c '[ -n "$2" ] && [ "$(echo "$1" | grep -c .)" -eq 1 ] && [ -z "$(has_all "$1" "\"MODGATE_DECISION\":\"deny\"" "\"MODGATE_UID\":\"1000\"" \
           "\"MODGATE_MODULE\":\"n_hdlc\"" "\"MODGATE_COMM\":\"trigger\"" "\"_PID\":\"$3\"")" ]' _ "$entry" "$ipid" "$mainpid"

# --- no window between the initramfs and the agent: every early request denied and recorded, n_hdlc never loaded ---
plog=$(cat "$probe/early-probe.log" 2>&1)
agent_start=$(systemctl show -p ExecMainStartTimestampMonotonic --value modgate)   # µs since boot
agent_ready=$(systemctl show -p ActiveEnterTimestampMonotonic --value modgate)
n_probe=$(echo "$plog" | grep -c '^[0-9]')
# A line: UPTIME_CS PID EXIT UNIT_STATE OUTPUT (UNIT_STATE: modgate.service's, asked just before the request).
n_before_agent=$(echo "$plog" | awk -v t="$agent_ready" '/^[0-9]/ && $1 * 10000 < t' | grep -c .)
n_after_ready=$(echo "$plog" | awk -v t="$agent_ready" '/^[0-9]/ && $1 * 10000 > t' | grep -c .)
not_denied=$(echo "$plog" | grep '^[0-9]' | grep -v '^[0-9]* [0-9]* 1 [a-z]* tiocsetd: errno=EINVAL (Invalid argument)$' | head -n 3 | paste -sd';')
unrecorded=$(for p in $(echo "$plog" | awk '/^[0-9]/ { print $2 }'); do
  e=$(journal_entries tty-ldisc-13 | grep -F "\"MODGATE_PID\":\"$p\"")
  [ "$(echo "$e" | grep -c .)" -eq 1 ] && echo "$e" | grep -qF '"MODGATE_DECISION":"deny"' || echo "$p"; done | paste -sd' ')
report "info early probe: $n_probe requests from $(echo "$plog" | awk '/^[0-9]/ { print $1 / 100; exit }') s, $n_before_agent before the agent was ready, $n_after_ready after (agent started at $((agent_start / 10000)) cs, ready at $((agent_ready / 10000)) cs)"
check reboot-no-window "$n_probe requests, $n_before_agent before modgate.service was ready, $n_after_ready after it was active; not denied: $not_denied; pids without exactly one deny record: $unrecorded; n_hdlc loaded: $(loaded n_hdlc && echo yes || echo no); $(echo "$plog" | head -n 3 | paste -sd';')" \
  bash -c '[ "$1" -ge 1 ] && [ "$2" -ge 1 ] && [ -z "$3" ] && [ -z "$4" ] && [ ! -e /sys/module/n_hdlc ]' \
  _ "$n_before_agent" "$n_after_ready" "$not_denied" "$unrecorded"
out=$(modgate status --wide 2>&1)
check reboot-agent-takes-over "modgate.service $(systemctl is-active modgate), $(status_text), NRestarts $(systemctl show -p NRestarts --value modgate); modgate status: $out" \
  bash -c '[ "$(systemctl is-active modgate)" = active ] && [ "$(systemctl show -p StatusText --value modgate)" = "applied generation 2 ($1)" ] &&
           echo "$2" | grep -q "^agent: running (pid $3, " && echo "$2" | grep -q "^policy: $1 generation 2, applied "' _ "$digest" "$out" "$mainpid"

# --- issue 13 #3: under the learned allowlist (`default deny`, enforce) every module of the first boot is loaded again --
allowed_list=$(tr - _ < "$state/modules-boot1" | sort -u)
now_list=$(cut -d' ' -f1 /proc/modules | sort -u)
missing=$(comm -23 <(echo "$allowed_list") <(echo "$now_list") | paste -sd' ')
extra=$(comm -13 <(echo "$allowed_list") <(echo "$now_list") | paste -sd' ')
report "info modules: $(echo "$allowed_list" | grep -c .) loaded in the first boot, $(echo "$now_list" | grep -c .) now; not loaded again: ${missing:-none}; new: ${extra:-none}; kmod: $(kmod --version | head -n 1); module files: $(find "/lib/modules/$kernel/kernel" -name '*.ko*' | sed 's/.*\.ko/.ko/' | sort | uniq -c | paste -sd' ')"
check reboot-allowlist-loads-all "loaded in the first boot but not now: $missing" test -z "$missing"
# Every deny of this boot but the probes', in short: verb, request, module (none: the request resolves to no module on
# this kernel), comm, uid. A denied module fails the check; a denied request that names no module loads nothing either
# way, and is reported.
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
others=$(journalctl -q -b -o json MESSAGE_ID=6d6f64676174654a0b1dcb3e8c7a9e11 | grep -v '"MODGATE_COMM":"trigger"' |
  grep -E '"MODGATE_DECISION":"(deny|would-deny)"' | while read -r e; do
    echo "$(echo "$e" | field MODGATE_DECISION) $(echo "$e" | field MODGATE_VERB) request=$(echo "$e" | field MODGATE_REQUEST) module=$(echo "$e" | field MODGATE_MODULE) comm=$(echo "$e" | field MODGATE_COMM) uid=$(echo "$e" | field MODGATE_UID)"
  done)
modules_denied=$(echo "$others" | grep -v ' module= ' | grep . | paste -sd';')
report "info denied in this boot besides the probes: $(echo "$others" | grep -c .)$(echo "$others" | grep . | sed 's/^/; /' | tr -d '\n')"
out=$(modgate status --wide 2>&1)
check reboot-allowlist-no-deny "modules denied: $modules_denied; $(echo "$out" | grep '^counters' | paste -sd';')" \
  bash -c '[ -z "$1" ] && echo "$2" | grep -q "^counters load: allowed [0-9]*, denied 0, would-deny 0"' _ "$modules_denied" "$out"
# The devices: the root on virtio-blk, the network card's interface brought up.
iface=""; for n in /sys/class/net/*; do
  [ "$(basename "$(readlink -f "$n/device/driver" 2>/dev/null)")" = virtio_net ] && iface=$(basename "$n"); done
[ -n "$iface" ] && busybox ip link set dev "$iface" up
wait_for 10 sh -c "[ \"\$(cat /sys/class/net/$iface/operstate 2>/dev/null)\" = up ]"
check reboot-hardware-up "virtio_net interface: ${iface:-none} ($(cat "/sys/class/net/$iface/operstate" 2>&1)); /dev/vda driver: $(basename "$(readlink -f /sys/block/vda/device/driver)")" \
  bash -c '[ -n "$1" ] && [ "$(cat /sys/class/net/$1/operstate)" = up ] && [ "$(basename "$(readlink -f /sys/block/vda/device/driver)")" = virtio_blk ]' _ "$iface"
# And the allowlist is in force, not merely permissive: root's modprobe of a module it does not list (n_hdlc: no
# dependencies) is refused and recorded.
modprobe n_hdlc > /root/modprobe.out 2>&1; rc=$?
wait_for 10 sh -c "journalctl -q -b -o cat MESSAGE_ID=6d6f64676174654a0b1dcb3e8c7a9e11 MODGATE_VERB=load MODGATE_MODULE=n_hdlc | grep -q ."
entry=$(journalctl -q -b -o json MESSAGE_ID=6d6f64676174654a0b1dcb3e8c7a9e11 MODGATE_VERB=load MODGATE_MODULE=n_hdlc)
check reboot-allowlist-denies-others "root's modprobe n_hdlc (exit $rc): $(cat /root/modprobe.out); n_hdlc loaded: $(loaded n_hdlc && echo yes || echo no); journal: $entry" \
  bash -c '[ "$1" -ne 0 ] && grep -q "Operation not permitted" /root/modprobe.out && [ ! -e /sys/module/n_hdlc ] &&
           [ "$(echo "$2" | grep -c .)" -eq 1 ] && echo "$2" | grep -qF "\"MODGATE_DECISION\":\"deny\"" &&
           echo "$2" | grep -qF "\"MODGATE_COMM\":\"modprobe\""' _ "$rc" "$entry"
# For the console log.
journalctl -q -b -o short-monotonic --no-pager -u modgate.service -u modgate-system-probe.service
report done
