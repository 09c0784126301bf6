# After lock: no new descriptor to any of modgate's programs, maps or links, by id or by pin, so no map update or
# delete, no detach, and no descriptor to aim freplace at (02 checked that no subprogram is global).
. /usr/lib/modgate-vm/lib.sh
. /tests/lock/attack-lib.sh
# The audit ring buffer is the one map left open (a restarted agent must read it; 10-agent-after-lock.sh).
grep -v ' mg_events$' /tmp/lock-map-ids > /tmp/lock-closed-map-ids
[ "$(wc -l < /tmp/lock-closed-map-ids)" -eq $((MG_MAPS - 1)) ] || fail "expected $((MG_MAPS - 1)) closed maps: $(cat /tmp/lock-closed-map-ids)"
while read -r id name; do
  expect_status 255 -- bpftool map update id "$id" key 0 0 0 0 value $(zeros 16)
  expect_output_has "get map by id ($id): Operation not permitted"
  expect_status 255 -- bpftool map delete id "$id" key 0 0 0 0
  expect_output_has "get map by id ($id): Operation not permitted"
  echo "map $name ($id): update and delete refused"
done < /tmp/lock-closed-map-ids
literal=$(awk '$2 == "mg_literal" { print $1 }' /tmp/lock-map-ids)
expect_status 255 -- bpftool map update id "$literal" key $LITERAL_KEY value $LITERAL_VALUE
expect_output_has "Operation not permitted"
for pin in $(ls -d /sys/fs/bpf/modgate/maps/* | grep -v '/mg_events$'); do
  expect_status 255 -- bpftool map update pinned "$pin" key 0 0 0 0 value $(zeros 16)
  expect_output_has "Operation not permitted"
done
while read -r id name; do
  expect_refused "($id): Operation not permitted" -- bpftool prog show id "$id"
done < /tmp/lock-prog-ids
while read -r id; do
  expect_refused "Operation not permitted" -- bpftool link show id "$id"
  expect_refused "Operation not permitted" -- bpftool link detach id "$id"
done < /tmp/lock-link-ids
for pin in /sys/fs/bpf/modgate/links/* /sys/fs/bpf/modgate/lock/links/*; do
  expect_status 255 -- bpftool link show pinned "$pin"
  expect_output_has "Operation not permitted"
done
# The lock protects itself: its 11 programs and 11 links (ids after modgate's) refuse descriptors as well.
# (ids are never reused before they wrap; libbpf's feature probes and other tests' programs take ids in between)
count_refused() { # KIND FIRST: how many of the 200 ids from FIRST refuse a descriptor
  n=0
  for id in $(seq "$2" $(($2 + 199))); do
    bpftool "$1" show id "$id" 2>&1 | grep -q "Operation not permitted" && n=$((n + 1))
  done
  echo "$n"
}
last_prog=$(sort -n /tmp/lock-prog-ids | tail -n 1 | cut -d' ' -f1)
last_link=$(sort -n /tmp/lock-link-ids | tail -n 1)
[ "$(count_refused prog $((last_prog + 1)))" -eq 11 ] || fail "the lock's 11 programs do not all refuse descriptors"
[ "$(count_refused link $((last_link + 1)))" -eq 11 ] || fail "the lock's 11 links do not all refuse descriptors"
# Its tables are read-only to programs and frozen: readable (status needs them), never writable.
expect_status 0 -- bpftool map dump pinned /sys/fs/bpf/modgate/lock/maps/mg_lock_state
expect_output_has '"flags": 1,'
for table in mg_lock_ids mg_lock_inodes; do
  expect_refused "Operation not permitted" -- bpftool map update pinned /sys/fs/bpf/modgate/lock/maps/$table key $(zeros 8) value 0
  expect_refused "Operation not permitted" -- bpftool map delete pinned /sys/fs/bpf/modgate/lock/maps/$table key $(zeros 8)
done
expect_refused "Operation not permitted" -- bpftool map update pinned /sys/fs/bpf/modgate/lock/maps/mg_lock_state key 0 0 0 0 value $(zeros 24)
[ -z "$(bpftool prog show 2>/dev/null | grep ' name mg_')" ] || fail "bpftool still lists modgate's programs"
expect_enforced
