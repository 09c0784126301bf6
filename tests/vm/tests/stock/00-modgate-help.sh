# The NativeAOT modgate binary and the libraries it needs work in the guest.
. /usr/lib/modgate-vm/lib.sh
command -v modgate >/dev/null || fail "no modgate in the guest (did dotnet publish fail? see artifacts/vm/publish.log)"
out=$(modgate --help 2>&1); rc=$?
echo "$out"
[ $rc -eq 0 ] || fail "modgate --help exited $rc"
echo "$out" | grep -q '^Usage:' || fail "modgate --help printed no Usage: line"
echo "$out" | grep -q 'modgate' || fail "modgate --help does not name modgate"
