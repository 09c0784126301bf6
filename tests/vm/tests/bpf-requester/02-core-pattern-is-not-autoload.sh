# Issue 14 #5: only a modprobe the kernel started for a request_module carries origin=autoload. A core_pattern helper
# that runs `modprobe -q -- nls_cp1250` (same program, same argv, also started by a kernel thread) was marked autoload
# and loaded what `origin=autoload` allows while a direct load was refused.
. /usr/lib/modgate-vm/lib.sh
printf 'version 1\nallow module=nls_cp1250 origin=autoload\ndeny module=nls_cp1250\n' > /tmp/origin.conf
expect_status 0 -- modgate apply /tmp/origin.conf
expect_finit 1 'finit_module: errno=EPERM (Operation not permitted)' "$(module_file nls_cp1250)"
before=$(cat /proc/sys/kernel/core_pattern)
echo '|/sbin/modprobe -q -- nls_cp1250' > /proc/sys/kernel/core_pattern || fail "setting core_pattern"
sh -c 'ulimit -c unlimited; kill -SEGV $$' 2>/dev/null
sleep 3
echo "$before" > /proc/sys/kernel/core_pattern
expect_not_loaded nls_cp1250
