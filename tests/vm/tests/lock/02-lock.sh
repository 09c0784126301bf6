# modgate lock: exit 0 and what it protected; idempotent; status says locked, since when, and what the kernel cannot give.
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
expect_enforced
# Remember modgate's ids for the attacks by id (after lock, bpftool can no longer list them).
map_ids > /tmp/lock-map-ids
prog_ids > /tmp/lock-prog-ids
link_ids_of $(awk '{ print $1 }' /tmp/lock-prog-ids) > /tmp/lock-link-ids
[ "$(wc -l < /tmp/lock-map-ids)" -eq "$MG_MAPS" ] || fail "expected modgate's $MG_MAPS maps: $(cat /tmp/lock-map-ids)"
[ "$(wc -l < /tmp/lock-link-ids)" -eq "$MG_LINKS" ] || fail "expected modgate's $MG_LINKS links: $(cat /tmp/lock-link-ids)"
# freplace can only replace global functions: in modgate's BTF the only global FUNCs are its entry programs
# (as many as the programs sharing that BTF), every subprogram is static.
checked=0
for line in $(bpftool btf show | sed -n 's/^\([0-9]*\): .* prog_ids \([0-9,]*\).*/\1:\2/p'); do
  id=${line%%:*}; progs=${line#*:}
  funcs=$(bpftool btf dump id "$id" | sed -n "s/.*FUNC '\([a-z_0-9]*\)' type_id=[0-9]* linkage=\([a-z]*\).*/\1 \2/p")
  echo "$funcs" | grep -q '^mg_' || continue
  globals=$(echo "$funcs" | awk '$2 == "global"' | wc -l)
  nprogs=$(echo "$progs" | tr ',' '\n' | grep -c .)
  echo "btf $id: $(echo "$funcs" | tr '\n' ' ')"
  [ "$globals" -eq "$nprogs" ] || fail "btf $id: $globals global functions for $nprogs programs: a global subprogram could be replaced"
  echo "$funcs" | grep -q ' static$' || fail "btf $id: no static subprogram found (the check would prove nothing)"
  checked=$((checked + 1))
done
[ "$checked" -ge 1 ] || fail "no BTF of modgate's programs found"
expect_status 0 -- modgate lock
expect_output_has "modgate: policy locked until reboot ($((MG_LINKS + LOCK_LINKS)) programs, $MG_MAPS maps, $((MG_LINKS + LOCK_LINKS)) links,"
expect_status 0 -- modgate lock
expect_output_has "modgate: already locked since "
expect_output_has "; nothing changed"
expect_status 0 -- modgate status --wide
expect_output_has "locked: yes (since "
expect_output_has "protected: policy maps frozen"
expect_output_has "protected: lsm/sb_umount"
expect_output_has "protected: lsm/file_open: refuses writes to kernel.modprobe"
expect_output_has "not protected: kexec and /dev/mem: kernel lockdown is none"
expect_output_has "boot with lockdown=integrity"
[ "$(cat /proc/sys/kernel/modules_disabled)" = 0 ] || fail "modules_disabled set although the policy has load classic"
expect_enforced
