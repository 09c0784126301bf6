#!/bin/bash
# tests/system/guest.sh: runs inside the system test's guest (a Debian root booted with systemd as PID 1), as root,
# from modgate-system-test.service once multi-user.target is reached; tests/system/run.sh puts it on the second disk
# (/mnt/system-test) with the .deb, trigger (tests/vm/guest/trigger.c) and `expect` (version, kernel, suite).
# Reports on the second serial port: "result NAME pass" or "result NAME fail WHY" per `check NAME` below (the host
# takes the list of checks from this file: a check that never reports fails there), "info ..." lines, and "done".
# Every command's output also goes to the console (the unit's stdout), which the host keeps.
set -u
dir=/mnt/system-test
. "$dir/expect"
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
journal_entries() { journalctl -q -o json MESSAGE_ID=6d6f64676174654a0b1dcb3e8c7a9e11 "MODGATE_REQUEST=$1"; }
journal_has() { [ -n "$(journal_entries "$1")" ]; }
# The agent's own lines (its stderr) in the journal.
agent_said() { journalctl -q -o cat -u modgate.service | grep -qF -- "$1"; }
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
policy=/etc/modgate/policy.conf
deb=/root/modgate_${version}_amd64.deb

report "info booted: $(cut -d' ' -f1 /proc/uptime) s to the test unit, system $(systemctl is-system-running)$(systemctl --failed --plain --no-legend | awk '{ printf " %s", $1 }')"
install -m 0755 "$dir/trigger" /usr/local/bin/trigger
cp "$dir/modgate_${version}_amd64.deb" "$deb"
cd /root || exit 1

# --- 1. apt install: the Depends resolved from what is installed (no apt lists, no network), the unit enabled, started
stock_ids=$(prog_ids)
packages_before=$(dpkg-query -W -f='${Package} ${Version}\n' | sort)
start=$(uptime_cs)
apt_run /root/apt-install.log install -y "./$(basename "$deb")"; rc=$?
installed=$(dpkg-query -W -f='${Status} ${Version}' modgate 2>&1)
report "info apt install took $(( ($(uptime_cs) - start) / 100 )) s"
check apt-install "apt install (exit $rc): $(tail -n 4 /root/apt-install.log); dpkg: $installed" \
  test "$rc" -eq 0 -a "$installed" = "install ok installed $version"
# Nothing but modgate installed, upgraded or removed (apt's own summary line differs between apt 2.6 and 3.0).
changed=$(diff <(echo "$packages_before") <(dpkg-query -W -f='${Package} ${Version}\n' | sort) | grep '^[<>]')
check apt-install-alone "apt changed more than modgate: $changed" test "$changed" = "> modgate $version"
enabled=$(systemctl is-enabled modgate 2>&1)
check unit-enabled "systemctl is-enabled modgate: $enabled" test "$enabled" = enabled
# Type=notify: systemctl start (postinst) returns once the agent said READY=1, so it is active right after apt.
active=$(systemctl is-active modgate 2>&1)
check unit-active "systemctl is-active modgate right after apt install: $active; $(journalctl -q -o cat -u modgate | tail -n 5)" \
  test "$active" = active
digest=$(modgate check 2>&1 | sed -n 's/^policy ok: .*; \(sha256:[0-9a-f]*\)$/\1/p')
show=$(systemctl show -p Type -p NRestarts -p StatusText -p MainPID modgate)
mainpid=$(systemctl show -p MainPID --value modgate)
# READY=1 came with STATUS=applied generation 1 (the agent's first apply); systemd logs "Started" only after READY.
check unit-ready-notify "systemctl show: $show; policy digest ${digest:-?}; journal: $(journalctl -q -o cat -u modgate | tail -n 5)" \
  bash -c 'echo "$1" | grep -qx Type=notify && echo "$1" | grep -qx NRestarts=0 &&
         echo "$1" | grep -qx "StatusText=applied generation 1 ($2)" && [ -n "$2" ] &&
         journalctl -q -o cat -u modgate.service | grep -q "^Started modgate.service"' _ "$show" "$digest"
out=$(modgate status 2>&1); rc=$?
check status-full-complain "modgate status (exit $rc): $out" \
  has_all "$out" "enforcement: full (backend bpf-lsm, kernel $kernel)" "policy: $digest generation 1, applied " \
    "  from: $policy" "  autoload privileged, load classic, unload classic, complain" "agent: running (pid $mainpid, since " \
    "locked: no"
# modgate's programs: those loaded since before apt install.
modgate_ids=$(comm -13 <(echo "$stock_ids") <(prog_ids))
for id in $modgate_ids; do bpftool prog show id "$id" | head -n 1; done   # on the console
report "info BPF programs: $(echo "$stock_ids" | grep -c .) before apt install, $(echo "$modgate_ids" | grep -c .) new after it ($(bpftool prog show | grep -c ' name mg_') named mg_*)"

# --- 2. one would-deny: one journal entry with its fields, `modgate log` reads it back, the JSONL file has the same ---
rule=$(grep -n '^autoload privileged$' "$policy" | cut -d: -f1)
user_trigger tiocsetd 13
check complain-allows "uid 1000 TIOCSETD 13 in complain mode: exit $trc, $tout; n_hdlc loaded: $(loaded n_hdlc && echo yes || echo no)" \
  bash -c "[ $trc -eq 0 ] && [ '$tout' = ok ] && [ -e /sys/module/n_hdlc/initstate ]"
wait_for 10 journal_has tty-ldisc-13; sleep 1   # a second entry would have come by now
entries=$(journal_entries tty-ldisc-13)
check journal-one-entry "$(echo "$entries" | grep -c .) modgate entries for tty-ldisc-13: $entries" test "$(echo "$entries" | grep -c .)" -eq 1
why=$(has_all "$entries" '"MODGATE_REQUEST":"tty-ldisc-13"' '"MODGATE_MODULE":"n_hdlc"' '"MODGATE_VERB":"autoload"' \
  '"MODGATE_DECISION":"would-deny"' "\"MODGATE_RULE\":\"$policy:$rule\"" '"MODGATE_UID":"1000"' "\"MODGATE_PID\":\"$tpid\"" \
  '"MODGATE_COMM":"trigger"' '"SYSLOG_IDENTIFIER":"modgate"' '"PRIORITY":"5"')
check journal-fields "the entry $why: $entries" test -z "$why"
out=$(modgate log --journal 2>&1); rc=$?
rows=$(echo "$out" | grep -F "trigger[$tpid]")
check log-reads-journal "modgate log --journal (exit $rc): $out" \
  bash -c '[ "$1" -eq 0 ] && [ "$(echo "$2" | grep -c .)" -eq 1 ] && echo "$2" | grep -q "would-deny" && echo "$2" | grep -q "tty-ldisc-13" &&
         echo "$2" | grep -qF "$3"' _ "$rc" "$rows" "$policy:$rule"
from_journal=$(modgate log --journal --json 2>&1 | grep -F "\"pid\":$tpid,")
from_file=$(grep -F "\"pid\":$tpid," /var/log/modgate/audit.jsonl 2>&1)
check jsonl-same-record "journal gives: $from_journal; /var/log/modgate/audit.jsonl has: $from_file" \
  bash -c '[ -n "$1" ] && [ "$1" = "$2" ] && [ "$(grep -c . /var/log/modgate/audit.jsonl)" -eq 1 ]' _ "$from_journal" "$from_file"

# --- 3. editing the policy to enforce: the agent re-applies within 2 s, no systemctl; a broken edit keeps the policy --
edited=$(uptime_cs)
set_enforce
wait_for 30 sh -c 'systemctl show -p StatusText --value modgate | grep -q "^applied generation 2 "'
took=$(( $(uptime_cs) - edited ))
# The agent's share: noticing the edit (it polls every 100 ms) and starting to apply. The rest is the apply itself, which
# the agent times (it reads the whole module tree of a real system: 0.7-3.4 s under TCG here). Both from the agent's
# journal line: its monotonic time (the clock of /proc/uptime) less the apply's duration is when the apply began.
wait_for 5 agent_said 'policy files changed: applied policy'
line=$(journalctl -q -o short-monotonic -u modgate.service | grep -m1 'modgate: agent: policy files changed: applied policy')
apply_ms=$(echo "$line" | sed -n 's/.* (in \([0-9]*\) ms)$/\1/p')
logged_cs=$(echo "$line" | sed -n 's/^\[ *\([0-9]*\)\.\([0-9][0-9]\).*/\1\2/p' | sed 's/^0*//')
noticed=$(( ${logged_cs:-0} - ${apply_ms:-0} / 10 - edited ))
report "info enforce edit: generation 2 in force $took cs after the edit (seen by systemctl show); the agent began applying after $noticed cs, the apply took ${apply_ms:-?} ms"
check edit-reapplies "generation 2 seen $took cs after the edit; the agent began applying $noticed cs after it, the apply took ${apply_ms:-?} ms; its line: $line; status text: $(status_text)" \
  bash -c "systemctl show -p StatusText --value modgate | grep -q '^applied generation 2 ' && [ -n '$apply_ms' ] && [ -n '$logged_cs' ] &&
           [ $noticed -ge 0 ] && [ $noticed -le 100 ]"
out=$(modgate status 2>&1)
digest2=$(echo "$out" | sed -n 's/^policy: \(sha256:[0-9a-f]*\) generation 2, .*/\1/p')
check status-enforce "modgate status: $out" has_all "$out" "  autoload privileged, load classic, unload classic, enforce" "generation 2, applied "
user_trigger tiocsetd 14
wait_for 10 journal_has tty-ldisc-14
entry=$(journal_entries tty-ldisc-14)
check enforce-denies "uid 1000 TIOCSETD 14: exit $trc, $tout; ppp_synctty loaded: $(loaded ppp_synctty && echo yes || echo no); journal: $entry" \
  bash -c '[ "$1" -eq 1 ] && [ "$2" = "tiocsetd: errno=EINVAL (Invalid argument)" ] && [ ! -e /sys/module/ppp_synctty ] &&
         [ "$(echo "$3" | grep -c .)" -eq 1 ] && echo "$3" | grep -qF "\"MODGATE_DECISION\":\"deny\"" &&
         echo "$3" | grep -qF "\"MODGATE_PID\":\"$4\""' _ "$trc" "$tout" "$entry" "$tpid"
cp "$policy" /root/policy.good
echo 'autoload sometimes' >> "$policy"
bad=$(wc -l < "$policy")
wait_for 10 agent_said "$policy:$bad:10: error: "
said=$(journalctl -q -o cat -u modgate.service | tail -n 4)
check broken-edit-logged "no '$policy:$bad:10: error: ' in the journal; the agent said: $said" agent_said "$policy:$bad:10: error: "
wait_for 5 sh -c 'systemctl show -p StatusText --value modgate | grep -q "^refused: "'
out=$(modgate status 2>&1)
user_trigger tiocsetd 14
check broken-edit-keeps-policy "status text $(status_text); trigger exit $trc $tout; modgate status: $out" \
  bash -c '[ "$1" = "refused: the policy has errors; the policy in force is unchanged" ] && [ -n "$3" ] &&
         echo "$2" | grep -q "^policy: $3 generation 2, applied " && [ "$4" -eq 1 ] && [ ! -e /sys/module/ppp_synctty ]' \
  _ "$(status_text)" "$out" "$digest2" "$trc"
cp /root/policy.good "$policy"
wait_for 10 sh -c 'systemctl show -p StatusText --value modgate | grep -q "^applied "'
report "info after the good file is back: $(status_text)"
report "info systemctl reload: $(systemctl show -p CanReload --value modgate) (the unit has no ExecReload: an edit is the reload)"

. "$dir/hardening.sh"   # 7. the unit's sandbox in force on the agent that did all of the above (issue 15 point 7)

# --- 6. apt purge: programs, pins, /run/modgate, the unit and the files gone; the kernel behaves as stock again -------
apt_run /root/apt-purge.log purge -y modgate; rc=$?
status=$(dpkg-query -W -f='${db:Status-Status}' modgate 2>&1)
check purge "apt purge (exit $rc): $(tail -n 4 /root/apt-purge.log); dpkg: $status" \
  bash -c "[ $rc -eq 0 ] && ! dpkg-query -W modgate > /dev/null 2>&1"
still=$(comm -12 <(echo "$modgate_ids") <(prog_ids) | paste -sd' ')
[ -z "$still" ] || for id in $still; do bpftool prog show id "$id" | head -n 1; done | tee /root/still-loaded.txt
check purge-removes-programs "programs loaded by the install: $(echo $modgate_ids); still loaded after purge: $(cat /root/still-loaded.txt 2>/dev/null); /sys/fs/bpf: $(ls /sys/fs/bpf)" \
  bash -c "[ -n '$modgate_ids' ] && [ -z '$still' ] && [ ! -e /sys/fs/bpf/modgate ]"
left=$(for p in /run/modgate /lib/systemd/system/modgate.service /usr/sbin/modgate /etc/modgate /var/log/modgate \
               /etc/systemd/system/sysinit.target.wants/modgate.service; do [ -e "$p" ] && echo "$p"; done)
load=$(systemctl show -p LoadState --value modgate; systemctl is-active modgate)
check purge-removes-files "left: $left; modgate.service: $load" bash -c "[ -z '$left' ] && [ '$(echo $load)' = 'not-found inactive' ]"
user_trigger tiocsetd 14
check purge-stock-behaviour "uid 1000 TIOCSETD 14 after purge: exit $trc, $tout; ppp_synctty loaded: $(loaded ppp_synctty && echo yes || echo no)" \
  bash -c "[ $trc -eq 0 ] && [ '$tout' = ok ] && [ -e /sys/module/ppp_synctty/initstate ]"

[ "$suite" != trixie ] || . "$dir/container.sh"   # 8. the DaemonSet's image and settings under podman (issue 15 point 8)

# --- 6. purge while locked: refused clearly, enforcement and files intact ------------------------------------------
apt_run /root/apt-install2.log install -y "./$(basename "$deb")"; rc=$?
set_enforce
wait_for 30 sh -c 'systemctl show -p StatusText --value modgate | grep -q "^applied generation 2 "'
lock_out=$(timeout 120 modgate lock 2>&1); lock_rc=$?
echo "modgate lock (exit $lock_rc): $lock_out"
check lock-reinstalled "reinstall (exit $rc, $(systemctl is-active modgate), $(status_text)); modgate lock (exit $lock_rc): $lock_out" \
  bash -c "[ $rc -eq 0 ] && [ $lock_rc -eq 0 ] && modgate status | grep -q '^locked: yes'"
apt_run /root/apt-purge-locked.log purge -y modgate; rc=$?
check locked-purge-refused "apt purge while locked (exit $rc): $(tail -n 8 /root/apt-purge-locked.log)" \
  bash -c "[ $rc -ne 0 ] && grep -q 'policy is locked until reboot' /root/apt-purge-locked.log &&
         grep -q '^modgate: not removed: ' /root/apt-purge-locked.log"
status=$(dpkg-query -W -f='${db:Status-Status} ${Version}' modgate 2>&1)
missing=$(for p in /usr/sbin/modgate /etc/modgate/policy.conf /lib/systemd/system/modgate.service /sys/fs/bpf/modgate /run/modgate; do
  [ -e "$p" ] || echo "$p"; done)
check locked-purge-keeps-files "dpkg: $status; missing: $missing; modgate.service $(systemctl is-active modgate)" \
  bash -c "[ '$status' = 'installed $version' ] && [ -z '$missing' ] && [ '$(systemctl is-active modgate)' = active ]"
out=$(modgate status 2>&1)
user_trigger tiocsetd 3
check locked-purge-keeps-enforcement "uid 1000 TIOCSETD 3: exit $trc, $tout; ppp_async loaded: $(loaded ppp_async && echo yes || echo no); modgate status: $out" \
  bash -c '[ "$1" -eq 1 ] && [ "$2" = "tiocsetd: errno=EINVAL (Invalid argument)" ] && [ ! -e /sys/module/ppp_async ] &&
         echo "$3" | grep -qx "enforcement: full (backend bpf-lsm, kernel $4)" &&
         echo "$3" | grep -qx "  autoload privileged, load classic, unload classic, enforce" && echo "$3" | grep -q "^locked: yes"' \
  _ "$trc" "$tout" "$out" "$kernel"
# For the console log: what the agent said, with times since boot.
journalctl -q -o short-monotonic --no-pager -u modgate.service
report done
