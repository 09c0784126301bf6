# The harness can turn on kernel.bpf_stats_enabled (modgate.bpf_stats=1, run.sh --bpf-stats) and
# bpftool with libbpf works in the guest (for hook-cost benchmarks).
. /usr/lib/modgate-vm/lib.sh
[ "$(cat /proc/sys/kernel/bpf_stats_enabled)" = 1 ] || fail "kernel.bpf_stats_enabled is $(cat /proc/sys/kernel/bpf_stats_enabled)"
bpftool version || fail "bpftool version exited $?"
bpftool prog show || fail "bpftool prog show exited $?"
bpftool feature probe kernel | grep -q 'eBPF program_type lsm is available' || fail "bpftool sees no lsm program type"
echo "lsm program type available"
