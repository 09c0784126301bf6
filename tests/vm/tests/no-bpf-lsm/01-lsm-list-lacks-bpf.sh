# This group boots with an `lsm=` list without bpf (see cmdline): the state in which modgate must
# report enforcement `partial`. Proves the group's command line reached the kernel.
. /usr/lib/modgate-vm/lib.sh
lsms=$(cat /sys/kernel/security/lsm); echo "active LSMs: $lsms"
case ",$lsms," in *,bpf,*) fail "bpf is an active LSM" ;; esac
case ",$lsms," in *,capability,*) ;; *) fail "capability is not an active LSM" ;; esac
