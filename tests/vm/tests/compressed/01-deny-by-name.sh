# Issue 13: on Debian 13 (6.12, .ko.xz, CONFIG_MODULE_DECOMPRESS, trixie's kmod 34) every modprobe is
# finit_module(fd, "", MODULE_INIT_COMPRESSED_FILE) and no hook sees the ELF. Under `deny module=wp512` both kmod's
# modprobe and a raw compressed finit_module are refused by the module's name (the index of the running kernel's
# compressed files; from 7.0 the decompressed image), each with one audit record naming wp512. Before, the image
# was judged by the empty name: loaded.
. /usr/lib/modgate-vm/lib.sh
. /tests/agent/agent-lib.sh
f=$(/sbin/modinfo -n wp512) || fail "modinfo -n wp512"
case $f in *.ko.xz) ;; *) fail "expected Debian 13's .ko.xz, found $f" ;; esac
/sbin/modprobe --version | grep -q 'kmod version 3[1-9]' || fail "expected kmod >= 31 ($(/sbin/modprobe --version | head -n 1))"
mkdir -p /etc/modgate
printf 'version 1\ndeny module=wp512\n' > /etc/modgate/policy.conf
start_agent
expect_status 1 -- /sbin/modprobe wp512
expect_output_has "Operation not permitted"
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module "$f" "" compressed
expect_not_loaded wp512
wait_records 2
sleep 1
[ "$(records)" = 2 ] || { cat "$AUDIT"; fail "$(records) records for two denied loads"; }
[ "$(grep -c '"verb":"load".*"module":"wp512".*"decision":"deny"' "$AUDIT")" = 2 ] || { cat "$AUDIT"; fail "records do not name wp512"; }
stop_agent
