# Without bpf in the LSM list: status says partial with the fix; apply --require full refuses with exit 3 (the fallback group applies without it).
. /usr/lib/modgate-vm/lib.sh
expect_status 0 -- modgate status
expect_output_has 'enforcement: partial'
expect_output_has 'missing: bpf not in active LSM list (lockdown,capability,landlock,yama,apparmor): add lsm=lockdown,capability,landlock,yama,apparmor,bpf to the kernel command line'
printf 'version 1\nautoload privileged\n' > /tmp/p.conf
expect_status 3 -- modgate apply --require full /tmp/p.conf
expect_output_has 'bpf not in active LSM list'
