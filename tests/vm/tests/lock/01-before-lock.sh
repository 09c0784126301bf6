# Baselines: before `modgate lock`, every attack of the later tests works for root, so those tests can fail.
# Each attack is shown to remove or change enforcement (the kernel's own decision for tty-ldisc-13, asked through
# modgate's test hook: nothing is loaded), then modgate is applied afresh. n_hdlc itself stays unloaded for 08.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
reapply

echo "== rm of every pin"
expect_status 0 -- rm /sys/fs/bpf/modgate/links/mg_module_request
expect_prog_gone mg_module_request
expect_status 0 -- sh -c 'rm /sys/fs/bpf/modgate/links/* /sys/fs/bpf/modgate/maps/*'
expect_not_enforced
reapply

echo "== mv of the links away (then rm)"
expect_status 0 -- mv /sys/fs/bpf/modgate/links /sys/fs/bpf/stolen
expect_status 0 -- rm -r /sys/fs/bpf/stolen
expect_not_enforced
expect_prog_gone mg_module_request
reapply

echo "== umount of the bpffs"
expect_status 0 -- umount /sys/fs/bpf
expect_not_enforced
expect_prog_gone mg_module_request
reapply

echo "== bpftool map update / delete by id"
state=$(map_id mg_state); literal=$(map_id mg_literal)
[ -n "$state" ] && [ -n "$literal" ] || fail "no mg_state/mg_literal in bpftool map show"
expect_status 0 -- bpftool map update id "$literal" key $LITERAL_KEY value $LITERAL_VALUE
expect_status 0 -- bpftool map delete id "$literal" key $LITERAL_KEY
expect_status 0 -- bpftool map update id "$state" key 0 0 0 0 value $(zeros 16)
expect_not_enforced
reapply

echo "== new descriptors by id: prog, map, link"
progs=$(prog_ids | awk '{ print $1 }' | tr '\n' ' ')
[ -n "$progs" ] || fail "no mg_ programs in bpftool prog show"
for id in $progs; do expect_status 0 -- bpftool prog show id "$id"; done
for id in $(link_ids_of $progs); do
  expect_status 0 -- bpftool link show id "$id"
  # 6.1 cannot detach an LSM link (EOPNOTSUPP) even before lock: unpinning is how it is detached.
  expect_status 1 -- bpftool link detach id "$id"
  expect_output_has "Operation not supported"
done
expect_status 0 -- bpftool map show pinned /sys/fs/bpf/modgate/maps/mg_config
expect_status 0 -- bpftool link show pinned /sys/fs/bpf/modgate/links/mg_capable

echo "== sysctl kernel.modprobe"
expect_status 0 -- sysctl -w kernel.modprobe=/tmp/x
[ "$(cat /proc/sys/kernel/modprobe)" = /tmp/x ] || fail "kernel.modprobe not changed"
expect_status 0 -- sysctl -w kernel.modprobe=/sbin/modprobe

echo "== modgate apply of an allow-all policy, modgate disable"
expect_status 0 -- modgate apply /tests/lock/allow-all.conf
expect_not_enforced
reapply
expect_status 0 -- modgate disable
expect_not_enforced
reapply
expect_status 0 -- modgate status --wide
expect_output_has "locked: no"
expect_not_loaded n_hdlc
