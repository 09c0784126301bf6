# Without bpf in the LSM list: status says partial with the fix; apply --require full with the fallback backends refuses
# with exit 3 (the fallback group applies without it; bpf-fmod-ret applies the BPF programs as fmod_ret).
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate status --wide
expect_output_has 'enforcement: partial'
lsms=$(cat /sys/kernel/security/lsm)   # 6.12 adds ima,evm to the cmdline's list
expect_output_has "missing: bpf not in active LSM list ($lsms): add lsm=$lsms,bpf to the kernel command line"
printf 'version 1\nautoload privileged\n' > /tmp/p.conf
expect_status 3 -- env MODGATE_BACKEND=fallback modgate apply --require full /tmp/p.conf
expect_output_has 'bpf not in active LSM list'
