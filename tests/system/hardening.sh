# tests/system/hardening.sh: sourced by guest.sh (issue 15 point 7) while modgate.service's agent runs, after that
# agent applied the policy, wrote the audit records of section 2 and re-applied on the edits of section 3. It shows
# that every sandboxing line of the unit is in force on that very process (the kernel's view: /proc/PID/status, its
# namespaces and its mounts, not only what systemctl says), that the process is still the one that did that work,
# and records `systemd-analyze security modgate.service` on the serial port as "security | LINE" (run.sh keeps them
# in artifacts/system/NAME.security.txt). Uses guest.sh's check, report, has_all, wait_for, mainpid and kernel.

hpid=$(systemctl show -p MainPID --value modgate)
journalctl -q -o short-monotonic --no-pager -u modgate.service | grep -v '^$' | tail -n 40   # on the console, for a failure below
# The unit as systemd loaded it: each line of the [Service] hardening, as `systemctl show` names it.
props=$(systemctl show modgate -p NoNewPrivileges -p ProtectSystem -p ProtectHome -p PrivateTmp -p PrivateDevices \
  -p PrivateNetwork -p PrivateIPC -p PrivateMounts -p ProtectKernelLogs -p ProtectControlGroups -p ProtectClock \
  -p ProtectHostname -p ProtectProc -p RestrictNamespaces -p RestrictRealtime -p RestrictSUIDSGID -p LockPersonality \
  -p MemoryDenyWriteExecute -p SystemCallArchitectures -p RestrictAddressFamilies -p SystemCallErrorNumber \
  -p ReadWritePaths -p CapabilityBoundingSet)
echo "$props"
why=$(has_all "$props" NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes PrivateDevices=yes \
  PrivateNetwork=yes PrivateIPC=yes PrivateMounts=yes ProtectKernelLogs=yes ProtectControlGroups=yes \
  ProtectClock=yes ProtectHostname=yes ProtectProc=invisible RestrictRealtime=yes RestrictSUIDSGID=yes LockPersonality=yes \
  MemoryDenyWriteExecute=yes SystemCallArchitectures=native RestrictAddressFamilies=AF_UNIX \
  "ReadWritePaths=/sys/fs/bpf /run/modgate /var/log/modgate" \
  "CapabilityBoundingSet=cap_dac_read_search cap_sys_module cap_sys_ptrace cap_sys_admin cap_sys_resource cap_mac_admin cap_perfmon cap_bpf")
# RestrictNamespaces=yes: no namespace type allowed. SystemCallErrorNumber=EPERM: systemd 257 shows the number.
echo "$props" | grep -qxE 'SystemCallErrorNumber=(EPERM|1)' ||
  why="$why; SystemCallErrorNumber is not EPERM: $(echo "$props" | grep SystemCallErrorNumber)"
echo "$props" | grep -qxE 'RestrictNamespaces=(yes|0|)' ||
  why="$why; RestrictNamespaces is not 'none allowed': $(echo "$props" | grep RestrictNamespaces)"
# SystemCallFilter: the allow list systemd built from @system-service, ~@privileged, bpf.
filter=" $(systemctl show -p SystemCallFilter --value modgate) "
case $filter in *" bpf "*) ;; *) why="$why; SystemCallFilter lacks bpf" ;; esac
for sc in chown setuid capset open_by_handle_at mount init_module finit_module delete_module kexec_load ptrace perf_event_open; do
  case $filter in *" $sc "*) why="$why; SystemCallFilter allows $sc" ;; esac
done
check hardening-unit-properties "$why" test -z "$why"

# The agent apt started last (the upgrade's, which applied the policy and wrote the records since; before it, the
# install's applied, audited and re-applied under the same unit): no restart since.
started=${new_pid:-$mainpid}
check hardening-same-agent "MainPID $hpid (apt started: $started), NRestarts $(systemctl show -p NRestarts --value modgate)" \
  bash -c '[ "$1" = "$2" ] && [ "$1" -gt 1 ] && [ "$(systemctl show -p NRestarts --value modgate)" = 0 ]' _ "$hpid" "$started"

# The kernel's view of the process: its capability bounding set is exactly the unit's (CAP_DAC_READ_SEARCH 2,
# CAP_SYS_MODULE 16, CAP_SYS_PTRACE 19, CAP_SYS_ADMIN 21, CAP_SYS_RESOURCE 24, CAP_MAC_ADMIN 33, CAP_PERFMON 38,
# CAP_BPF 39), no_new_privs is set, and a seccomp filter (SystemCallFilter, RestrictAddressFamilies,
# MemoryDenyWriteExecute, LockPersonality, RestrictNamespaces, RestrictRealtime, ProtectClock... are seccomp) is on.
want_caps=$(printf '%016x' $(( (1 << 2) | (1 << 16) | (1 << 19) | (1 << 21) | (1 << 24) | (1 << 33) | (1 << 38) | (1 << 39) )))
st=$(grep -E '^(CapBnd|CapEff|CapPrm|CapAmb|NoNewPrivs|Seccomp|Seccomp_filters):' "/proc/$hpid/status")
echo "$st"
check hardening-process-status "want CapBnd=CapEff=$want_caps, NoNewPrivs 1, Seccomp 2; /proc/$hpid/status: $st" \
  bash -c 'echo "$1" | grep -qx "CapBnd:	$2" && echo "$1" | grep -qx "CapEff:	$2" && echo "$1" | grep -qx "CapAmb:	0000000000000000" &&
           echo "$1" | grep -qx "NoNewPrivs:	1" && echo "$1" | grep -qx "Seccomp:	2" &&
           [ "$(echo "$1" | sed -n "s/^Seccomp_filters:\t//p")" -ge 1 ]' _ "$st" "$want_caps"

# Its own namespaces: mount (ProtectSystem, PrivateTmp...), network (PrivateNetwork), IPC (PrivateIPC), UTS
# (ProtectHostname) apart from PID 1's; user and PID namespaces the initial ones (its capabilities count there).
ns_diff=""; for ns in mnt net ipc uts; do
  [ "$(readlink /proc/1/ns/$ns)" != "$(readlink /proc/$hpid/ns/$ns)" ] || ns_diff="$ns_diff $ns:shared-with-pid-1"
done
for ns in user pid; do
  [ "$(readlink /proc/1/ns/$ns)" = "$(readlink /proc/$hpid/ns/$ns)" ] || ns_diff="$ns_diff $ns:not-the-initial-one"
done
check hardening-namespaces "namespaces wrong:$ns_diff" test -z "$ns_diff"

# Its mounts (the 6th field of mountinfo holds the per-mount ro/rw): the whole tree read-only but the paths it writes;
# /proc/kmsg covered (ProtectKernelLogs); /proc with hidepid=invisible (ProtectProc).
# mount_opts PATH: the per-mount options of the topmost mount at PATH in the agent's namespace.
mount_opts() { awk -v p="$1" '$5 == p { o = $6 } END { print o }' "/proc/$hpid/mountinfo"; }
mounts=""; for p in / /sys/fs/cgroup; do
  o=$(mount_opts "$p"); case ,$o, in *,ro,*) ;; *) mounts="$mounts $p:'$o'(want ro)" ;; esac
done
for p in /sys/fs/bpf /run/modgate /var/log/modgate; do
  o=$(mount_opts "$p"); case ,$o, in *,rw,*) ;; *) mounts="$mounts $p:'$o'(want rw)" ;; esac
done
[ -n "$(mount_opts /proc/kmsg)" ] || mounts="$mounts /proc/kmsg-not-covered(ProtectKernelLogs)"
proc_super=$(awk '$5 == "/proc" { o = $0 } END { print o }' "/proc/$hpid/mountinfo")
case $proc_super in *hidepid=invisible* | *hidepid=2*) ;; *) mounts="$mounts /proc without hidepid=invisible: $proc_super" ;; esac
check hardening-mounts "agent's mounts:$mounts" test -z "$mounts"

# The same from inside its mount namespace: what writing and reading there does (nsenter -m: mounts only).
in_ns() { nsenter -t "$hpid" -m -- "$@"; }
touch /tmp/hardening-host-tmp
fs=""
in_ns touch /usr/lib/modgate-hardening 2>/dev/null && fs="$fs /usr-writable"
in_ns touch /etc/modgate/hardening 2>/dev/null && fs="$fs /etc/modgate-writable"
in_ns test -e /root/apt-install.log && fs="$fs /root-visible(ProtectHome)"
in_ns test -e /home/user && fs="$fs /home-visible(ProtectHome)"
in_ns test -e /tmp/hardening-host-tmp && fs="$fs /tmp-shared(PrivateTmp)"
in_ns test -e /dev/vda && fs="$fs /dev/vda-visible(PrivateDevices)"
in_ns mkdir /sys/fs/bpf/modgate-hardening 2>/dev/null && in_ns rmdir /sys/fs/bpf/modgate-hardening || fs="$fs /sys/fs/bpf-not-writable"
in_ns sh -c ': >> /var/log/modgate/audit.jsonl' || fs="$fs /var/log/modgate-not-writable"
in_ns test -r /lib/modules/"$kernel"/modules.alias || fs="$fs /lib/modules-not-readable"
rm -f /tmp/hardening-host-tmp /usr/lib/modgate-hardening /etc/modgate/hardening
check hardening-filesystem "in the agent's mount namespace:$fs" test -z "$fs"

# ProtectProc=invisible hides no process from the root agent: a uid-1000 bash that makes a request itself (opening
# /dev/net/tun asks for char-major-10-200, denied by the policy in force) and stays alive gets an audit record with
# the full path of its executable, which the agent reads from /proc/PID/exe (a process that is gone gets its basename).
trigger --uid 1000 --caps none run /bin/bash -c 'true < /dev/net/tun; sleep 20' > /dev/null 2>&1 &
bpid=$!
wait_for 20 grep -qF "\"pid\":$bpid," /var/log/modgate/audit.jsonl
record=$(grep -F "\"pid\":$bpid," /var/log/modgate/audit.jsonl)
kill "$bpid" 2> /dev/null; wait "$bpid" 2> /dev/null
check hardening-sees-processes "the audit record of uid 1000's bash (pid $bpid) lacks its executable's path: ${record:-none}" \
  bash -c '[[ $1 == *"\"request\":\"char-major-10-200\""* ]] && [[ $1 == *"\"exe\":\"/usr/bin/bash\""* || $1 == *"\"exe\":\"/bin/bash\""* ]]' _ "$record"

# systemd's own exposure score for the unit as installed, kept with the run's artifacts.
sec=$(systemd-analyze security --no-pager modgate.service 2>&1); sec_rc=$?
echo "$sec" | sed 's/^/security | /' >&3
score=$(echo "$sec" | sed -n 's/^→ Overall exposure level for modgate.service: \([0-9.]*\) .*/\1/p')
report "info systemd-analyze security modgate.service: ${score:-?}"
# 2.6 on systemd 252 and 257 for this unit; 4.9 before the hardening review (docs/packaging.md).
check hardening-exposure-score "systemd-analyze security (exit $sec_rc) gives '${score:-no score}', want at most 3.0: $(echo "$sec" | tail -n 3)" \
  awk -v s="${score:-99}" 'BEGIN { exit !(s + 0 <= 3.0) }'
