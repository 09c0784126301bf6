# The default boot has bpf in the active LSM list (what modgate's full enforcement needs).
. /usr/lib/modgate-vm/lib.sh
lsms=$(cat /sys/kernel/security/lsm); echo "active LSMs: $lsms"
case ",$lsms," in *,bpf,*) ;; *) fail "bpf is not an active LSM" ;; esac
