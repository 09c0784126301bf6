# tests/system/container.sh: sourced by guest.sh on Debian 13 (issue 15 point 8) once modgate is purged from the system
# (nothing of the package is in force): the image of deploy/container/Containerfile, built with podman from a local
# base (no registry: the base is a tarball run.sh made with debootstrap, imported here), run as the DaemonSet of
# deploy/kubernetes runs it: container `agent` privileged, in the host's PID namespace, with the host's bpffs
# (rshared = Bidirectional), securityfs, cgroup tree and module tree, /run/modgate and /var/log/modgate, the
# ConfigMap's policy (switched to enforce, step 3 of docs/fleet.md) as a read-only /etc/modgate, a read-only root
# file system; container `audit` printing audit.jsonl on its stdout. Then a uid-1000 request that policy denies.
# (`--entrypoint`: a Kubernetes `command:` replaces the image's ENTRYPOINT.) Uses guest.sh's check, report, has_all, user_trigger, loaded, wait_for, uptime_cs.

c=/root/container
image=registry.example.org/modgate:$version   # the DaemonSet's image name, built here and never pulled
mkdir -p "$c/context" "$c/etc-modgate"
cp "$dir/modgate_${version}_amd64.deb" "$c/context/"
# The ConfigMap's policy.conf as kubelet would mount it, at the enforce step of the rollout.
sed 's/^enforcement complain$/enforcement enforce/' "$dir/configmap-policy.conf" > "$c/etc-modgate/policy.conf"
podman_t() { timeout 300 podman "$@"; }
ctr_start=$(uptime_cs)

# --- the image: the base imported from a local tarball, then the project's Containerfile with BASE pointing at it ---
podman_t import "$dir/container-base.tar" localhost/modgate-base:local > "$c/import.log" 2>&1; import_rc=$?
cat "$c/import.log"
report "info container base imported in $(( ($(uptime_cs) - ctr_start) / 100 )) s"   # also keeps the stall watch quiet
podman_t build --pull=never --network=none --build-arg BASE=localhost/modgate-base:local \
  -f "$dir/Containerfile" -t "$image" "$c/context" > "$c/build.log" 2>&1; build_rc=$?
cat "$c/build.log"
images=$(podman images --format '{{.Repository}}:{{.Tag}}' 2>&1 | sort | paste -sd' ')
entry=$(podman image inspect -f '{{.Config.Entrypoint}} {{.Config.Cmd}}' "$image" 2>&1)
report "info container image built $(( ($(uptime_cs) - ctr_start) / 100 )) s after the container part began; images: $images"
# Only the imported base and the image built from it: nothing pulled. (The binary in it runs: the checks below.)
check container-image-built "import exit $import_rc, build exit $build_rc: $(tail -n 5 "$c/build.log"); images: $images; entrypoint, cmd: $entry" \
  bash -c '[ "$1" -eq 0 ] && [ "$2" -eq 0 ] && [ "$3" = "localhost/modgate-base:local $4" ] && [ "$5" = "[/usr/sbin/modgate] [agent]" ]' \
  _ "$import_rc" "$build_rc" "$images" "$image" "$entry"

# --- the DaemonSet's two containers -----------------------------------------------------------------------------------
mkdir -p /run/modgate /var/log/modgate   # hostPath type DirectoryOrCreate
podman_t run -d --name modgate-agent --pull=never --privileged --pid=host --network=none --read-only --memory=256m \
  -v "$c/etc-modgate:/etc/modgate:ro" \
  -v /sys/fs/bpf:/sys/fs/bpf:rshared \
  -v /sys/kernel/security:/sys/kernel/security:ro \
  -v /sys/fs/cgroup:/sys/fs/cgroup:ro \
  -v /lib/modules:/lib/modules:ro \
  -v /run/modgate:/run/modgate \
  -v /var/log/modgate:/var/log/modgate \
  --entrypoint /usr/sbin/modgate "$image" agent > "$c/agent-run.log" 2>&1; agent_rc=$?
podman_t run -d --name modgate-audit --pull=never --read-only --security-opt no-new-privileges --network=none --memory=128m \
  -v /var/log/modgate:/var/log/modgate:ro \
  --entrypoint /usr/sbin/modgate "$image" log --follow --json --file /var/log/modgate/audit.jsonl > "$c/audit-run.log" 2>&1; audit_rc=$?
cat "$c/agent-run.log" "$c/audit-run.log"
# The agent's state is the host's /run/modgate: watched from here (each podman call costs seconds under TCG).
wait_for 180 test -e /run/modgate/applied -a -e /run/modgate/agent.json
report "info container agent applied $(( ($(uptime_cs) - ctr_start) / 100 )) s after the container part began"
out=$(podman exec modgate-agent /usr/sbin/modgate status --wide 2>&1)
digest=$(podman exec modgate-agent /usr/sbin/modgate check 2>&1 | sed -n 's/^policy ok: .*; \(sha256:[0-9a-f]*\)$/\1/p')
host_pid=$(podman inspect -f '{{.State.Pid}}' modgate-agent 2>&1)
states=$(podman ps -a --format '{{.Names}} {{.Status}}' 2>&1 | paste -sd';')
check container-agent-enforces "run exit $agent_rc/$audit_rc; containers: $states; agent's log: $(podman logs modgate-agent 2>&1 | tail -n 5); status: $out" \
  has_all "$out" "enforcement: full (backend bpf-lsm, kernel $kernel)" "policy: $digest generation 1, applied " \
    "  from: /etc/modgate/policy.conf" "  autoload privileged, load classic, unload classic, enforce" \
    "agent: running (pid $host_pid, since " "locked: no"
check container-pins-on-host "the agent's pins are not in the host's bpffs (Bidirectional): $(ls /sys/fs/bpf 2>&1)" \
  test -d /sys/fs/bpf/modgate

# --- a uid-1000 request the mounted policy denies: AF_APPLETALK makes the kernel ask for net-pf-5 (appletalk) --------
user_trigger socket appletalk dgram
check container-denies "uid 1000 socket(AF_APPLETALK): exit $trc, $tout; appletalk loaded: $(loaded appletalk && echo yes || echo no)" \
  bash -c '[ "$1" -eq 1 ] && [ "$2" = "socket: errno=EAFNOSUPPORT (Address family not supported by protocol)" ] &&
           [ ! -e /sys/module/appletalk ]' _ "$trc" "$tout"
wait_for 15 grep -qF "\"pid\":$tpid," /var/log/modgate/audit.jsonl; sleep 1   # the audit container polls every 200 ms
stdout=$(podman logs modgate-audit 2>/dev/null); stderr=$(podman logs modgate-audit 2>&1 >/dev/null)
echo "audit container stdout: $stdout"
lines=$(echo "$stdout" | grep -c .)
rule=$(grep -n '^autoload privileged$' "$c/etc-modgate/policy.conf" | cut -d: -f1)
why=$(has_all "$stdout" '"verb":"autoload"' '"request":"net-pf-5"' '"module":"appletalk"' '"decision":"deny"' \
  "\"pid\":$tpid," '"uid":1000,' '"comm":"trigger"' '"layer":"global-mode"' \
  "\"rule\":\"/etc/modgate/policy.conf:$rule\"")
check container-audit-stdout "the audit container's stdout has $lines line(s) (want exactly 1, for pid $tpid) ${why}: $stdout; stderr: $stderr" \
  bash -c '[ "$1" -eq 1 ] && [ -z "$2" ] && [[ $3 == "{"*"}" ]]' _ "$lines" "$why" "$stdout"

# --- SIGTERM stops the agent's container, never the enforcement; `modgate disable` from the image removes it ----------
podman_t stop -t 10 modgate-agent > /dev/null 2>&1
user_trigger socket appletalk dgram
still=$trc
podman_t run --rm --pull=never --privileged --pid=host --network=none -v /sys/fs/bpf:/sys/fs/bpf:rshared \
  -v /sys/kernel/security:/sys/kernel/security:ro -v /run/modgate:/run/modgate "$image" disable > "$c/disable.log" 2>&1; disable_rc=$?
cat "$c/disable.log"
check container-stop-keeps-disable-removes "after podman stop: exit $still (want 1, denied); modgate disable from the image: exit $disable_rc, $(cat "$c/disable.log"); /sys/fs/bpf: $(ls /sys/fs/bpf)" \
  bash -c '[ "$1" -eq 1 ] && [ "$2" -eq 0 ] && [ ! -e /sys/fs/bpf/modgate ]' _ "$still" "$disable_rc"
podman rm -f modgate-agent modgate-audit > /dev/null 2>&1
rm -rf /run/modgate /var/log/modgate
report "info container part took $(( ($(uptime_cs) - ctr_start) / 100 )) s"
