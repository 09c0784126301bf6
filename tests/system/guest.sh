#!/bin/bash
# tests/system/guest.sh: runs inside the system test's guest (a Debian root booted with systemd as PID 1), as root,
# from modgate-system-test.service once multi-user.target is reached; tests/system/run.sh puts it on the second disk
# (/mnt/system-test) with the two .debs (VERSION and the next, VERSION_NEW), trigger (tests/vm/guest/trigger.c), busybox and
# `expect` (version, version_new, kernel, suite, phase). In the second boot of the same disk (phase=reboot) it hands over
# to reboot.sh. This first boot ends by writing its /etc/modgate to the third disk (/dev/vdc): the host builds the next
# boot's initramfs with initramfs-tools, the package's hook and these files, and boots this disk again with it.
# Reports on the second serial port: "result NAME pass" or "result NAME fail WHY" per `check NAME` below (the host
# takes the list of checks from this file: a check that never reports fails there), "info ..." lines, and "done".
# Every command's output also goes to the console (the unit's stdout), which the host keeps.
set -u
dir=/mnt/system-test
. "$dir/expect"
. "$dir/lib.sh"
[ "$phase" = reboot ] && exec /bin/bash "$dir/reboot.sh"
policy=/etc/modgate/policy.conf
deb=/root/modgate_${version}_amd64.deb
deb_new=/root/modgate_${version_new}_amd64.deb
# What the second boot compares with: the modules udev and the initramfs loaded in this boot, before anything of the test.
state=/var/lib/modgate-system-test
mkdir -p "$state"
cut -d' ' -f1 /proc/modules | sort > "$state/modules-boot1"

report "info booted: $(cut -d' ' -f1 /proc/uptime) s to the test unit, system $(systemctl is-system-running)$(systemctl --failed --plain --no-legend | awk '{ printf " %s", $1 }')"
install -m 0755 "$dir/trigger" /usr/local/bin/trigger
cp "$dir/modgate_${version}_amd64.deb" "$deb"
cp "$dir/modgate_${version_new}_amd64.deb" "$deb_new"
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
out=$(modgate status --wide 2>&1); rc=$?
check status-full-complain "modgate status (exit $rc): $out" \
  has_all "$out" "enforcement: full (backend bpf-lsm, kernel $kernel)" "policy: $digest generation 1, applied " \
    "  from: $policy" "  autoload privileged, load classic, unload classic, complain" "agent: running (pid $mainpid, since " \
    "locked: no"
# modgate's programs: those loaded since before apt install.
modgate_ids=$(comm -13 <(echo "$stock_ids") <(prog_ids))
for id in $modgate_ids; do bpftool prog show id "$id" | head -n 1; done   # on the console
report "info BPF programs: $(echo "$stock_ids" | grep -c .) before apt install, $(echo "$modgate_ids" | grep -c .) new after it ($(bpftool prog show | grep -c ' name mg_') named mg_*)"

# --- issue 13 #3: an allowlist from `modgate learn`, written now (the modules udev and the initramfs loaded at boot,
# the present hardware), before any test loads a module; the second boot enforces it under `default deny` ------------
out=$(modgate learn -o "$state/learned.conf" 2>&1); rc=$?
allowed=$(sed -n 's/^allow module=\([^ ]*\).*/\1/p' "$state/learned.conf" 2>/dev/null | tr - _ | sort -u)
unlisted=$(comm -23 <(tr - _ < "$state/modules-boot1" | sort -u) <(echo "$allowed") | paste -sd' ')
report "info modgate learn: $(grep -c . "$state/modules-boot1") modules loaded at boot, $(echo "$allowed" | grep -c .) allowed: $(echo $allowed)"
check learn-allowlist "modgate learn (exit $rc): $out; loaded at boot but not allowed: $unlisted; $(grep -c '^default deny$' "$state/learned.conf" 2>/dev/null) 'default deny' lines" \
  bash -c '[ "$1" -eq 0 ] && [ -z "$2" ] && [ -n "$3" ] && grep -qx "default deny" "$4"' _ "$rc" "$unlisted" "$allowed" "$state/learned.conf"

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
out=$(modgate log --wide --journal 2>&1); rc=$?
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
out=$(modgate status --wide 2>&1)
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
out=$(modgate status --wide 2>&1)
user_trigger tiocsetd 14
check broken-edit-keeps-policy "status text $(status_text); trigger exit $trc $tout; modgate status: $out" \
  bash -c '[ "$1" = "refused: the policy has errors; the policy in force is unchanged" ] && [ -n "$3" ] &&
         echo "$2" | grep -q "^policy: $3 generation 2, applied " && [ "$4" -eq 1 ] && [ ! -e /sys/module/ppp_synctty ]' \
  _ "$(status_text)" "$out" "$digest2" "$trc"
cp /root/policy.good "$policy"
wait_for 10 sh -c 'systemctl show -p StatusText --value modgate | grep -q "^applied "'
report "info after the good file is back: $(status_text)"
# `systemctl reload` is not offered (docs/packaging.md): saving the file is the reload. systemctl must say so, not pretend.
out=$(systemctl reload modgate 2>&1); rc=$?
check reload-not-offered "CanReload=$(systemctl show -p CanReload --value modgate); systemctl reload modgate (exit $rc): $out" \
  bash -c '[ "$(systemctl show -p CanReload --value modgate)" = no ] && [ "$1" -ne 0 ] && echo "$2" | grep -q "not applicable"' _ "$rc" "$out"

# --- 5. upgrade to the next version (the same tree built as VERSION_NEW) with the edited policy, while uid 1000 asks ---
# for mkiss (TIOCSETD 5) every second: each request must be denied and reach the journal, the edit stays, the new agent
# writes the next record.
old_pid=$(systemctl show -p MainPID --value modgate)
rm -f /root/loop.stop; : > /root/loop.log
( while [ ! -e /root/loop.stop ]; do
    t0=$(uptime_cs)
    trigger --uid 1000 --caps none tiocsetd 5 > /root/loop.one 2>&1 & p=$!; wait $p; rc=$?
    echo "$t0 $p $rc $(cat /root/loop.one)" >> /root/loop.log
    sleep 1
  done ) &
loop=$!
sleep 2
up_start=$(uptime_cs)
apt_run /root/apt-upgrade.log install -y "./$(basename "$deb_new")"; up_rc=$?
up_end=$(uptime_cs)
wait_for 30 sh -c '[ "$(systemctl is-active modgate)" = active ] && systemctl show -p StatusText --value modgate | grep -q "^applied "'
sleep 2
touch /root/loop.stop; wait "$loop"
new_pid=$(systemctl show -p MainPID --value modgate)
installed=$(dpkg-query -W -f='${Status} ${Version}' modgate 2>&1)
report "info upgrade: apt took $(( (up_end - up_start) / 100 )) s; agent pid $old_pid before, $new_pid after; $(grep -c . /root/loop.log) requests of the loop, $(awk -v a="$up_start" -v b="$up_end" '$1 >= a && $1 <= b' /root/loop.log | grep -c .) made while apt ran"
check upgrade "apt install of $version_new over $version (exit $up_rc): $(tail -n 6 /root/apt-upgrade.log); dpkg: $installed" \
  bash -c '[ "$1" -eq 0 ] && [ "$2" = "install ok installed $3" ] && grep -q "^Unpacking modgate ($3) over ($4)" /root/apt-upgrade.log &&
         ! grep -qi "conffile" /root/apt-upgrade.log' _ "$up_rc" "$installed" "$version_new" "$version"
leftovers=$(ls /etc/modgate/ | grep -v '^policy\.\(conf\|d\)$' | paste -sd' ')
check upgrade-keeps-edit "policy.conf after the upgrade: $(diff /root/policy.good "$policy" 2>&1 | head -n 5); other files in /etc/modgate: $leftovers" \
  bash -c 'cmp -s /root/policy.good "$1" && grep -qx "enforcement enforce" "$1" && [ -z "$2" ]' _ "$policy" "$leftovers"
# Every request of the loop: denied with the kernel's errno, mkiss never loaded, one deny record in the journal each.
wait_for 20 bash -c 'for p in $(cut -d" " -f2 /root/loop.log); do journalctl -q -b -o cat MESSAGE_ID=6d6f64676174654a0b1dcb3e8c7a9e11 MODGATE_PID=$p | grep -q . || exit 1; done'
n_loop=$(grep -c . /root/loop.log)
n_during=$(awk -v a="$up_start" -v b="$up_end" '$1 >= a && $1 <= b' /root/loop.log | grep -c .)
not_denied=$(grep -v ' 1 tiocsetd: errno=EINVAL (Invalid argument)$' /root/loop.log | head -n 3 | paste -sd';')
unrecorded=$(for p in $(cut -d' ' -f2 /root/loop.log); do
  e=$(journal_entries tty-ldisc-5 | grep -F "\"MODGATE_PID\":\"$p\"")
  [ "$(echo "$e" | grep -c .)" -eq 1 ] && echo "$e" | grep -qF '"MODGATE_DECISION":"deny"' || echo "$p"; done | paste -sd' ')
check upgrade-always-judged "$n_loop requests, $n_during while apt ran; not denied: $not_denied; pids without exactly one deny record: $unrecorded; mkiss loaded: $(loaded mkiss && echo yes || echo no)" \
  bash -c '[ "$1" -ge 5 ] && [ "$2" -ge 3 ] && [ -z "$3" ] && [ -z "$4" ] && [ ! -e /sys/module/mkiss ]' _ "$n_loop" "$n_during" "$not_denied" "$unrecorded"
# The new agent: another process, applied the kept policy, and it is the one that writes the next record (the
# journal's _PID of the entry is the sender's).
user_trigger tiocsetd 7
wait_for 10 journal_has tty-ldisc-7
entry=$(journal_entries tty-ldisc-7)
out=$(modgate status --wide 2>&1)
check upgrade-new-agent "agent pid $old_pid before, $new_pid after; $(systemctl is-active modgate), $(status_text); the next request (pid $tpid, exit $trc $tout): $entry; modgate status: $out" \
  bash -c '[ -n "$1" ] && [ "$1" != 0 ] && [ "$1" != "$2" ] && [ "$(systemctl is-active modgate)" = active ] &&
         [ "$3" -eq 1 ] && [ "$(echo "$4" | grep -c .)" -eq 1 ] && echo "$4" | grep -qF "\"_PID\":\"$1\"" &&
         echo "$4" | grep -qF "\"MODGATE_DECISION\":\"deny\"" && echo "$5" | grep -q "^agent: running (pid $1, " &&
         echo "$5" | grep -qx "  autoload privileged, load classic, unload classic, enforce"' _ "$new_pid" "$old_pid" "$trc" "$entry" "$out"

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
apt_run /root/apt-install2.log install -y "./$(basename "$deb_new")"; rc=$?
set_enforce
wait_for 30 sh -c 'systemctl show -p StatusText --value modgate | grep -q "^applied generation 2 "'
lock_out=$(timeout 120 modgate lock 2>&1); lock_rc=$?
echo "modgate lock (exit $lock_rc): $lock_out"
check lock-reinstalled "reinstall (exit $rc, $(systemctl is-active modgate), $(status_text)); modgate lock (exit $lock_rc): $lock_out" \
  bash -c "[ $rc -eq 0 ] && [ $lock_rc -eq 0 ] && modgate status --wide | grep -q '^locked: yes'"
apt_run /root/apt-purge-locked.log purge -y modgate; rc=$?
check locked-purge-refused "apt purge while locked (exit $rc): $(tail -n 8 /root/apt-purge-locked.log)" \
  bash -c "[ $rc -ne 0 ] && grep -q 'policy is locked until reboot' /root/apt-purge-locked.log &&
         grep -q '^modgate: not removed: ' /root/apt-purge-locked.log"
status=$(dpkg-query -W -f='${db:Status-Status} ${Version}' modgate 2>&1)
missing=$(for p in /usr/sbin/modgate /etc/modgate/policy.conf /lib/systemd/system/modgate.service /sys/fs/bpf/modgate /run/modgate; do
  [ -e "$p" ] || echo "$p"; done)
check locked-purge-keeps-files "dpkg: $status; missing: $missing; modgate.service $(systemctl is-active modgate)" \
  bash -c "[ '$status' = 'installed $version_new' ] && [ -z '$missing' ] && [ '$(systemctl is-active modgate)' = active ]"
out=$(modgate status --wide 2>&1)
user_trigger tiocsetd 3
check locked-purge-keeps-enforcement "uid 1000 TIOCSETD 3: exit $trc, $tout; ppp_async loaded: $(loaded ppp_async && echo yes || echo no); modgate status: $out" \
  bash -c '[ "$1" -eq 1 ] && [ "$2" = "tiocsetd: errno=EINVAL (Invalid argument)" ] && [ ! -e /sys/module/ppp_async ] &&
         echo "$3" | grep -qx "enforcement: full (backend bpf-lsm, kernel $4)" &&
         echo "$3" | grep -qx "  autoload privileged, load classic, unload classic, enforce" && echo "$3" | grep -q "^locked: yes"' \
  _ "$trc" "$tout" "$out" "$kernel"
# --- 4. the reboot, prepared: the learned allowlist as a drop-in under the enforcing policy; the policy files go to the
# host on /dev/vdc (a tar), which builds the initramfs with initramfs-tools and the package's hook in a chroot of this
# system (mkinitramfs took over 2 minutes under TCG here), as `update-initramfs -u` would after this edit ---------------
cp "$state/learned.conf" /etc/modgate/policy.d/50-learned.conf
out=$(modgate check 2>&1); rc=$?
reboot_digest=$(echo "$out" | sed -n 's/^policy ok: .*; \(sha256:[0-9a-f]*\)$/\1/p')
echo "$reboot_digest" > "$state/reboot-digest"
check reboot-policy "modgate check (exit $rc): $out" \
  bash -c '[ "$1" -eq 0 ] && [ -n "$2" ] && echo "$3" | grep -q ", default deny; sha256:" && ! echo "$3" | grep -q "complain mode" &&
         grep -qx "enforcement enforce" /etc/modgate/policy.conf' _ "$rc" "$reboot_digest" "$out"
# The early probe of the second boot (modgate-system-probe.service) runs only once this exists.
touch "$state/armed"
tar -C / -cf /root/reboot-files.tar etc/modgate
dd if=/root/reboot-files.tar of=/dev/vdc bs=1M conv=fsync status=none
report "info reboot-files $(stat -c %s /root/reboot-files.tar) $(sha256sum < /root/reboot-files.tar | cut -d' ' -f1) $(dpkg-query -W -f='${Version}' modgate)"
# For the console log: what the agent said, with times since boot.
journalctl -q -o short-monotonic --no-pager -u modgate.service
report done
